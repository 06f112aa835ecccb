import {
  lint, lintRouting, route, start, type Actor, type Demarche, type PieceRef, type RoutingTable,
} from '../../../engine';
import { DossierHarness, SYSTEM } from '../../fixtures/dossierHarness';
import { DEMARCHES, ROUTING } from '../../../definitions';

const demarche: Demarche = DEMARCHES['passeport-urgence'];
const routing: RoutingTable = ROUTING['passeport-urgence'];

const usager: Actor = { id: 'u1', roles: ['usager'] };
const accueil: Actor = { id: 'acc1', roles: ['accueil'] };
const agent: Actor = { id: 'ag1', roles: ['agent'] };
const responsable: Actor = { id: 'resp1', roles: ['responsable'] };

// Lundi 1er juin 2026, 10 h à Paris (heure d’été).
const T0 = '2026-06-01T08:00:00.000Z';
// Le passeport arrive en mairie le lundi 15 juin 2026 à 10 h.
const ARRIVEE = '2026-06-15T08:00:00.000Z';

const adulte = {
  numeroPreDemande: 'AB12CD34EF',
  titulaire: { nom: 'Martin', prenoms: 'Claire Anne', dateNaissance: '1985-04-12', communeNaissance: 'Lyon', paysNaissance: 'France' },
  mineur: false,
  urgence: { motif: 'professionnelle', explication: 'Mission imprévue chez un client à Montréal, ordre de mission joint.' },
  voyage: { dateDepart: '2026-06-20', destination: 'Canada' },
  contact: { telephone: '06 12 34 56 78', courriel: 'claire.martin@exemple.fr' },
  adresse: { voie: '12 rue des Lilas', codePostal: '69003', commune: 'Lyon' },
  possedeAncienPasseport: true,
  ancienPasseport: { numero: '15AB12345', dateDelivrance: '2015-03-02' },
};

function mineur(dateNaissance: string): Record<string, unknown> {
  const { ancienPasseport: _ancien, ...sansAncienPasseport } = adulte;
  return {
    ...sansAncienPasseport,
    titulaire: { ...adulte.titulaire, prenoms: 'Léo', dateNaissance },
    mineur: true,
    representantLegal: { nom: 'Martin', prenoms: 'Claire', qualite: 'mere' },
    urgence: { motif: 'evenement_familial', explication: 'Obsèques de son grand-père à Montréal la semaine prochaine.' },
    possedeAncienPasseport: false,
  };
}

const PIECES_ADULTE = ['justificatif_urgence', 'photo_identite', 'timbre_fiscal', 'justificatif_domicile', 'ancien_passeport'];

function refs(ids: string[], at = T0): Record<string, PieceRef[]> {
  return Object.fromEntries(ids.map((id) => [id, [{ id: `${id}-0`, name: `${id}.pdf`, at }]]));
}

/** A complete adult request, filed online by the citizen at T0 with every pièce attached. */
function depose(data: Record<string, unknown> = adulte, pieces = refs(PIECES_ADULTE)): DossierHarness {
  return DossierHarness.start(demarche, data, usager, T0, pieces);
}

function valide(h: DossierHarness): DossierHarness {
  h.send('valider_urgence', {}, responsable, '2026-06-01T09:00:00Z');
  return h;
}

function rendezVous(h: DossierHarness, date = '2026-06-04', at = '2026-06-01T10:00:00Z'): DossierHarness {
  h.send('fixer_rendez_vous', { date, heure: '09:30', lieu: 'hotel-de-ville' }, accueil, at);
  return h;
}

function recueilli(h: DossierHarness, at = '2026-06-04T07:30:00Z'): DossierHarness {
  h.send('enregistrer_recueil', {}, agent, at);
  return h;
}

/** Validated, appointment, collection, title produced and received at the mairie on ARRIVEE. */
function titreEnMairie(): DossierHarness {
  const h = recueilli(rendezVous(valide(depose())));
  h.send('produire_titre', { numeroPasseport: '26CX48213' }, SYSTEM, '2026-06-09T12:00:00Z');
  h.send('receptionner_titre', {}, agent, ARRIVEE);
  return h;
}

function routeOf(h: DossierHarness, now = h.now) {
  return route(routing, { data: h.snapshot.context.data, dossier: { instruction: h.snapshot.context.instruction }, now });
}

