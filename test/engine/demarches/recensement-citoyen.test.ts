import { lint, lintRouting, route, start, type Actor, type Demarche, type PieceRef, type RoutingTable } from '../../../engine';
import { DossierHarness, SYSTEM } from '../../fixtures/dossierHarness';
import { DEMARCHES, ROUTING } from '../../../definitions';

const demarche: Demarche = DEMARCHES['recensement-citoyen'];
const table: RoutingTable = ROUTING['recensement-citoyen'];

const usager: Actor = { id: 'u1', roles: ['usager'] };
const accueil: Actor = { id: 'acc1', roles: ['accueil'] };
const agent: Actor = { id: 'ag1', roles: ['agent'] };

// Monday 15 June 2026, 10:00 in Paris (summer time).
const S = '2026-06-15T08:00:00.000Z';

type Data = Record<string, unknown>;

/** A complete form: Léa Martin, born in Tours, filing herself on the day of her 16th birthday. */
function donnees(jeune: Data = {}, autres: Data = {}): Data {
  return {
    declarant: { qualite: 'jeune' },
    jeune: {
      nomNaissance: 'Martin',
      prenoms: 'Léa Marie',
      sexe: 'F',
      dateNaissance: '2010-06-15',
      lieuNaissance: { enFrance: true, commune: 'Tours', departement: '37' },
      ...jeune,
    },
    nationalite: { modeAcquisition: 'naissance' },
    adresse: { voie: '12 rue Nationale', codePostal: '37000', commune: 'Tours' },
    contact: { telephone: '06 12 34 56 78', courriel: 'lea.martin@example.fr' },
    parents: [
      { nom: 'Martin', prenoms: 'Paul', dateNaissance: '1978-02-03' },
      { nom: 'Durand', prenoms: 'Sophie' },
    ],
    situation: { statut: 'scolarise', niveau: 'lycee', etablissement: 'Lycée Descartes' },
    declarationHonneur: true,
    ...autres,
  };
}

const ne = (dateNaissance: string, autres: Data = {}) => donnees({ dateNaissance }, autres);

function joint(...ids: string[]): Record<string, PieceRef[]> {
  return Object.fromEntries(ids.map((id) => [id, [{ id: `${id}-0`, name: `${id}.pdf`, at: S }]]));
}
const PIECES_JEUNE = joint('piece_identite_jeune', 'livret_famille');

/** Files a dossier at `at`, with the young person's ID and the livret de famille attached. */
function depose(data: Data = donnees(), at = S, pieces = PIECES_JEUNE): DossierHarness {
  return DossierHarness.start(demarche, data, usager, at, pieces);
}

const instruction = (h: DossierHarness) => h.snapshot.context.instruction;

