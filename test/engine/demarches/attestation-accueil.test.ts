import {
  lint, lintRouting, route, start, type Actor, type Demarche, type PieceRef, type RoutingTable,
} from '../../../engine';
import { DossierHarness, SYSTEM } from '../../fixtures/dossierHarness';
import { DEMARCHES, ROUTING } from '../../../definitions';

const demarche: Demarche = DEMARCHES['attestation-accueil'];
const routing: RoutingTable = ROUTING['attestation-accueil'];

const usager: Actor = { id: 'heb1', roles: ['usager'] };
const accueil: Actor = { id: 'acc1', roles: ['accueil'] };
const agent: Actor = { id: 'ag1', roles: ['agent'] };
const expert: Actor = { id: 'exp1', roles: ['expert'] };
const responsable: Actor = { id: 'resp1', roles: ['responsable'] };
const elu: Actor = { id: 'maire', roles: ['elu'] };

// Lundi 2 mars 2026, 10 h à Paris (heure d’hiver) ; l’heure d’été commence le 29 mars.
const T0 = '2026-03-02T09:00:00.000Z';
// Un mois plus tard, à la même heure de Paris : jeudi 2 avril 2026, 10 h (heure d’été).
const ONE_MONTH_AFTER_T0 = '2026-04-02T08:00:00.000Z';
// Sept jours avant : jeudi 26 mars 2026, 10 h (heure d’hiver).
const WARNING_AFTER_T0 = '2026-03-26T09:00:00.000Z';

const ECHU = 'delai.reponse_maire.echu';
const ALERTE = 'delai.reponse_maire.alerte:P7D';
const RELANCE = 'after:demande.attente_pieces.en_attente:relance_pieces';
const CLASSEMENT = 'after:demande.attente_pieces:classement_pieces';

function formData(overrides: { logement?: object; sejour?: object; hebergeant?: object } = {}): Record<string, unknown> {
  return {
    hebergeant: {
      civilite: 'madame',
      nom: 'Benali',
      prenoms: 'Samia',
      dateNaissance: '1978-05-14',
      lieuNaissance: 'Saint-Denis (France)',
      nationalite: 'française',
      telephone: '06 12 34 56 78',
      courriel: 'samia.benali@exemple.fr',
      adresse: { voie: '12 rue de la République', codePostal: '93200', commune: 'Saint-Denis' },
      ...overrides.hebergeant,
    },
    logement: { statut: 'locataire', type: 'appartement', surface: 68, nombrePieces: 3, nombreOccupants: 2, ...overrides.logement },
    ressources: { nature: 'salaire', montantMensuel: 2400 },
    visiteur: {
      civilite: 'monsieur',
      nom: 'Benali',
      prenoms: 'Karim',
      dateNaissance: '1950-11-02',
      lieuNaissance: 'Sétif (Algérie)',
      nationalite: 'algérienne',
      numeroPasseport: '212345678',
      adresse: { voie: '5 rue Ben Boulaïd', ville: 'Sétif', pays: 'Algérie' },
    },
    sejour: { dateArrivee: '2026-05-15', dateDepart: '2026-07-10', lienParente: 'parent', ...overrides.sejour },
    engagements: { priseEnChargeFrais: true, assurance: { souscripteur: 'hebergeant', assureur: 'Assur’Voyage' }, certificationExactitude: true },
  };
}

/** Documents attached while filling the form, as the runtime passes them to `start`. */
function attached(ids: string[]): Record<string, PieceRef[]> {
  return Object.fromEntries(ids.map((id) => [id, [{ id: `${id}-0`, name: `${id}.pdf`, at: T0 }]]));
}

const PIECES_LOCATAIRE = ['piece_identite_hebergeant', 'justificatif_domicile', 'bail', 'justificatif_ressources', 'timbre_fiscal'];

/** A dossier filed at T0 by the host, with every required document unless told otherwise. */
function filed(data = formData(), pieces = PIECES_LOCATAIRE): DossierHarness {
  return DossierHarness.start(demarche, data, usager, T0, attached(pieces));
}

/** A complete dossier declared complete, in instruction. */
function inInstruction(data = formData()): DossierHarness {
  const h = filed(data);
  h.send('declarer_complet', {}, accueil);
  return h;
}

/** A complete dossier proposed to the élu's signature. */
function awaitingSignature(data = formData()): DossierHarness {
  const h = inInstruction(data);
  h.send('proposer_signature', { avis: 'favorable' }, agent);
  return h;
}