describe('passeport d’urgence', () => {
  describe('définition', () => {
    it('lints clean, with its routing table', () => {
      expect(lint(demarche)).toEqual([]);
      expect(lintRouting(routing, demarche)).toEqual([]);
    });

    it('keeps the three tax stamp amounts as parameters with their legal source', () => {
      for (const name of ['timbre_majeur', 'timbre_mineur_15_17', 'timbre_mineur_moins_15']) {
        expect(demarche.parameters?.[name]).toMatchObject({ unit: 'EUR', source: expect.stringContaining('article 953') });
      }
      expect(demarche.parameters?.timbre_majeur.value).toBe(86);
      expect(demarche.parameters?.timbre_mineur_15_17.value).toBe(42);
      expect(demarche.parameters?.timbre_mineur_moins_15.value).toBe(17);
    });

    it('shows the stamp amount due in the acknowledgement, the appointment and the normal-track letter', () => {
      for (const template of ['accuse_reception', 'convocation_recueil', 'passage_voie_normale']) {
        expect(demarche.templates?.[template].body).toContain('{{dossier.instruction.montantTimbre}} €');
      }
    });

    it('puts every top-level form field on exactly one page', () => {
      const fields = Object.keys((demarche.form.schema as unknown as { properties: object }).properties);
      const paged = (demarche.form.pages ?? []).flatMap((p) => p.fields);
      expect([...paged].sort()).toEqual([...fields].sort());
    });
  });

  describe('formulaire', () => {
    it('refuses a malformed pre-request number, old passport number, postcode, phone and e-mail with French messages', () => {
      const outcome = start(demarche, {
        data: {
          ...adulte,
          numeroPreDemande: 'ab12cd34e',
          ancienPasseport: { numero: '15ab12345' },
          adresse: { ...adulte.adresse, codePostal: '99000' },
          contact: { telephone: '12345', courriel: 'claire.martin' },
        },
        actor: usager,
        now: T0,
      });
      expect(outcome).toMatchObject({ ok: false, reason: 'invalid_data' });
      if (outcome.ok) return;
      expect(outcome.errors).toEqual(expect.arrayContaining([
        { pointer: '/numeroPreDemande', field: 'Numéro de pré-demande ANTS', message: 'Le format n’est pas celui attendu.' },
        { pointer: '/ancienPasseport/numero', field: 'Numéro de l’ancien passeport', message: 'Le format n’est pas celui attendu.' },
        { pointer: '/adresse/codePostal', field: 'Code postal', message: 'Le format n’est pas celui attendu.' },
        { pointer: '/contact/telephone', field: 'Téléphone mobile', message: 'Le format n’est pas celui attendu.' },
        { pointer: '/contact/courriel', field: 'Adresse électronique', message: 'Doit être une adresse e-mail valide.' },
      ]));
      expect(outcome.errors).toHaveLength(5);
    });

    it('refuses an unknown urgency reason, a short explanation and a missing travel date', () => {
      const outcome = start(demarche, {
        data: { ...adulte, urgence: { motif: 'vacances', explication: 'Vacances.' }, voyage: { destination: 'Canada' } },
        actor: usager,
        now: T0,
      });
      expect(outcome).toMatchObject({ ok: false, reason: 'invalid_data' });
      if (outcome.ok) return;
      expect(outcome.errors).toEqual(expect.arrayContaining([
        expect.objectContaining({ pointer: '/urgence/motif', field: 'Motif' }),
        { pointer: '/urgence/explication', field: 'Explication', message: 'Doit contenir au moins 20 caractères.' },
        { pointer: '/voyage/dateDepart', field: 'Date de départ', message: 'Ce champ est obligatoire.' },
      ]));
    });

    it('requires the legal representative for a minor and the old passport when one is declared', () => {
      const { representantLegal: _r, ...sansRepresentant } = mineur('2010-03-15');
      const { ancienPasseport: _a, ...sansAncien } = adulte;
      const minor = start(demarche, { data: sansRepresentant, actor: usager, now: T0 });
      const declared = start(demarche, { data: sansAncien, actor: usager, now: T0 });
      expect(minor).toMatchObject({ ok: false, reason: 'invalid_data', errors: [{ pointer: '/representantLegal', field: 'Représentant légal qui dépose la demande', message: 'Ce champ est obligatoire.' }] });
      expect(declared).toMatchObject({ ok: false, reason: 'invalid_data', errors: [{ pointer: '/ancienPasseport', field: 'Ancien passeport', message: 'Ce champ est obligatoire.' }] });
    });

    it('requires the old passport pièce only when one is declared, and the representative’s ID only for a minor', () => {
      const adult = DossierHarness.start(demarche, adulte, usager, T0);
      expect(adult.last.status.piecesManquantes).toEqual(PIECES_ADULTE);
      const child = DossierHarness.start(demarche, mineur('2016-01-20'), usager, T0);
      expect(child.last.status.piecesManquantes).toEqual([
        'justificatif_urgence', 'photo_identite', 'timbre_fiscal', 'justificatif_domicile', 'piece_identite_representant',
      ]);
    });
  });

  describe('timbre fiscal', () => {
    it.each([
      ['an adult', '1985-04-12', 86],
      ['a 16-year-old', '2010-03-15', 42],
      ['a 10-year-old', '2016-01-20', 17],
      ['someone turning 18 on the day of the request', '2008-06-01', 86],
      ['someone turning 18 the day after the request', '2008-06-02', 42],
      ['someone turning 15 on the day of the request', '2011-06-01', 42],
      ['someone turning 15 the day after the request', '2011-06-02', 17],
    ])('records at submission the amount due for %s, from the birth date', (_who, dateNaissance, montant) => {
      const data = dateNaissance === '1985-04-12' ? adulte : mineur(dateNaissance);
      const h = DossierHarness.start(demarche, data, usager, T0);
      expect(h.snapshot.context.instruction).toEqual({ montantTimbre: montant });
    });

    it('keeps the amount of the submission date even when the birthday passes during the instruction', () => {
      const h = DossierHarness.start(demarche, mineur('2008-06-10'), usager, T0, refs([...PIECES_ADULTE.slice(0, 4), 'piece_identite_representant']));
      valide(h);
      rendezVous(h, '2026-06-12');
      recueilli(h, '2026-06-12T07:30:00Z');
      expect(h.snapshot.context.instruction.montantTimbre).toBe(42);
    });
  });

  describe('validation de l’urgence', () => {
    it('files the request for a responsable and acknowledges it to the citizen', () => {
      const h = depose();
      expect(h.states).toEqual(['validation_urgence']);
      expect(h.last.effects).toEqual([{ type: 'notify', to: ['usager'], template: 'accuse_reception' }]);
      expect(h.last.status).toMatchObject({
        citizenStatus: 'Demande reçue : l’urgence est en cours d’examen',
        states: [{ path: 'validation_urgence', roles: ['responsable'], serviceLevel: 'P1D' }],
        piecesManquantes: [],
      });
      expect(h.timerDueDates()).toEqual({});
    });

    it('offers the decision to the responsable only, and cancellation to the citizen', () => {
      const h = depose();
      expect(h.available(responsable)).toEqual(['valider_urgence', 'passer_voie_normale']);
      expect(h.available(usager)).toEqual(['annuler']);
      expect(h.available(accueil)).toEqual(['annuler']);
      expect(h.available(agent)).toEqual([]);
      expect(h.trySend('valider_urgence', {}, agent)).toMatchObject({ ok: false, reason: 'forbidden' });
      expect(h.trySend('valider_urgence', {}, usager)).toMatchObject({ ok: false, reason: 'forbidden' });
    });

    it('routes the request as urgent once the urgency is validated, and tells the citizen', () => {
      const h = depose(adulte);
      expect(routeOf(h)).toMatchObject({ rule: null, queue: 'validation', priority: 'haute' });
      const outcome = h.send('valider_urgence', { observation: 'Ordre de mission conforme.' }, responsable, '2026-06-01T09:00:00Z');
      expect(h.states).toEqual(['recueil.rendez_vous_a_fixer']);
      expect(outcome.effects).toEqual([{ type: 'route' }, { type: 'notify', to: ['usager'], template: 'urgence_validee' }]);
      expect(h.snapshot.context.instruction).toMatchObject({ urgenceValidee: true });
      expect(routeOf(h)).toEqual({ rule: 'urgence_validee', service: 'titres', site: 'hotel-de-ville', queue: 'prioritaire', priority: 'urgente' });
      expect(outcome.status.citizenStatus).toBe('Rendez-vous en cours de programmation');
    });

    it('cannot validate an urgency without its proof, until the citizen attaches it', () => {
      const h = depose(adulte, refs(PIECES_ADULTE.slice(1)));
      expect(h.trySend('valider_urgence', {}, responsable)).toMatchObject({ ok: false, reason: 'guard_failed' });
      h.deposit({ justificatif_urgence: ['ordre-de-mission.pdf'] }, usager, '2026-06-01T08:30:00Z');
      expect(h.states).toEqual(['validation_urgence']);
      h.send('valider_urgence', {}, responsable);
      expect(h.states).toEqual(['recueil.rendez_vous_a_fixer']);
    });

    it('moves the request to the normal track with a motif and a letter: it continues without priority', () => {
      // Departure in three days, but the responsable does not accept the urgency.
      const h = depose({ ...adulte, voyage: { dateDepart: '2026-06-04', destination: 'Canada' } });
      expect(routeOf(h)).toMatchObject({ rule: 'depart_imminent', priority: 'urgente' });
      const outcome = h.send('passer_voie_normale', { motif: 'Le justificatif ne mentionne aucune date de départ.' }, responsable, '2026-06-01T09:00:00Z');
      expect(outcome.effects).toEqual([{ type: 'route' }, { type: 'letter', template: 'passage_voie_normale', to: 'usager' }]);
      expect(h.snapshot.context.instruction).toMatchObject({ urgenceValidee: false, motifVoieNormale: 'Le justificatif ne mentionne aucune date de départ.' });
      expect(routeOf(h)).toEqual({ rule: 'voie_normale', service: 'titres', site: 'hotel-de-ville', queue: 'instruction', priority: 'normale' });
      // The normal track then goes through the same steps, to the same end.
      expect(h.states).toEqual(['recueil.rendez_vous_a_fixer']);
      rendezVous(h, '2026-06-22', '2026-06-02T09:00:00Z');
      recueilli(h, '2026-06-22T07:30:00Z');
      h.send('produire_titre', { numeroPasseport: '26CX48213' }, SYSTEM, '2026-07-06T12:00:00Z');
      h.send('receptionner_titre', {}, agent, '2026-07-10T08:00:00Z');
      h.send('remettre_titre', {}, agent, '2026-07-11T08:00:00Z');
      expect(h.last.status).toMatchObject({ done: true, outcome: 'accepte' });
    });

    it('refuses to move to the normal track without a motif', () => {
      const h = depose();
      expect(h.trySend('passer_voie_normale', {}, responsable)).toMatchObject({
        ok: false, reason: 'invalid_payload', errors: [{ pointer: '/motif', field: 'Motif', message: 'Ce champ est obligatoire.' }],
      });
      expect(h.trySend('passer_voie_normale', { motif: 'Non.' }, responsable)).toMatchObject({
        ok: false, reason: 'invalid_payload', errors: [{ pointer: '/motif', message: 'Doit contenir au moins 10 caractères.' }],
      });
    });
  });

  describe('routage', () => {
    const at = (dateDepart: string, instruction: Record<string, unknown> = {}) =>
      route(routing, { data: { ...adulte, voyage: { dateDepart, destination: 'Canada' } }, dossier: { instruction }, now: T0 });

    it('gives urgent priority to a request awaiting validation when the departure is within 7 days', () => {
      expect(at('2026-06-08')).toMatchObject({ rule: 'depart_imminent', queue: 'validation', priority: 'urgente' });
      expect(at('2026-06-09')).toMatchObject({ rule: null, queue: 'validation', priority: 'haute' });
    });

    it('gives urgent priority to a validated urgency whatever the departure date', () => {
      expect(at('2026-08-30', { urgenceValidee: true })).toMatchObject({ rule: 'urgence_validee', queue: 'prioritaire', priority: 'urgente' });
    });

    it('never gives priority to a request moved to the normal track, even for an imminent departure', () => {
      expect(at('2026-06-02', { urgenceValidee: false })).toMatchObject({ rule: 'voie_normale', queue: 'instruction', priority: 'normale' });
    });

    it('sends every request to the titres service at the Hôtel de Ville', () => {
      for (const decision of [at('2026-06-02'), at('2026-09-01'), at('2026-06-02', { urgenceValidee: true }), at('2026-06-02', { urgenceValidee: false })]) {
        expect(decision).toMatchObject({ service: 'titres', site: 'hotel-de-ville' });
      }
    });
  });

  describe('rendez-vous et recueil', () => {
    it('books the appointment: date, time and place recorded, the citizen notified', () => {
      const h = valide(depose());
      expect(h.available(accueil)).toEqual(['fixer_rendez_vous', 'annuler']);
      const outcome = h.send('fixer_rendez_vous', { date: '2026-06-04', heure: '09:30', lieu: 'hotel-de-ville' }, accueil, '2026-06-01T10:00:00Z');
      expect(h.states).toEqual(['recueil.rendez_vous_fixe']);
      expect(outcome.effects).toEqual([{ type: 'notify', to: ['usager'], template: 'convocation_recueil' }]);
      expect(h.snapshot.context.instruction).toMatchObject({ rendezVousDate: '2026-06-04', rendezVousHeure: '09:30', rendezVousLieu: 'Hôtel de Ville' });
      expect(outcome.status.citizenActions).toEqual([expect.stringContaining('Présentez-vous au rendez-vous')]);
    });

    it('lets the appointment be moved, and notifies the citizen again', () => {
      const h = rendezVous(valide(depose()));
      const outcome = h.send('fixer_rendez_vous', { date: '2026-06-05', heure: '14:00', lieu: 'mairie-annexe' }, agent, '2026-06-02T08:00:00Z');
      expect(h.states).toEqual(['recueil.rendez_vous_fixe']);
      expect(outcome.effects).toEqual([{ type: 'notify', to: ['usager'], template: 'convocation_recueil' }]);
      expect(h.snapshot.context.instruction).toMatchObject({ rendezVousDate: '2026-06-05', rendezVousHeure: '14:00', rendezVousLieu: 'Mairie annexe' });
    });

    it('refuses an appointment in the past, a malformed time, and booking by the citizen', () => {
      const h = valide(depose());
      expect(h.trySend('fixer_rendez_vous', { date: '2026-05-29', heure: '09:30', lieu: 'hotel-de-ville' }, accueil)).toMatchObject({ ok: false, reason: 'guard_failed' });
      expect(h.trySend('fixer_rendez_vous', { date: '2026-06-04', heure: '9h30', lieu: 'hotel-de-ville' }, accueil)).toMatchObject({
        ok: false, reason: 'invalid_payload', errors: [{ pointer: '/heure', field: 'Heure du rendez-vous' }],
      });
      expect(h.trySend('fixer_rendez_vous', { date: '2026-06-04', heure: '09:30', lieu: 'hotel-de-ville' }, usager)).toMatchObject({ ok: false, reason: 'forbidden' });
      // The same day is fine.
      expect(h.trySend('fixer_rendez_vous', { date: '2026-06-01', heure: '16:00', lieu: 'hotel-de-ville' }, accueil).ok).toBe(true);
    });

    it('cannot record the collection before an appointment is booked', () => {
      const h = valide(depose());
      expect(h.trySend('enregistrer_recueil', {}, agent)).toMatchObject({ ok: false, reason: 'not_in_state' });
    });

    it('records the collection by an agent and sends the request to the CERT', () => {
      const h = rendezVous(valide(depose()));
      expect(h.available(agent)).toEqual(['fixer_rendez_vous', 'enregistrer_recueil']);
      expect(h.trySend('enregistrer_recueil', {}, accueil)).toMatchObject({ ok: false, reason: 'forbidden' });
      const outcome = h.send('enregistrer_recueil', {}, agent, '2026-06-04T07:30:00Z');
      expect(h.states).toEqual(['instruction_cert']);
      expect(outcome.effects).toEqual([{ type: 'callout', service: 'cert', operation: 'transmettre_demande' }]);
      expect(h.snapshot.context.instruction.dateRecueil).toBe('2026-06-04T07:30:00.000Z');
      expect(outcome.status.citizenStatus).toBe('Demande en cours d’instruction');
    });

    it('does not send an incomplete request: the agent scans the missing pièces at the desk first', () => {
      const h = rendezVous(valide(depose(adulte, refs(['justificatif_urgence', 'photo_identite', 'justificatif_domicile']))));
      expect(h.trySend('enregistrer_recueil', {}, agent, '2026-06-04T07:30:00Z')).toMatchObject({ ok: false, reason: 'guard_failed' });
      h.deposit({ timbre_fiscal: ['timbre-electronique.pdf'], ancien_passeport: ['ancien-passeport.pdf'] }, agent);
      recueilli(h);
      expect(h.states).toEqual(['instruction_cert']);
    });
  });

  describe('instruction par le CERT', () => {
    it('loops back to a new appointment each time the CERT rejects, telling the citizen what to bring', () => {
      const h = recueilli(rendezVous(valide(depose())));

      const first = h.send('rejeter_cert', {
        motif: 'La photo d’identité n’est pas conforme (fond non uni).',
        aApporter: 'Une photo d’identité conforme de moins de 6 mois.',
        pieces: ['photo_identite'],
      }, SYSTEM, '2026-06-05T09:00:00Z');
      expect(first.history).toMatchObject({ actor: { role: 'systeme' }, from: ['instruction_cert'], to: ['recueil.rendez_vous_a_fixer'] });
      expect(first.effects).toEqual([{ type: 'notify', to: ['usager'], template: 'rejet_cert' }]);
      expect(h.snapshot.context.instruction).toMatchObject({
        nombreRejets: 1,
        motifRejet: 'La photo d’identité n’est pas conforme (fond non uni).',
        aApporter: 'Une photo d’identité conforme de moins de 6 mois.',
        urgenceValidee: true,
      });
      expect(first.status.piecesManquantes).toEqual(['photo_identite']);

      rendezVous(h, '2026-06-08', '2026-06-05T10:00:00Z');
      // The old photo no longer counts: a new one is needed before a new collection.
      expect(h.trySend('enregistrer_recueil', {}, agent, '2026-06-08T07:30:00Z')).toMatchObject({ ok: false, reason: 'guard_failed' });
      h.deposit({ photo_identite: ['nouvelle-photo.jpg'] }, agent);
      recueilli(h, '2026-06-08T07:45:00Z');
      expect(h.states).toEqual(['instruction_cert']);

      const second = h.send('rejeter_cert', {
        motif: 'Le justificatif de domicile a plus d’un an.',
        aApporter: 'Un justificatif de domicile de moins d’un an.',
        pieces: ['justificatif_domicile'],
      }, agent, '2026-06-09T09:00:00Z');
      expect(second.history).toMatchObject({ actor: { role: 'agent' }, to: ['recueil.rendez_vous_a_fixer'] });
      expect(second.effects).toEqual([{ type: 'notify', to: ['usager'], template: 'rejet_cert' }]);
      expect(h.snapshot.context.instruction).toMatchObject({ nombreRejets: 2, motifRejet: 'Le justificatif de domicile a plus d’un an.' });
      expect(second.status.piecesManquantes).toEqual(['justificatif_domicile']);

      rendezVous(h, '2026-06-10', '2026-06-09T10:00:00Z');
      h.deposit({ justificatif_domicile: ['facture-edf.pdf'] }, usager);
      const third = recueilli(h, '2026-06-10T07:30:00Z').last;
      expect(third.effects).toEqual([{ type: 'callout', service: 'cert', operation: 'transmettre_demande' }]);
      h.send('produire_titre', { numeroPasseport: '26CX48213' }, SYSTEM, '2026-06-12T09:00:00Z');
      expect(h.states).toEqual(['acheminement_titre']);
      expect(h.effects.filter((e) => e.type === 'callout')).toHaveLength(3);
      expect(h.effects.filter((e) => e.type === 'notify' && e.template === 'rejet_cert')).toHaveLength(2);
    });

    it('requires a motif and what to bring on a rejection, and refuses it from the citizen', () => {
      const h = recueilli(rendezVous(valide(depose())));
      expect(h.trySend('rejeter_cert', { aApporter: 'Une photo conforme.' }, SYSTEM)).toMatchObject({
        ok: false, reason: 'invalid_payload', errors: [{ pointer: '/motif', field: 'Motif du rejet', message: 'Ce champ est obligatoire.' }],
      });
      expect(h.trySend('rejeter_cert', { motif: 'Photo non conforme.' }, SYSTEM)).toMatchObject({
        ok: false, reason: 'invalid_payload', errors: [{ pointer: '/aApporter', message: 'Ce champ est obligatoire.' }],
      });
      expect(h.trySend('rejeter_cert', { motif: 'Photo non conforme.', aApporter: 'Une photo.' }, usager)).toMatchObject({ ok: false, reason: 'forbidden' });
      expect(h.available(usager)).toEqual([]);
      expect(h.available(agent)).toEqual(['rejeter_cert', 'produire_titre']);
    });

    it('records the produced title, then its arrival at the mairie, and tells the citizen', () => {
      const h = recueilli(rendezVous(valide(depose())));
      expect(h.trySend('produire_titre', { numeroPasseport: '26cx4821' }, SYSTEM)).toMatchObject({ ok: false, reason: 'invalid_payload' });
      expect(h.trySend('receptionner_titre', {}, agent)).toMatchObject({ ok: false, reason: 'not_in_state' });
      const produced = h.send('produire_titre', { numeroPasseport: '26CX48213' }, SYSTEM, '2026-06-09T12:00:00Z');
      expect(produced.status.citizenStatus).toBe('Passeport en cours de fabrication et d’envoi à la mairie');
      expect(h.snapshot.context.instruction.numeroTitre).toBe('26CX48213');
      const arrived = h.send('receptionner_titre', {}, agent, ARRIVEE);
      expect(h.states).toEqual(['titre_disponible']);
      expect(arrived.effects).toEqual([{ type: 'notify', to: ['usager'], template: 'titre_disponible' }]);
      expect(h.snapshot.context.instruction.dateArrivee).toBe(ARRIVEE);
      expect(arrived.status).toMatchObject({
        citizenStatus: 'Passeport disponible en mairie',
        citizenActions: [expect.stringContaining('dans les trois mois')],
        deadlines: [{ name: 'retrait_titre', kind: 'legal', status: 'running', dueAt: '2026-09-15T08:00:00.000Z' }],
      });
    });
  });

  describe('retrait du titre', () => {
    it('hands the title over: the dossier is closed as accepted and the destruction clock stops', () => {
      const h = titreEnMairie();
      expect(h.available(agent)).toEqual(['remettre_titre']);
      expect(h.available(usager)).toEqual([]);
      const outcome = h.send('remettre_titre', {}, agent, '2026-06-16T13:00:00Z');
      expect(h.states).toEqual(['remis']);
      expect(outcome.status).toMatchObject({ done: true, outcome: 'accepte', citizenStatus: 'Passeport remis' });
      expect(outcome.timers.cancelAll).toBe(true);
      expect(h.timerDueDates()).toEqual({});
      expect(h.snapshot.context.instruction.dateRemise).toBe('2026-06-16T13:00:00.000Z');
      expect(h.snapshot.context.deadlines.retrait_titre.status).toBe('stopped');
      expect(h.trySend('remettre_titre', {}, agent)).toMatchObject({ ok: false, reason: 'not_in_state' });
    });

    it('arms the reminder two months and the destruction exactly three months after the arrival', () => {
      const h = titreEnMairie();
      expect(h.timerDueDates()).toEqual({
        'delai.retrait_titre.alerte:P1M': '2026-08-15T08:00:00.000Z',
        'delai.retrait_titre.echu': '2026-09-15T08:00:00.000Z',
      });
    });

    it('reminds the citizen one month before the destruction', () => {
      const h = titreEnMairie();
      expect(h.advanceTo('2026-08-15T07:59:59Z')).toEqual([]);
      const [reminder] = h.advanceTo('2026-08-15T08:00:00Z');
      expect(reminder.effects).toEqual([{ type: 'notify', to: ['usager'], template: 'rappel_retrait', deadline: 'retrait_titre' }]);
      expect(h.states).toEqual(['titre_disponible']);
      expect(h.timerDueDates()).toEqual({ 'delai.retrait_titre.echu': '2026-09-15T08:00:00.000Z' });
    });

    it('destroys a title not collected three months after its arrival, with a procès-verbal', () => {
      const h = titreEnMairie();
      h.advanceTo('2026-09-15T07:59:59Z');
      expect(h.states).toEqual(['titre_disponible']);
      const fired = h.advanceTo('2026-09-15T08:00:00Z');
      expect(fired).toHaveLength(1);
      const [destruction] = fired;
      expect(destruction.history).toMatchObject({ event: 'delai.retrait_titre.echu', actor: { role: 'systeme' }, from: ['titre_disponible'], to: ['detruit'] });
      expect(destruction.effects).toEqual([{ type: 'document', template: 'pv_destruction' }]);
      expect(destruction.status).toMatchObject({ done: true, outcome: 'sans_suite' });
      expect(h.snapshot.context.instruction.dateDestruction).toBe('2026-09-15T08:00:00.000Z');
      expect(h.trySend('remettre_titre', {}, agent)).toMatchObject({ ok: false, reason: 'not_in_state' });
      // The reminder was sent on the way.
      expect(h.effects.filter((e) => e.type === 'notify' && e.template === 'rappel_retrait')).toHaveLength(1);
    });

    it('still hands the title over after the reminder, and then nothing is destroyed', () => {
      const h = titreEnMairie();
      h.advanceTo('2026-08-20T08:00:00Z');
      h.send('remettre_titre', {}, agent);
      expect(h.advanceTo('2026-12-31T00:00:00Z')).toEqual([]);
      expect(h.states).toEqual(['remis']);
    });

    it('refuses the destruction expiry from anyone but the system', () => {
      const h = titreEnMairie();
      expect(h.trySend('delai.retrait_titre.echu', {}, agent)).toMatchObject({ ok: false, reason: 'forbidden' });
    });
  });

  describe('annulation', () => {
    it('lets the citizen cancel while the urgency is examined', () => {
      const h = depose();
      const outcome = h.send('annuler', { raison: 'Voyage reporté.' }, usager, '2026-06-01T08:30:00Z');
      expect(h.states).toEqual(['annule']);
      expect(outcome.status).toMatchObject({ done: true, outcome: 'abandonne', citizenStatus: 'Demande annulée' });
    });

    it('lets the citizen, or the front desk for them, cancel until the collection', () => {
      const h = rendezVous(valide(depose()));
      expect(h.available(usager)).toEqual(['annuler']);
      h.send('annuler', {}, accueil, '2026-06-02T08:00:00Z');
      expect(h.last.status).toMatchObject({ done: true, outcome: 'abandonne' });
    });

    it('lets the citizen give up after a CERT rejection, before the new collection', () => {
      const h = recueilli(rendezVous(valide(depose())));
      h.send('rejeter_cert', { motif: 'La photo n’est pas conforme.', aApporter: 'Une photo conforme.' }, SYSTEM);
      h.send('annuler', {}, usager);
      expect(h.last.status).toMatchObject({ done: true, outcome: 'abandonne' });
    });

    it('refuses a cancellation once the collection is done, and from an agent', () => {
      const before = depose();
      expect(before.trySend('annuler', {}, agent)).toMatchObject({ ok: false, reason: 'forbidden' });
      const h = recueilli(rendezVous(valide(depose())));
      expect(h.trySend('annuler', {}, usager)).toMatchObject({ ok: false, reason: 'not_in_state' });
      h.send('produire_titre', { numeroPasseport: '26CX48213' }, SYSTEM);
      expect(h.trySend('annuler', {}, usager)).toMatchObject({ ok: false, reason: 'not_in_state' });
    });
  });

  it('follows a minor’s urgent request from submission to hand-over', () => {
    const h = DossierHarness.start(demarche, mineur('2010-03-15'), usager, T0, refs([...PIECES_ADULTE.slice(0, 4), 'piece_identite_representant']));
    expect(h.snapshot.context.instruction.montantTimbre).toBe(42);
    valide(h);
    rendezVous(h);
    recueilli(h);
    h.send('produire_titre', { numeroPasseport: '26CX48214' }, SYSTEM, '2026-06-09T12:00:00Z');
    h.send('receptionner_titre', {}, agent, ARRIVEE);
    h.send('remettre_titre', {}, agent, '2026-06-15T15:00:00Z');
    expect(h.history.map((e) => e.event)).toEqual([
      'depot', 'valider_urgence', 'fixer_rendez_vous', 'enregistrer_recueil', 'produire_titre', 'receptionner_titre', 'remettre_titre',
    ]);
    expect(h.last.status).toMatchObject({ done: true, outcome: 'accepte' });
  });
});