describe('recensement citoyen', () => {
  describe('definition', () => {
    it('lints clean, without any warning', () => {
      expect(lint(demarche)).toEqual([]);
    });

    it('has a routing table that lints clean against the démarche', () => {
      expect(lintRouting(table, demarche)).toEqual([]);
    });
  });

  describe('eligibility at submission', () => {
    it('refuses a young person the day before their 16th birthday and says from which date to come back', () => {
      const h = depose(ne('2010-06-16'));
      expect(h.states).toEqual(['non_recevable_moins_de_16_ans']);
      expect(h.done).toBe(true);
      expect(h.last.status).toMatchObject({ outcome: 'refuse', citizenStatus: 'Demande prématurée : revenez le jour de vos 16 ans' });
      expect(instruction(h)).toEqual({ ageAuDepot: 15, dateRetour: '2026-06-16' });
      expect(h.effects).toEqual([{ type: 'letter', template: 'refus_moins_de_16_ans', to: 'usager' }]);
      expect(demarche.templates!.refus_moins_de_16_ans.body).toContain('à partir du {{dossier.instruction.dateRetour}}');
      expect(h.timerDueDates()).toEqual({});
    });

    it('gives the 16th birthday as the return date for a much younger child', () => {
      const h = depose(ne('2012-01-31'));
      expect(instruction(h)).toEqual({ ageAuDepot: 14, dateRetour: '2028-01-31' });
    });

    it('gives 29 February as the return date of a leap-day birth, and accepts on that day', () => {
      expect(instruction(depose(ne('2012-02-29'), '2028-02-28T10:00:00.000Z'))).toEqual({ ageAuDepot: 15, dateRetour: '2028-02-29' });
      expect(depose(ne('2012-02-29'), '2028-02-29T10:00:00.000Z').states).toEqual(['instruction.verification_pieces']);
    });

    it('accepts a young person on their 16th birthday as a registration within the legal period', () => {
      const h = depose(ne('2010-06-15'));
      expect(h.states).toEqual(['instruction.verification_pieces']);
      expect(h.done).toBe(false);
      expect(instruction(h)).toEqual({ ageAuDepot: 16, regularisation: false });
      expect(h.effects).toEqual([{ type: 'notify', to: ['usager'], template: 'accuse_reception' }]);
      expect(h.last.status).toMatchObject({ citizenStatus: 'Pièces en cours de vérification', piecesManquantes: [] });
    });

    it('counts the birthday on the Paris calendar: from its first minute, not before', () => {
      // 00:30 in Paris on 15 June is still 14 June in UTC.
      expect(depose(ne('2010-06-15'), '2026-06-14T22:30:00.000Z').states).toEqual(['instruction.verification_pieces']);
      // 23:30 in Paris on 14 June: the day before.
      expect(depose(ne('2010-06-15'), '2026-06-14T21:30:00.000Z').states).toEqual(['non_recevable_moins_de_16_ans']);
    });

    it('is still within the legal period at exactly 16 years and 3 months', () => {
      const h = depose(ne('2010-03-15'));
      expect(instruction(h)).toEqual({ ageAuDepot: 16, regularisation: false });
    });

    it('is within the legal period until the last day of the third month after the birthday’s month, late from the next day', () => {
      // Born 15 March: the period ends on 30 June (Paris time).
      expect(instruction(depose(ne('2010-03-15'), '2026-06-30T21:30:00.000Z')).regularisation).toBe(false);
      expect(instruction(depose(ne('2010-03-15'), '2026-06-30T22:30:00.000Z')).regularisation).toBe(true);
      // Born on the last day of a month: same end of period.
      expect(instruction(depose(ne('2010-03-31'), '2026-06-30T10:00:00.000Z')).regularisation).toBe(false);
      // Born in February: the period ended on 31 May.
      expect(instruction(depose(ne('2010-02-28'))).regularisation).toBe(true);
    });

    it('flags a late registration (régularisation) for the agent, the day before the 25th birthday', () => {
      const h = depose(ne('2001-06-16'));
      expect(h.states).toEqual(['instruction.verification_pieces']);
      expect(instruction(h)).toEqual({ ageAuDepot: 24, regularisation: true });
      expect(h.available(agent)).toEqual(['demander_pieces', 'valider', 'refuser']);
    });

    it('refuses a person on their 25th birthday: no longer subject to the census', () => {
      const h = depose(ne('2001-06-15'));
      expect(h.states).toEqual(['non_recevable_25_ans_ou_plus']);
      expect(h.last.status).toMatchObject({ done: true, outcome: 'refuse' });
      expect(instruction(h)).toEqual({ ageAuDepot: 25 });
      expect(h.effects).toEqual([{ type: 'letter', template: 'refus_25_ans_ou_plus', to: 'usager' }]);
      expect(demarche.templates!.refus_25_ans_ou_plus.body).toContain('tribunal administratif');
    });

    describe('French by acquisition after 16', () => {
      const naturalise = (dateAcquisition: string) =>
        ne('2008-01-10', { nationalite: { modeAcquisition: 'naturalisation', dateAcquisition } });
      const PIECES_NATURALISE = joint('piece_identite_jeune', 'livret_famille', 'justificatif_nationalite');

      it('is within the legal period until the end of the month following the acquisition’s month', () => {
        const h = depose(naturalise('2026-05-02'), S, PIECES_NATURALISE);
        expect(instruction(h)).toEqual({ ageAuDepot: 18, regularisation: false });
        expect(h.last.status.piecesManquantes).toEqual([]);
        // Acquired on 31 May: within the period until 30 June at midnight in Paris.
        expect(instruction(depose(naturalise('2026-05-31'), '2026-06-30T21:30:00.000Z', PIECES_NATURALISE)).regularisation).toBe(false);
      });

      it('is a late registration after the end of the month following the acquisition’s month', () => {
        expect(instruction(depose(naturalise('2026-05-31'), '2026-06-30T22:30:00.000Z', PIECES_NATURALISE)).regularisation).toBe(true);
        expect(instruction(depose(naturalise('2026-04-30'), S, PIECES_NATURALISE)).regularisation).toBe(true);
      });

      it('does not count an acquisition date in the future', () => {
        expect(instruction(depose(naturalise('2026-06-20'), S, PIECES_NATURALISE)).regularisation).toBe(true);
      });

      it('follows the birth date when the nationality was acquired before 16', () => {
        expect(instruction(depose(naturalise('2023-01-10'), S, PIECES_NATURALISE)).regularisation).toBe(true);
      });

      it('requires the proof of acquisition', () => {
        expect(depose(naturalise('2026-05-02')).last.status.piecesManquantes).toEqual(['justificatif_nationalite']);
      });
    });
  });

  describe('form', () => {
    it('asks for the representative’s identity and ID only when a legal representative files', () => {
      const representant = { lien: 'parent', nom: 'Martin', prenoms: 'Paul', telephone: '+33 6 12 34 56 78', courriel: 'paul.martin@example.fr' };
      const h = depose(donnees({}, { declarant: { qualite: 'representant_legal', representant } }));
      expect(h.last.status.piecesManquantes).toEqual(['piece_identite_representant']);
      expect(depose().last.status.piecesManquantes).toEqual([]);

      const sans = start(demarche, { data: donnees({}, { declarant: { qualite: 'representant_legal' } }), actor: usager, now: S });
      expect(sans).toMatchObject({ ok: false, reason: 'invalid_data' });
      if (!sans.ok) expect(sans.errors).toEqual([expect.objectContaining({ pointer: '/declarant/representant', message: 'Ce champ est obligatoire.' })]);
    });

    it('asks for the département of a birth in France and the country of a birth abroad', () => {
      const etranger = start(demarche, { data: donnees({ lieuNaissance: { enFrance: false, commune: 'Montréal' } }), actor: usager, now: S });
      if (etranger.ok) throw new Error('attendu : refus');
      expect(etranger.errors).toEqual([expect.objectContaining({ pointer: '/jeune/lieuNaissance/pays', message: 'Ce champ est obligatoire.' })]);
      expect(depose(donnees({ lieuNaissance: { enFrance: false, commune: 'Montréal', pays: 'Canada' } })).states).toEqual(['instruction.verification_pieces']);
      const corse = start(demarche, { data: donnees({ lieuNaissance: { enFrance: true, commune: 'Ajaccio', departement: '20' } }), actor: usager, now: S });
      expect(corse).toMatchObject({ ok: false, errors: [{ pointer: '/jeune/lieuNaissance/departement', message: 'Le format n’est pas celui attendu.' }] });
      expect(depose(donnees({ lieuNaissance: { enFrance: true, commune: 'Ajaccio', departement: '2A' } })).done).toBe(false);
    });

    it('refuses invalid data with French messages on each field', () => {
      const data = donnees({ dateNaissance: '15/06/2010', prenoms: '' }, {
        adresse: { voie: '12 rue Nationale', codePostal: '3700', commune: 'Tours' },
        contact: { telephone: '12 34', courriel: 'lea.martin' },
        situation: { statut: 'scolarise' },
        declarationHonneur: false,
      });
      const outcome = start(demarche, { data, actor: usager, now: S });
      expect(outcome).toMatchObject({ ok: false, reason: 'invalid_data', message: 'Le formulaire contient 7 erreurs : corrigez les champs signalés.' });
      if (outcome.ok) return;
      expect(outcome.errors).toEqual(expect.arrayContaining([
        { pointer: '/jeune/prenoms', field: 'Prénoms', message: 'Ce champ ne peut pas être vide.' },
        { pointer: '/jeune/dateNaissance', field: 'Date de naissance', message: 'Doit être une date au format AAAA-MM-JJ.' },
        { pointer: '/adresse/codePostal', field: 'Code postal', message: 'Le format n’est pas celui attendu.' },
        { pointer: '/contact/telephone', field: 'Téléphone', message: 'Le format n’est pas celui attendu.' },
        { pointer: '/contact/courriel', field: 'Adresse e-mail', message: 'Doit être une adresse e-mail valide.' },
        { pointer: '/situation/niveau', field: 'Niveau d’études', message: 'Ce champ est obligatoire.' },
        { pointer: '/declarationHonneur', field: 'Je certifie sur l’honneur l’exactitude des renseignements fournis', message: 'Cochez cette case.' },
      ]));
    });

    it('requires the date a nationality was acquired, unless French by birth', () => {
      const outcome = start(demarche, { data: donnees({}, { nationalite: { modeAcquisition: 'declaration' } }), actor: usager, now: S });
      expect(outcome).toMatchObject({ ok: false, errors: [{ pointer: '/nationalite/dateAcquisition', message: 'Ce champ est obligatoire.' }] });
    });

    it('lets an agent at the desk file on behalf of the young person', () => {
      const h = DossierHarness.start(demarche, donnees(), agent, S, PIECES_JEUNE);
      expect(h.history[0].actor).toEqual({ id: 'ag1', role: 'agent' });
    });
  });

  describe('instruction', () => {
    it('validates, makes the attestation available, sends the record to the CSN list and closes when the list is recorded', () => {
      const h = depose();
      expect(h.available(agent)).toEqual(['demander_pieces', 'valider', 'refuser']);
      expect(h.available(accueil)).toEqual(['demander_pieces']);
      expect(h.available(usager)).toEqual(['abandonner']);

      const valide = h.send('valider', {}, agent, '2026-06-17T07:30:00.000Z');
      expect(valide.effects).toEqual([
        { type: 'document', template: 'attestation_recensement' },
        { type: 'notify', to: ['usager'], template: 'attestation_disponible' },
        { type: 'callout', service: 'csn', operation: 'liste_recensement' },
      ]);
      expect(h.states).toEqual(['attente_liste']);
      expect(instruction(h).dateRecensement).toBe('2026-06-17T07:30:00.000Z');
      expect(valide.status).toMatchObject({
        citizenStatus: 'Recensement enregistré : attestation disponible',
        citizenActions: [expect.stringContaining('Téléchargez votre attestation')],
      });
      expect(h.timerDueDates()).toEqual({ 'after:attente_liste:P4M': '2026-10-17T07:30:00.000Z' });
      expect(h.available(agent)).toEqual(['inscription_liste']);
      expect(h.available(SYSTEM)).toEqual(['inscription_liste']);
      expect(h.available(usager)).toEqual([]);

      const clos = h.send('inscription_liste', { liste: '2026-T2', dateEnvoi: '2026-07-01' }, SYSTEM, '2026-07-01T08:00:00.000Z');
      expect(h.states).toEqual(['recense']);
      expect(clos.status).toMatchObject({ done: true, outcome: 'accepte', citizenStatus: 'Recensement terminé' });
      expect(clos.history).toMatchObject({ event: 'inscription_liste', actor: { id: 'systeme', role: 'systeme' }, from: ['attente_liste'], to: ['recense'] });
      expect(instruction(h)).toMatchObject({ listeRecensement: '2026-T2', dateEnvoiListe: '2026-07-01' });
      expect(clos.timers.cancelAll).toBe(true);
      expect(h.timerDueDates()).toEqual({});
      expect(h.trySend('valider', {}, agent)).toMatchObject({ ok: false, reason: 'not_in_state', message: 'Le dossier est clos : plus aucune action n’est possible.' });
    });

    it('puts the young person’s identity and the date in the attestation', () => {
      const attestation = demarche.templates!.attestation_recensement;
      expect(attestation.kind).toBe('document');
      for (const tag of ['{{data.jeune.prenoms}}', '{{data.jeune.nomNaissance}}', '{{data.jeune.dateNaissance}}', '{{data.jeune.lieuNaissance.commune}}', '{{dossier.instruction.dateRecensement}}', '{{now}}', '{{dossier.reference}}']) {
        expect(attestation.body).toContain(tag);
      }
    });

    it('lets an agent record the inclusion in the list', () => {
      const h = depose();
      h.send('valider', {}, agent);
      expect(h.trySend('inscription_liste', { liste: '2026-T2' }, agent)).toMatchObject({ ok: false, reason: 'invalid_payload', errors: [{ pointer: '/dateEnvoi', message: 'Ce champ est obligatoire.' }] });
      h.send('inscription_liste', { liste: '2026-T2', dateEnvoi: '2026-07-01' }, agent);
      expect(h.last.history.actor).toEqual({ id: 'ag1', role: 'agent' });
      expect(h.last.status.outcome).toBe('accepte');
    });

    it('reminds the agent every four months while the validated record is on no quarterly list', () => {
      const h = depose();
      h.send('valider', {}, agent, '2026-06-17T07:30:00.000Z');
      const fired = h.advanceTo('2027-03-01T00:00:00.000Z');
      expect(fired.map((f) => f.history.at)).toEqual(['2026-10-17T07:30:00.000Z', '2027-02-17T08:30:00.000Z']);
      expect(fired[0].effects).toEqual([{ type: 'notify', to: ['agent'], template: 'inscription_en_retard' }]);
      expect(h.states).toEqual(['attente_liste']);
      // 09:30 in Paris each time, in summer and in winter time.
      expect(h.timerDueDates()).toEqual({ 'after:attente_liste:P4M': '2027-06-17T07:30:00.000Z' });
    });

    it('lets the régularisation through the same steps, the flag staying on the dossier', () => {
      const h = depose(ne('2005-01-20'));
      expect(instruction(h).regularisation).toBe(true);
      h.send('valider', {}, agent);
      h.send('inscription_liste', { liste: '2026-T2', dateEnvoi: '2026-07-01' }, SYSTEM);
      expect(h.last.status.outcome).toBe('accepte');
      expect(instruction(h)).toMatchObject({ regularisation: true, ageAuDepot: 21 });
    });

    it('does not validate while documents are missing', () => {
      const h = depose(donnees(), S, joint('piece_identite_jeune'));
      expect(h.last.status.piecesManquantes).toEqual(['livret_famille']);
      expect(h.trySend('valider', {}, agent)).toMatchObject({ ok: false, reason: 'guard_failed' });
      expect(h.states).toEqual(['instruction.verification_pieces']);
    });

    it('asks for missing documents, waits for all of them, then validates', () => {
      const h = depose(donnees(), S, joint('piece_identite_jeune'));
      const demande = h.send('demander_pieces', { pieces: ['livret_famille', 'piece_identite_jeune'], precisions: 'La carte d’identité est illisible.' }, accueil, '2026-06-16T08:00:00.000Z');
      expect(h.states).toEqual(['instruction.attente_pieces']);
      expect(demande.effects).toEqual([{ type: 'notify', to: ['usager'], template: 'demande_pieces' }]);
      expect(instruction(h)).toMatchObject({
        piecesDemandees: ['Copie du livret de famille', 'Carte d’identité ou passeport de la personne à recenser'],
        precisionsPieces: 'La carte d’identité est illisible.',
      });
      expect(demande.status).toMatchObject({
        citizenStatus: 'Pièces à fournir',
        citizenActions: ['Ajoutez à votre dossier les pièces demandées par la mairie.'],
        piecesManquantes: ['piece_identite_jeune', 'livret_famille'],
        deadlines: [expect.objectContaining({ name: 'production_pieces', kind: 'service', status: 'running', dueAt: '2026-07-16T08:00:00.000Z' })],
      });
      expect(h.timerDueDates()).toEqual({
        'delai.production_pieces.echu': '2026-07-16T08:00:00.000Z',
        'delai.production_pieces.alerte:P7D': '2026-07-09T08:00:00.000Z',
      });
      expect(h.available(agent)).toEqual(['refuser']);
      expect(h.available(accueil)).toEqual([]);
      expect(h.available(usager)).toEqual(['abandonner']);
      expect(h.trySend('valider', {}, agent)).toMatchObject({ ok: false, reason: 'not_in_state', message: '« Valider le recensement » n’est pas possible à l’étape « En attente de pièces ».' });

      h.deposit({ livret_famille: ['livret.pdf'] }, usager, '2026-06-20T08:00:00.000Z');
      expect(h.states).toEqual(['instruction.attente_pieces']);
      expect(h.last.status.piecesManquantes).toEqual(['piece_identite_jeune']);

      const complet = h.deposit({ piece_identite_jeune: ['cni-recto-verso.pdf'] }, usager, '2026-06-22T08:00:00.000Z');
      expect(h.states).toEqual(['instruction.verification_pieces']);
      expect(complet.status.deadlines).toEqual([expect.objectContaining({ name: 'production_pieces', status: 'stopped' })]);
      expect(h.timerDueDates()).toEqual({});

      h.send('valider', {}, agent);
      expect(h.states).toEqual(['attente_liste']);
    });

    it('reminds the citizen 7 days before the end of the délai, then files the dossier without action', () => {
      const h = depose(donnees(), S, joint('piece_identite_jeune'));
      h.send('demander_pieces', { pieces: ['livret_famille'] }, agent, '2026-06-16T08:00:00.000Z');
      const [alerte, echu] = h.advanceTo('2026-07-20T00:00:00.000Z');
      expect(alerte.history.at).toBe('2026-07-09T08:00:00.000Z');
      expect(alerte.effects).toEqual([{ type: 'notify', to: ['usager'], template: 'relance_pieces', deadline: 'production_pieces' }]);
      expect(echu.history).toMatchObject({ event: 'delai.production_pieces.echu', at: '2026-07-16T08:00:00.000Z', to: ['classe_sans_suite'] });
      expect(echu.effects).toEqual([{ type: 'letter', template: 'classement_sans_suite', to: 'usager' }]);
      expect(echu.status).toMatchObject({ done: true, outcome: 'sans_suite', citizenStatus: 'Demande classée sans suite' });
    });

    it('refuses with a motif when the documents do not match, and sends the letter', () => {
      const h = depose();
      expect(h.trySend('refuser', { motif: 'Pièces non conformes' }, accueil)).toMatchObject({
        ok: false, reason: 'forbidden', message: 'Votre rôle ne permet pas « Refuser ». Rôles autorisés : « agent ».',
      });
      const sans = h.trySend('refuser', {}, agent);
      expect(sans).toMatchObject({ ok: false, reason: 'invalid_payload', errors: [{ pointer: '/motif', field: 'Motif du refus', message: 'Ce champ est obligatoire.' }] });
      expect(h.trySend('refuser', { motif: 'Non' }, agent)).toMatchObject({ ok: false, reason: 'invalid_payload', errors: [{ pointer: '/motif', message: 'Doit contenir au moins 10 caractères.' }] });

      const motif = 'La pièce d’identité jointe ne correspond pas à la personne à recenser.';
      const refus = h.send('refuser', { motif }, agent);
      expect(h.states).toEqual(['refuse']);
      expect(refus.effects).toEqual([{ type: 'letter', template: 'refus', to: 'usager' }]);
      expect(refus.status).toMatchObject({ done: true, outcome: 'refuse' });
      expect(instruction(h).motif).toBe(motif);
      expect(demarche.templates!.refus.body).toContain('{{dossier.instruction.motif}}');
      expect(demarche.templates!.refus.body).toContain('recours');
    });

    it('can refuse while waiting for documents, stopping the délai', () => {
      const h = depose(donnees(), S, joint('piece_identite_jeune'));
      h.send('demander_pieces', { pieces: ['livret_famille'] }, agent);
      const refus = h.send('refuser', { motif: 'Le livret de famille fourni est celui d’une autre famille.' }, agent);
      expect(refus.status).toMatchObject({ outcome: 'refuse', deadlines: [expect.objectContaining({ status: 'stopped' })] });
      expect(h.timerDueDates()).toEqual({});
    });

    it('lets the citizen withdraw the request before validation', () => {
      const h = depose();
      expect(h.trySend('abandonner', {}, agent)).toMatchObject({ ok: false, reason: 'forbidden' });
      const retrait = h.send('abandonner', {}, usager);
      expect(h.states).toEqual(['abandonne']);
      expect(retrait.status).toMatchObject({ done: true, outcome: 'abandonne', citizenStatus: 'Demande retirée' });
    });

    it('lets the citizen withdraw while documents are awaited', () => {
      const h = depose(donnees(), S, joint('piece_identite_jeune'));
      h.send('demander_pieces', { pieces: ['livret_famille'] }, agent);
      expect(h.send('abandonner', {}, usager).status.outcome).toBe('abandonne');
    });

    it('refuses the events of another step', () => {
      const h = depose();
      expect(h.trySend('inscription_liste', { liste: '2026-T2', dateEnvoi: '2026-07-01' }, SYSTEM)).toMatchObject({ ok: false, reason: 'not_in_state' });
      h.send('valider', {}, agent);
      expect(h.trySend('abandonner', {}, usager)).toMatchObject({ ok: false, reason: 'not_in_state' });
      expect(h.trySend('demander_pieces', { pieces: ['livret_famille'] }, agent)).toMatchObject({ ok: false, reason: 'not_in_state' });
    });

    it('only offers pièces of the démarche to request', () => {
      const h = depose();
      expect(h.trySend('demander_pieces', { pieces: ['avis_imposition'] }, agent)).toMatchObject({ ok: false, reason: 'invalid_payload' });
      expect(h.trySend('demander_pieces', { pieces: [] }, agent)).toMatchObject({ ok: false, reason: 'invalid_payload', errors: [{ pointer: '/pieces' }] });
    });
  });

  describe('routing', () => {
    const now = S;
    const parametres = Object.fromEntries(Object.entries(demarche.parameters!).map(([name, p]) => [name, p.value]));
    const dossier = (data: Data, instruction: Data = {}) => ({ data, dossier: { instruction }, parametres, now });

    it('puts a régularisation in the last year before 25 first', () => {
      expect(route(table, dossier(ne('2001-09-01')))).toEqual({
        service: 'affaires-militaires', site: 'hotel-de-ville', queue: 'regularisation', priority: 'haute', rule: 'veille_25_ans',
      });
    });

    it('sends other late registrations to the régularisation queue', () => {
      expect(route(table, dossier(ne('2008-01-10'), { regularisation: true }))).toMatchObject({ queue: 'regularisation', priority: 'normale', rule: 'regularisation' });
    });

    it('sends residents of the northern quarters to the mairie annexe', () => {
      const data = donnees({}, { adresse: { voie: '3 place de la Victoire', codePostal: '37100', commune: 'Tours' } });
      expect(route(table, dossier(data))).toMatchObject({ service: 'guichet-unique', site: 'mairie-annexe', rule: 'quartiers_nord' });
    });

    it('sends everything else to the affaires militaires at the hôtel de ville', () => {
      expect(route(table, dossier(donnees()))).toEqual({ ...table.default, rule: null });
    });
  });
});
