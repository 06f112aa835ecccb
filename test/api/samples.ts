/** Valid form data for the shipped démarches, to file dossiers in API tests. */

/** An urgent-passport request; a departure within 7 days of filing makes it « urgente ». */
export function passeport(dateDepart = '2026-03-20'): Record<string, unknown> {
  return {
    numeroPreDemande: 'AB12CD34EF',
    titulaire: { nom: 'Martin', prenoms: 'Camille', dateNaissance: '1985-04-12', communeNaissance: 'Lyon', paysNaissance: 'France' },
    mineur: false,
    urgence: { motif: 'professionnelle', explication: 'Mission imprévue chez un client à Montréal, ordre de mission joint.' },
    voyage: { dateDepart, destination: 'Canada' },
    contact: { telephone: '06 12 34 56 78', courriel: 'camille.martin@exemple.fr' },
    adresse: { voie: '12 rue des Lilas', codePostal: '69003', commune: 'Lyon' },
    possedeAncienPasseport: false,
  };
}

/**
 * A census registration of someone who turns 16 on 2 March 2026 (the test servers' first day).
 * Postcode 37100 (northern quarters) goes to the front desk of the mairie annexe, others to
 * the Affaires militaires of the Hôtel de Ville.
 */
export function recensement(codePostal = '37000'): Record<string, unknown> {
  return {
    declarant: { qualite: 'jeune' },
    jeune: {
      nomNaissance: 'Martin', prenoms: 'Léa Marie', sexe: 'F', dateNaissance: '2010-03-02',
      lieuNaissance: { enFrance: true, commune: 'Tours', departement: '37' },
    },
    nationalite: { modeAcquisition: 'naissance' },
    adresse: { voie: '12 rue Nationale', codePostal, commune: 'Tours' },
    contact: { telephone: '06 12 34 56 78', courriel: 'lea.martin@example.fr' },
    parents: [{ nom: 'Martin', prenoms: 'Paul', dateNaissance: '1978-02-03' }, { nom: 'Durand', prenoms: 'Sophie' }],
    situation: { statut: 'scolarise', niveau: 'lycee', etablissement: 'Lycée Descartes' },
    declarationHonneur: true,
  };
}