const letters = (h: DossierHarness) => h.effects.filter((e) => e.type === 'letter').map((e) => (e as { template: string }).template);
const reponseMaire = (h: DossierHarness) => h.last.status.deadlines.find((d) => d.name === 'reponse_maire')!;

describe('attestation d’accueil', () => {
  describe('definition', () => {
    it('lints clean, without errors or warnings', () => {
      expect(lint(demarche)).toEqual([]);
    });

    it('has a routing table that lints clean against the démarche', () => {
      expect(lintRouting(routing, demarche)).toEqual([]);
    });

    it('keeps the tax stamp amount as a parameter with its legal source, shown by the letters', () => {
      expect(demarche.parameters?.montant_timbre_fiscal).toMatchObject({ value: 30, unit: 'EUR', source: expect.stringContaining('L. 313-6') });
      for (const name of ['accuse_reception', 'demande_pieces', 'refus', 'classement_sans_suite', 'refus_implicite']) {
        expect(demarche.templates?.[name].body).toContain('{{parametres.montant_timbre_fiscal}} €');
      }
      expect(JSON.stringify(demarche.templates)).not.toMatch(/\b30 ?€/);
    });

    it('declares the one-month implicit refusal as a legal délai warned seven days ahead', () => {
      expect(demarche.deadlines?.reponse_maire).toMatchObject({
        kind: 'legal',
        duration: 'P1M',
        warnings: [{ before: 'P7D', notify: ['agent', 'responsable'], template: 'alerte_refus_implicite' }],
        description: expect.stringContaining('L. 114-5'),
      });
    });
  });

  describe('form', () => {
    it('refuses invalid data with French messages on each field', () => {
      const data = formData({ hebergeant: { adresse: { voie: '12 rue de la République', codePostal: '99000', commune: 'Saint-Denis' } }, logement: { surface: 5 } });
      (data.visiteur as Record<string, unknown>).numeroPasseport = 'ab 12';
      delete (data.visiteur as Record<string, unknown>).dateNaissance;
      const outcome = start(demarche, { data, actor: usager, now: T0 });
      expect(outcome).toMatchObject({ ok: false, reason: 'invalid_data', message: 'Le formulaire contient 4 erreurs : corrigez les champs signalés.' });
      if (outcome.ok) return;
      expect(outcome.errors).toEqual(expect.arrayContaining([
        { pointer: '/hebergeant/adresse/codePostal', field: 'Code postal', message: 'Le format n’est pas celui attendu.' },
        { pointer: '/logement/surface', field: 'Surface habitable (m²)', message: 'Doit être supérieur ou égal à 9.' },
        { pointer: '/visiteur/numeroPasseport', field: 'Numéro de passeport', message: 'Le format n’est pas celui attendu.' },
        { pointer: '/visiteur/dateNaissance', field: 'Date de naissance', message: 'Ce champ est obligatoire.' },
      ]));
    });

    it('asks to specify the relationship when it is « autre »', () => {
      const outcome = start(demarche, { data: formData({ sejour: { lienParente: 'autre' } }), actor: usager, now: T0 });
      expect(outcome).toMatchObject({
        ok: false, reason: 'invalid_data', errors: [{ pointer: '/sejour/precisionLien', field: 'Précisez le lien', message: 'Ce champ est obligatoire.' }],
      });
    });

    it('requires the sworn statement', () => {
      const data = formData();
      (data.engagements as Record<string, unknown>).certificationExactitude = false;
      const outcome = start(demarche, { data, actor: usager, now: T0 });
      expect(outcome).toMatchObject({ ok: false, reason: 'invalid_data', errors: [expect.objectContaining({ pointer: '/engagements/certificationExactitude' })] });
    });

    it('requires the lease from a tenant and the property title from an owner', () => {
      const tenant = DossierHarness.start(demarche, formData(), usager, T0);
      expect(tenant.last.status.piecesManquantes).toEqual(['piece_identite_hebergeant', 'justificatif_domicile', 'bail', 'justificatif_ressources', 'timbre_fiscal']);
      const owner = DossierHarness.start(demarche, formData({ logement: { statut: 'proprietaire' } }), usager, T0);
      expect(owner.last.status.piecesManquantes).toEqual(['piece_identite_hebergeant', 'justificatif_domicile', 'titre_propriete', 'justificatif_ressources', 'timbre_fiscal']);
    });
  });

  describe('filing', () => {
    it('waits for the completeness check and acknowledges receipt to the host', () => {
      const h = filed();
      expect(h.states).toEqual(['demande.verification_completude']);
      expect(h.last.effects).toEqual([{ type: 'notify', to: ['usager'], template: 'accuse_reception' }]);
      expect(h.last.status).toMatchObject({ citizenStatus: 'Demande reçue, en cours de vérification', piecesManquantes: [] });
    });

    it('starts the mayor’s one-month délai at submission, with its warning seven days before', () => {
      const h = filed();
      expect(h.timerDueDates()).toEqual({ [ECHU]: ONE_MONTH_AFTER_T0, [ALERTE]: WARNING_AFTER_T0 });
      expect(reponseMaire(h)).toMatchObject({ kind: 'legal', status: 'running', dueAt: ONE_MONTH_AFTER_T0, warning: false });
    });

    it('offers the completeness buttons to the front desk, and only withdrawal to the host', () => {
      const h = filed();
      expect(h.available(accueil)).toEqual(['declarer_complet', 'demander_pieces']);
      expect(h.available(agent)).toEqual(['declarer_complet', 'demander_pieces']);
      expect(h.available(usager)).toEqual(['retirer_demande']);
      expect(h.available(elu)).toEqual([]);
    });

    it('refuses to declare complete a dossier with missing documents', () => {
      const h = filed(formData(), PIECES_LOCATAIRE.filter((p) => p !== 'timbre_fiscal'));
      expect(h.last.status.piecesManquantes).toEqual(['timbre_fiscal']);
      expect(h.trySend('declarer_complet', {}, accueil)).toMatchObject({ ok: false, reason: 'guard_failed' });
    });
  });

  describe('validated and handed over', () => {
    it('goes through instruction, a favourable housing check, signature and hand-over', () => {
      const h = inInstruction();
      expect(h.states).toEqual(['demande.instruction']);
      expect(h.available(agent)).toEqual(['ordonner_enquete', 'proposer_signature']);

      h.send('ordonner_enquete', { consignes: 'Surface et nombre d’occupants' }, agent, '2026-03-04T09:00:00.000Z');
      expect(h.states).toEqual(['demande.enquete_logement']);
      expect(h.last.effects).toEqual([{ type: 'letter', template: 'avis_enquete_logement', to: 'usager' }]);
      expect(h.last.status.citizenStatus).toBe('Vérification de votre logement en cours');

      h.send('conclure_enquete', { conclusion: 'favorable', observations: 'Logement conforme à la déclaration.', dateVisite: '2026-03-10' }, expert, '2026-03-10T14:00:00.000Z');
      expect(h.states).toEqual(['demande.instruction']);
      expect(h.snapshot.context.instruction).toMatchObject({
        consignesEnquete: 'Surface et nombre d’occupants',
        enqueteConclusion: 'favorable',
        enqueteObservations: 'Logement conforme à la déclaration.',
        enqueteDateVisite: '2026-03-10',
      });

      h.send('proposer_signature', { avis: 'favorable', observations: 'RAS' }, agent, '2026-03-11T09:00:00.000Z');
      expect(h.states).toEqual(['demande.a_signer']);
      expect(h.last.effects).toEqual([{ type: 'notify', to: ['elu'], template: 'proposition_signature' }]);
      expect(h.available(elu)).toEqual(['signer', 'refuser', 'renvoyer_instruction']);
      expect(h.available(agent)).toEqual([]);

      h.send('signer', {}, elu, '2026-03-12T16:00:00.000Z');
      expect(h.states).toEqual(['a_remettre']);
      expect(h.last.effects).toEqual([{ type: 'notify', to: ['usager'], template: 'attestation_prete' }]);
      expect(h.last.status).toMatchObject({
        citizenStatus: 'Attestation validée, à retirer en mairie',
        citizenActions: ['Présentez-vous à l’accueil de la mairie avec votre pièce d’identité pour retirer l’attestation d’accueil signée.'],
      });
      // The signature stops the délai: no implicit refusal can follow.
      expect(reponseMaire(h).status).toBe('stopped');
      expect(h.timerDueDates()).toEqual({});
      expect(h.available(accueil)).toEqual(['remettre']);
      expect(h.available(usager)).toEqual([]);

      h.advanceTo('2026-05-01T08:00:00.000Z');
      expect(h.states).toEqual(['a_remettre']);
      h.send('remettre', {}, accueil);
      expect(h.done).toBe(true);
      expect(h.last.status).toMatchObject({ outcome: 'accepte', citizenStatus: 'Attestation d’accueil remise' });
    });

    it('lets the élu send the dossier back to instruction while the délai keeps running', () => {
      const h = awaitingSignature();
      h.send('renvoyer_instruction', { observations: 'Vérifier le nombre d’occupants.' }, elu, '2026-03-10T09:00:00.000Z');
      expect(h.states).toEqual(['demande.instruction']);
      expect(h.snapshot.context.instruction.observationsElu).toBe('Vérifier le nombre d’occupants.');
      expect(h.timerDueDates()).toEqual({ [ECHU]: ONE_MONTH_AFTER_T0, [ALERTE]: WARNING_AFTER_T0 });
    });

    it('refuses a signature from anyone but the élu, and in the wrong step', () => {
      expect(awaitingSignature().trySend('signer', {}, agent)).toMatchObject({
        ok: false, reason: 'forbidden', message: 'Votre rôle ne permet pas « Valider et signer l’attestation ». Rôles autorisés : « elu ».',
      });
      expect(inInstruction().trySend('signer', {}, elu)).toMatchObject({
        ok: false, reason: 'not_in_state', message: '« Valider et signer l’attestation » n’est pas possible à l’étape « Instruction ».',
      });
    });
  });

  describe('three-month limit (checked by a guard on the élu’s signature)', () => {
    it('accepts a stay of exactly three months', () => {
      const h = awaitingSignature(formData({ sejour: { dateArrivee: '2026-05-15', dateDepart: '2026-08-15' } }));
      h.send('signer', {}, elu);
      expect(h.states).toEqual(['a_remettre']);
    });

    it('will not sign a stay of more than three months, which the élu refuses instead', () => {
      const h = awaitingSignature(formData({ sejour: { dateArrivee: '2026-05-15', dateDepart: '2026-08-16' } }));
      expect(h.trySend('signer', {}, elu)).toMatchObject({ ok: false, reason: 'guard_failed' });
      h.send('refuser', { motif: 'Le séjour dépasse trois mois : une attestation d’accueil ne peut pas le couvrir.' }, elu);
      expect(h.last.status.outcome).toBe('refuse');
    });

    it('will not sign a departure before the arrival', () => {
      const h = awaitingSignature(formData({ sejour: { dateArrivee: '2026-05-15', dateDepart: '2026-05-01' } }));
      expect(h.trySend('signer', {}, elu)).toMatchObject({ ok: false, reason: 'guard_failed' });
    });
  });

  describe('refusal by the élu', () => {
    it('sends the refusal letter with the motif and the voies de recours, after an unfavourable housing check', () => {
      const h = inInstruction();
      h.send('ordonner_enquete', {}, expert);
      h.send('conclure_enquete', { conclusion: 'defavorable', observations: 'Cinq occupants dans un studio de 20 m².', dateVisite: '2026-03-09' }, expert, '2026-03-09T15:00:00.000Z');
      h.send('proposer_signature', { avis: 'defavorable' }, expert);
      const motif = 'Les conditions normales de logement ne sont pas remplies (vérification sur place du 9 mars 2026).';
      h.send('refuser', { motif }, elu, '2026-03-16T10:00:00.000Z');

      expect(h.states).toEqual(['refuse']);
      expect(h.done).toBe(true);
      expect(h.last.status.outcome).toBe('refuse');
      expect(h.last.effects).toEqual([{ type: 'letter', template: 'refus', to: 'usager' }]);
      expect(h.snapshot.context.instruction.motif).toBe(motif);
      expect(h.snapshot.context.deadlines.reponse_maire.status).toBe('stopped');
      expect(h.last.timers.cancelAll).toBe(true);

      const letter = demarche.templates!.refus;
      expect(letter.kind).toBe('letter');
      expect(letter.body).toContain('{{dossier.instruction.motif}}');
      expect(letter.body).toMatch(/recours gracieux auprès du maire/);
      expect(letter.body).toMatch(/deux mois à compter de la notification/);
      expect(letter.body).toMatch(/recours administratif auprès du préfet/);
      expect(letter.body).toMatch(/Madame, Monsieur,/);
    });

    it('requires a motif of some length', () => {
      const h = awaitingSignature();
      expect(h.trySend('refuser', {}, elu)).toMatchObject({
        ok: false, reason: 'invalid_payload', errors: [{ pointer: '/motif', field: 'Motif du refus', message: 'Ce champ est obligatoire.' }],
      });
      expect(h.trySend('refuser', { motif: 'Non.' }, elu)).toMatchObject({
        ok: false, reason: 'invalid_payload', errors: [{ pointer: '/motif', field: 'Motif du refus', message: 'Doit contenir au moins 10 caractères.' }],
      });
      expect(h.trySend('refuser', { motif: 'Mentions inexactes sur le logement.' }, agent)).toMatchObject({ ok: false, reason: 'forbidden' });
    });
  });

  describe('missing documents', () => {
    function missingStamp(): DossierHarness {
      return filed(formData(), PIECES_LOCATAIRE.filter((p) => p !== 'timbre_fiscal'));
    }
    const REQUESTED_AT = '2026-03-05T09:00:00.000Z';
    const demande = { pieces: ['timbre_fiscal'], precisions: 'Le timbre fiscal électronique n’est pas joint au dossier.' };

    it('asks the host for them, with a letter, and suspends the mayor’s délai', () => {
      const h = missingStamp();
      h.send('demander_pieces', demande, accueil, REQUESTED_AT);
      expect(h.states).toEqual(['demande.attente_pieces.en_attente']);
      expect(h.last.effects).toEqual([{ type: 'letter', template: 'demande_pieces', to: 'usager' }]);
      expect(h.snapshot.context.instruction.precisionsPieces).toBe(demande.precisions);
      expect(h.last.status).toMatchObject({
        citizenStatus: 'Pièces à fournir',
        citizenActions: ['Déposez dans votre dossier les pièces demandées par la mairie dans son courrier.'],
        piecesManquantes: ['timbre_fiscal'],
      });
      expect(reponseMaire(h)).toMatchObject({ status: 'paused', dueAt: null });
      // The délai's timers are gone; the reminder and the classement are armed.
      expect(h.timerDueDates()).toEqual({ [RELANCE]: '2026-03-20T09:00:00.000Z', [CLASSEMENT]: '2026-04-05T08:00:00.000Z' });
      // No implicit refusal while the documents are awaited, even past the original due date.
      h.advanceTo('2026-04-03T08:00:00.000Z');
      expect(h.states).toEqual(['demande.attente_pieces.relance_envoyee']);
    });

    it('restarts the one-month délai from the day the requested documents arrive', () => {
      const h = missingStamp();
      h.send('demander_pieces', demande, accueil, REQUESTED_AT);
      h.deposit({ timbre_fiscal: ['timbre.pdf'] }, usager, '2026-03-10T13:30:00.000Z');
      expect(h.states).toEqual(['demande.verification_completude']);
      expect(h.last.effects).toEqual([{ type: 'notify', to: ['accueil', 'agent'], template: 'pieces_recues' }]);
      expect(h.last.status.piecesManquantes).toEqual([]);
      // A full month from the complete dossier, not what was left of the first one.
      expect(reponseMaire(h)).toMatchObject({ status: 'running', dueAt: '2026-04-10T12:30:00.000Z' });
      expect(h.timerDueDates()).toEqual({ [ECHU]: '2026-04-10T12:30:00.000Z', [ALERTE]: '2026-04-03T12:30:00.000Z' });

      // The original due date passes without effect.
      h.advanceTo('2026-04-02T12:00:00.000Z');
      expect(h.done).toBe(false);
      h.send('declarer_complet', {}, agent);
      expect(h.states).toEqual(['demande.instruction']);
    });

    it('waits for every requested document, and counts only those attached after the request', () => {
      const h = missingStamp();
      // The proof of address on file is illegible: it is asked again with the stamp.
      h.send('demander_pieces', { pieces: ['timbre_fiscal', 'justificatif_domicile'], precisions: 'Timbre fiscal manquant, justificatif de domicile illisible.' }, agent, REQUESTED_AT);
      expect(h.last.status.piecesManquantes).toEqual(['justificatif_domicile', 'timbre_fiscal']);
      h.deposit({ timbre_fiscal: ['timbre.pdf'] }, usager, '2026-03-08T09:00:00.000Z');
      expect(h.states).toEqual(['demande.attente_pieces.en_attente']);
      expect(h.last.status.piecesManquantes).toEqual(['justificatif_domicile']);
      expect(reponseMaire(h).status).toBe('paused');
      h.deposit({ justificatif_domicile: ['facture-edf.pdf'] }, usager, '2026-03-09T09:00:00.000Z');
      expect(h.states).toEqual(['demande.verification_completude']);
      expect(reponseMaire(h).dueAt).toBe('2026-04-09T08:00:00.000Z');
    });

    it('reminds the host after fifteen days, then closes the dossier sans suite after a month', () => {
      const h = missingStamp();
      h.send('demander_pieces', demande, accueil, REQUESTED_AT);

      const reminded = h.advanceTo('2026-03-20T09:00:00.000Z');
      expect(reminded.map((o) => o.history.event)).toEqual([RELANCE]);
      expect(reminded[0].effects).toEqual([{ type: 'notify', to: ['usager'], template: 'relance_pieces' }]);
      expect(h.states).toEqual(['demande.attente_pieces.relance_envoyee']);
      expect(h.last.status.citizenStatus).toBe('Pièces à fournir : dernier rappel');
      // The reminder does not push back the classement.
      expect(h.timerDueDates()).toEqual({ [CLASSEMENT]: '2026-04-05T08:00:00.000Z' });

      h.advanceTo('2026-04-05T07:59:59.000Z');
      expect(h.done).toBe(false);
      const closed = h.advanceTo('2026-04-05T08:00:00.000Z');
      expect(closed.map((o) => o.history)).toEqual([expect.objectContaining({ event: CLASSEMENT, label: 'Délai écoulé : Classement sans suite faute de pièces', at: '2026-04-05T08:00:00.000Z' })]);
      expect(h.states).toEqual(['classe_sans_suite']);
      expect(h.last.effects).toEqual([{ type: 'letter', template: 'classement_sans_suite', to: 'usager' }]);
      expect(h.last.status).toMatchObject({ done: true, outcome: 'sans_suite', citizenStatus: 'Demande classée sans suite' });
      expect(h.timers.size).toBe(0);
    });

    it('accepts documents attached outside the waiting step without moving the dossier', () => {
      const h = inInstruction();
      h.deposit({ attestation_assurance: ['assurance.pdf'] }, usager);
      expect(h.states).toEqual(['demande.instruction']);
      expect(h.snapshot.context.pieces.attestation_assurance).toHaveLength(1);
    });
  });

  describe('implicit refusal (silence vaut rejet)', () => {
    it('warns the agent and the responsable seven days before, then rejects exactly one month after submission', () => {
      const h = awaitingSignature();
      expect(h.timerDueDates()).toEqual({ [ECHU]: ONE_MONTH_AFTER_T0, [ALERTE]: WARNING_AFTER_T0 });

      const warned = h.advanceTo(WARNING_AFTER_T0);
      expect(warned).toHaveLength(1);
      expect(warned[0].history).toMatchObject({ event: 'delai.reponse_maire.alerte', at: WARNING_AFTER_T0, actor: { id: 'systeme', role: 'systeme' } });
      expect(warned[0].effects).toEqual([{ type: 'notify', to: ['agent', 'responsable'], template: 'alerte_refus_implicite', deadline: 'reponse_maire' }]);
      expect(h.states).toEqual(['demande.a_signer']);
      expect(reponseMaire(h)).toMatchObject({ warning: true, overdue: false });
      expect(h.timerDueDates()).toEqual({ [ECHU]: ONE_MONTH_AFTER_T0 });

      h.advanceTo('2026-04-02T07:59:59.999Z');
      expect(h.done).toBe(false);
      const expired = h.advanceTo(ONE_MONTH_AFTER_T0);
      expect(expired.map((o) => o.history)).toEqual([expect.objectContaining({ event: ECHU, at: ONE_MONTH_AFTER_T0, from: ['demande.a_signer'], to: ['refus_implicite'] })]);
      expect(h.last.effects).toEqual([
        { type: 'letter', template: 'refus_implicite', to: 'usager' },
        { type: 'notify', to: ['agent', 'responsable'], template: 'refus_implicite_constate' },
      ]);
      expect(h.last.status).toMatchObject({ done: true, outcome: 'refuse', citizenStatus: 'Demande rejetée faute de réponse du maire dans le délai d’un mois' });
      expect(h.snapshot.context.deadlines.reponse_maire.status).toBe('expired');

      expect(h.trySend('signer', {}, elu)).toMatchObject({ ok: false, reason: 'not_in_state', message: 'Le dossier est clos : plus aucune action n’est possible.' });
    });

    it('runs out in any step of the request, even before the completeness check', () => {
      const h = filed();
      h.advanceTo(ONE_MONTH_AFTER_T0);
      expect(h.states).toEqual(['refus_implicite']);
      expect(letters(h)).toEqual(['refus_implicite']);
    });

    it('informs the host of the implicit refusal and of the appeal to the préfet', () => {
      const letter = demarche.templates!.refus_implicite;
      expect(letter.kind).toBe('letter');
      expect(letter.body).toContain('R. 313-11');
      expect(letter.body).toMatch(/recours administratif auprès du préfet/);
      expect(letter.body).toMatch(/deux mois/);
      expect(letter.body).toContain('{{dossier.deadlines.reponse_maire.dueAt}}');
    });

    it('does not happen once the élu has signed', () => {
      const h = awaitingSignature();
      h.send('signer', {}, elu, '2026-03-30T08:00:00.000Z');
      h.advanceTo('2026-06-01T08:00:00.000Z');
      expect(h.states).toEqual(['a_remettre']);
      expect(letters(h)).toEqual([]);
    });

    it('only the system may declare the délai run out', () => {
      expect(filed().trySend(ECHU, {}, responsable)).toMatchObject({
        ok: false, reason: 'forbidden', message: 'Seul le système envoie les événements de délai et de minuteur.',
      });
      expect(filed().trySend(ECHU, {}, SYSTEM)).toMatchObject({ ok: true });
    });
  });

  describe('withdrawal', () => {
    it('lets the host withdraw the request before the decision', () => {
      const h = inInstruction();
      expect(h.trySend('retirer_demande', {}, agent)).toMatchObject({ ok: false, reason: 'forbidden' });
      h.send('retirer_demande', { raison: 'Le voyage est annulé.' }, usager, '2026-03-06T09:00:00.000Z');
      expect(h.states).toEqual(['abandonne']);
      expect(h.last.status).toMatchObject({ done: true, outcome: 'abandonne', citizenStatus: 'Demande retirée' });
      expect(h.snapshot.context.instruction.raisonRetrait).toBe('Le voyage est annulé.');
      expect(h.timers.size).toBe(0);
    });

    it('is no longer possible once the attestation is signed', () => {
      const h = awaitingSignature();
      h.send('signer', {}, elu);
      expect(h.trySend('retirer_demande', {}, usager)).toMatchObject({ ok: false, reason: 'not_in_state' });
    });
  });

  describe('routing', () => {
    const now = T0;
    it('puts a visitor expected within three weeks in the priority queue', () => {
      expect(route(routing, { data: formData({ sejour: { dateArrivee: '2026-03-20' } }), dossier: {}, now })).toMatchObject({
        service: 'affaires-generales', queue: 'prioritaire', priority: 'haute', rule: 'arrivee-proche',
      });
    });

    it('sends an overcrowded home to the housing-check queue', () => {
      // 24 m² for three people once the visitor is there: under 16 + 9 m².
      expect(route(routing, { data: formData({ logement: { surface: 24, nombreOccupants: 2 } }), dossier: {}, now })).toMatchObject({
        queue: 'enquete-logement', rule: 'logement-suroccupe',
      });
      expect(route(routing, { data: formData({ logement: { surface: 25, nombreOccupants: 2 } }), dossier: {}, now }).rule).toBeNull();
    });

    it('routes hosts of La Plaine to the mairie annexe', () => {
      const data = formData({ hebergeant: { adresse: { voie: '3 avenue du Stade de France', codePostal: '93210', commune: 'Saint-Denis' } } });
      expect(route(routing, { data, dossier: {}, now })).toEqual({
        service: 'affaires-generales', site: 'mairie-annexe', queue: 'instruction', priority: 'normale', rule: 'quartier-la-plaine',
      });
    });

    it('sends everything else to the Hôtel de Ville’s instruction queue', () => {
      expect(route(routing, { data: formData(), dossier: {}, now })).toEqual({
        service: 'affaires-generales', site: 'hotel-de-ville', queue: 'instruction', priority: 'normale', rule: null,
      });
    });
  });
});
