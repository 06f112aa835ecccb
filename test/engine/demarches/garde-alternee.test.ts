import { readFileSync } from 'node:fs';
import path from 'node:path';
import Mustache from 'mustache';
import { available, lint, lintRouting, route, start, type Actor, type Demarche, type RoutingTable } from '../../../engine';
import { DossierHarness } from '../../fixtures/dossierHarness';

// Read from disk rather than imported: the linter gets the source text (duplicate keys), and
// tests may not import past a top-level folder's index.ts.
const DEFINITIONS = path.join(__dirname, '../../../definitions');
const definitionSource = readFileSync(path.join(DEFINITIONS, 'garde-alternee.json'), 'utf8');
const routingSource = readFileSync(path.join(DEFINITIONS, 'routing/garde-alternee.json'), 'utf8');
const demarche = JSON.parse(definitionSource) as Demarche;
const routing = JSON.parse(routingSource) as RoutingTable;

const usager: Actor = { id: 'parent-1', roles: ['usager'] };
const coparent: Actor = { id: 'parent-2', roles: ['coparent'] };
const agent: Actor = { id: 'agent-1', roles: ['agent'] };
const expert: Actor = { id: 'expert-1', roles: ['expert'] };

// Monday 2 March 2026, 10:00 in Paris (winter time). Summer time starts on Sunday 29 March.
const T0 = '2026-03-02T09:00:00.000Z';
const DAY15 = '2026-03-17T09:00:00.000Z';
// 30 calendar days later at the same Paris wall-clock time, now in summer time (UTC+2).
const DAY30 = '2026-04-01T08:00:00.000Z';

const REGION_ACCORD = 'instruction.accord_autre_parent';
const REGION_PIECES = 'instruction.verification_pieces';
const TIMER_RELANCE = `after:${REGION_ACCORD}.attente_reponse.sollicite:relance_autre_parent`;
const TIMER_ESCALADE = `after:${REGION_ACCORD}.attente_reponse:sans_reponse_autre_parent`;
const TIMER_PIECES = `after:${REGION_PIECES}.attente_pieces:relance_pieces`;

function formData(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    demandeur: {
      civilite: 'madame', nom: 'Martin', prenom: 'Claire',
      adresse: { numeroEtVoie: '12 rue des Lilas', codePostal: '69003', commune: 'Lyon' },
      courriel: 'claire.martin@exemple.fr', telephone: '06 12 34 56 78', numeroAllocataire: '1234567',
    },
    autreParent: {
      civilite: 'monsieur', nom: 'Bernard', prenom: 'Julien',
      adresse: { numeroEtVoie: '4 place Bellecour', complement: 'Bâtiment B', codePostal: '69003', commune: 'Lyon' },
      courriel: 'julien.bernard@exemple.fr', telephone: '+33 7 98 76 54 32',
    },
    enfants: [
      { nom: 'Bernard', prenom: 'Léa', dateNaissance: '2017-05-14', ecole: 'École élémentaire Jean-Macé', classe: 'ce2' },
      { nom: 'Bernard', prenom: 'Tom', dateNaissance: '2020-11-02', ecole: 'École maternelle Jean-Macé' },
    ],
    calendrier: { rythme: 'semaines_paires_impaires', semainesPaires: 'demandeur', jourBascule: 'lundi' },
    dateDebut: '2026-04-20',
    activites: ['restauration_scolaire', 'periscolaire'],
    fondement: { nature: 'jugement', dateJugement: '2026-01-15', juridiction: 'Tribunal judiciaire de Lyon' },
    certification: true,
    ...overrides,
  };
}

const ALL_PIECES = {
  jugement: [{ id: 'p1', name: 'jugement.pdf', at: T0 }],
  justificatif_domicile_demandeur: [{ id: 'p2', name: 'edf-martin.pdf', at: T0 }],
  justificatif_domicile_autre_parent: [{ id: 'p3', name: 'quittance-bernard.pdf', at: T0 }],
  ressources_demandeur: [{ id: 'p4', name: 'attestation-caf-martin.pdf', at: T0 }],
  ressources_autre_parent: [{ id: 'p5', name: 'avis-imposition-bernard.pdf', at: T0 }],
};

/** A dossier filed at T0 with every pièce attached. */
function filed(data = formData(), pieces: Record<string, { id: string; name: string; at: string }[]> = ALL_PIECES): DossierHarness {
  return DossierHarness.start(demarche, data, usager, T0, pieces);
}

/** Renders a template as the runtime would, to check what a letter says. */
function render(template: string, h: DossierHarness): string {
  const ctx = h.snapshot.context;
  return Mustache.render(demarche.templates![template].body, {
    data: ctx.data,
    dossier: { reference: 'GA-2026-0042', instruction: ctx.instruction, submittedAt: ctx.submittedAt },
    commune: { nom: 'Ville de Lyon' },
  });
}

/** Takes a dossier from the end of instruction to closure. */
function closeAccepted(h: DossierHarness, by: Actor = agent): void {
  h.send('enregistrer_quotients', { quotientDemandeur: 612, quotientAutreParent: 1480 }, expert);
  h.send('confirmer_mise_en_place', { dateEffet: '2026-04-20' }, by);
}

describe('garde alternée: definition', () => {
  it('lints clean, without warnings, with its routing table', () => {
    expect(lint(demarche, { source: definitionSource })).toEqual([]);
    expect(lintRouting(routing, demarche, { source: routingSource })).toEqual([]);
  });

  it('declares the roles of the démarche, the other parent among them', () => {
    expect(Object.keys(demarche.roles).sort()).toEqual(['agent', 'coparent', 'expert', 'usager']);
    // The other parent acts with the account whose e-mail the filing parent gave.
    expect(demarche.roles.coparent).toMatchObject({ party: 'data.autreParent.courriel' });
  });
});

describe('garde alternée: form', () => {
  it('accepts each alternation rhythm with its own conditional field', () => {
    const variants = [
      { rythme: 'semaines_paires_impaires', semainesPaires: 'autre_parent' },
      { rythme: 'une_semaine_sur_deux', premiereSemaine: '2026-04-20' },
      { rythme: 'autre', descriptionRythme: 'Du lundi au mercredi chez la mère, du jeudi au dimanche chez le père.' },
    ];
    for (const calendrier of variants) {
      expect(start(demarche, { data: formData({ calendrier }), actor: usager, now: T0 })).toMatchObject({ ok: true });
    }
  });

  it('refuses a calendar whose rhythm lacks its detail', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ rythme: 'semaines_paires_impaires' }, '/calendrier/semainesPaires'],
      [{ rythme: 'une_semaine_sur_deux' }, '/calendrier/premiereSemaine'],
      [{ rythme: 'autre' }, '/calendrier/descriptionRythme'],
    ];
    for (const [calendrier, pointer] of cases) {
      const outcome = start(demarche, { data: formData({ calendrier }), actor: usager, now: T0 });
      expect(outcome).toMatchObject({ ok: false, reason: 'invalid_data', errors: [expect.objectContaining({ pointer, message: 'Ce champ est obligatoire.' })] });
    }
  });

  it('asks for the ruling date when the basis is a jugement, and for both signatures when it is a convention', () => {
    const jugement = start(demarche, { data: formData({ fondement: { nature: 'jugement' } }), actor: usager, now: T0 });
    expect(jugement).toMatchObject({ ok: false, errors: [expect.objectContaining({ pointer: '/fondement/dateJugement', message: 'Ce champ est obligatoire.' })] });

    const unsigned = start(demarche, { data: formData({ fondement: { nature: 'convention', dateConvention: '2026-02-01', signeeParLesDeuxParents: false } }), actor: usager, now: T0 });
    expect(unsigned).toMatchObject({ ok: false, errors: [expect.objectContaining({ pointer: '/fondement/signeeParLesDeuxParents' })] });

    const signed = start(demarche, { data: formData({ fondement: { nature: 'convention', dateConvention: '2026-02-01', signeeParLesDeuxParents: true } }), actor: usager, now: T0 });
    expect(signed).toMatchObject({ ok: true });
  });

  it('refuses invalid contact details, children and activities with French messages', () => {
    const data = formData();
    const outcome = start(demarche, {
      data: {
        ...data,
        demandeur: { ...(data.demandeur as object), telephone: '12345', adresse: { numeroEtVoie: '12 rue des Lilas', codePostal: '99000', commune: 'Lyon' } },
        autreParent: { ...(data.autreParent as object), courriel: 'julien.bernard' },
        enfants: [],
        activites: [],
        dateDebut: '20/04/2026',
        certification: false,
      },
      actor: usager,
      now: T0,
    });
    expect(outcome).toMatchObject({ ok: false, reason: 'invalid_data' });
    if (outcome.ok) return;
    expect(outcome.errors).toEqual(expect.arrayContaining([
      { pointer: '/demandeur/telephone', field: 'Téléphone', message: 'Le format n’est pas celui attendu.' },
      { pointer: '/demandeur/adresse/codePostal', field: 'Code postal', message: 'Le format n’est pas celui attendu.' },
      { pointer: '/autreParent/courriel', field: 'Adresse e-mail', message: 'Doit être une adresse e-mail valide.' },
      { pointer: '/enfants', field: 'Enfants concernés', message: 'Choisissez ou ajoutez au moins 1 élément.' },
      { pointer: '/activites', field: 'Activités concernées', message: 'Choisissez ou ajoutez au moins 1 élément.' },
      { pointer: '/dateDebut', field: 'Date de début', message: 'Doit être une date au format AAAA-MM-JJ.' },
      expect.objectContaining({ pointer: '/certification', field: 'Je certifie sur l’honneur l’exactitude des informations fournies' }),
    ]));
  });

  it('refuses a child without birth date or school, and an activity the town does not offer', () => {
    const outcome = start(demarche, {
      data: formData({ enfants: [{ nom: 'Bernard', prenom: 'Léa' }], activites: ['piscine'] }),
      actor: usager,
      now: T0,
    });
    expect(outcome).toMatchObject({ ok: false, reason: 'invalid_data' });
    if (outcome.ok) return;
    expect(outcome.errors).toEqual(expect.arrayContaining([
      { pointer: '/enfants/0/dateNaissance', field: 'Date de naissance', message: 'Ce champ est obligatoire.' },
      { pointer: '/enfants/0/ecole', field: 'École fréquentée', message: 'Ce champ est obligatoire.' },
      expect.objectContaining({ pointer: '/activites/0', field: 'Activité' }),
    ]));
  });

  it('places every top-level field on exactly one page', () => {
    const fields = demarche.form.pages!.flatMap((p) => p.fields).sort();
    expect(fields).toEqual(Object.keys((demarche.form.schema as unknown as { properties: object }).properties).sort());
  });
});

describe('garde alternée: filing', () => {
  it('starts both regions, asks the other parent by e-mail and arms the 15- and 30-day timers', () => {
    const h = filed();
    expect(h.states).toEqual([`${REGION_ACCORD}.attente_reponse.sollicite`, `${REGION_PIECES}.controle_pieces`]);
    expect(h.last.effects).toEqual([{ type: 'notify', to: ['coparent'], template: 'demande_accord_autre_parent' }]);
    expect(h.timerDueDates()).toEqual({ [TIMER_RELANCE]: DAY15, [TIMER_ESCALADE]: DAY30 });
    expect(h.last.status.citizenStatus).toBe('En attente de la confirmation de l’autre parent · Vérification de vos pièces');
    expect(h.last.status.piecesManquantes).toEqual([]);
  });

  it('requires the ruling or the signed agreement depending on the basis', () => {
    const jugement = filed(formData(), {});
    expect(jugement.last.status.piecesManquantes).toEqual([
      'jugement', 'justificatif_domicile_demandeur', 'justificatif_domicile_autre_parent', 'ressources_demandeur', 'ressources_autre_parent',
    ]);
    const convention = filed(formData({ fondement: { nature: 'convention', dateConvention: '2026-02-01', signeeParLesDeuxParents: true } }), {});
    expect(convention.last.status.piecesManquantes).toContain('convention_parentale');
    expect(convention.last.status.piecesManquantes).not.toContain('jugement');
  });

  it('offers each role its buttons while both regions run', () => {
    const h = filed();
    expect(h.available(coparent).sort()).toEqual(['confirmer_garde', 'contester_garde']);
    expect(h.available(agent).sort()).toEqual(['confirmer_garde', 'contester_garde']);
    expect(h.available(expert).sort()).toEqual(['demander_pieces', 'valider_pieces']);
    expect(h.available(usager)).toEqual(['abandonner']);
  });
});

describe('garde alternée: the parallel instruction', () => {
  it('goes on to the quotient familial when the other parent confirms first and the documents are checked next', () => {
    const h = filed();
    h.send('confirmer_garde', { observations: 'D’accord avec le calendrier.' }, coparent, '2026-03-05T10:00:00Z');
    expect(h.states).toEqual([`${REGION_ACCORD}.accord_obtenu`, `${REGION_PIECES}.controle_pieces`]);
    expect(h.last.status.citizenStatus).toBe('Accord de l’autre parent reçu · Vérification de vos pièces');
    // The other parent's timers are gone with their state.
    expect(h.timerDueDates()).toEqual({});
    expect(h.available(coparent)).toEqual([]);

    h.send('valider_pieces', {}, expert);
    expect(h.states).toEqual(['calcul_quotient']);
    expect(h.snapshot.context.instruction).toMatchObject({ accordAutreParent: 'confirme', observationsAutreParent: 'D’accord avec le calendrier.' });
  });

  it('goes on to the quotient familial when the documents are checked first and the other parent confirms next', () => {
    const h = filed();
    h.send('valider_pieces', {}, expert, '2026-03-04T09:00:00Z');
    expect(h.states).toEqual([`${REGION_ACCORD}.attente_reponse.sollicite`, `${REGION_PIECES}.pieces_validees`]);
    expect(h.last.status.citizenStatus).toBe('En attente de la confirmation de l’autre parent · Pièces validées');
    expect(h.timerDueDates()).toEqual({ [TIMER_RELANCE]: DAY15, [TIMER_ESCALADE]: DAY30 });

    h.send('confirmer_garde', {}, coparent, '2026-03-10T09:00:00Z');
    expect(h.states).toEqual(['calcul_quotient']);
    expect(h.last.status.citizenStatus).toBe('Calcul du quotient familial de chaque foyer');
  });

  it('records both quotients familiaux, sets up billing and sends each parent the confirmation letter', () => {
    const h = filed();
    h.send('confirmer_garde', {}, coparent);
    h.send('valider_pieces', {}, expert);

    expect(h.available(expert)).toEqual(['enregistrer_quotients']);
    const qf = h.send('enregistrer_quotients', { quotientDemandeur: 612, quotientAutreParent: 1480.5 }, expert);
    expect(h.states).toEqual(['mise_en_place_facturation']);
    expect(qf.effects).toEqual([{ type: 'callout', service: 'facturation', operation: 'parametrer_facturation_partagee' }]);
    expect(h.snapshot.context.instruction).toMatchObject({ quotientDemandeur: 612, quotientAutreParent: 1480.5 });
    expect(h.available(agent)).toEqual(['confirmer_mise_en_place']);

    const done = h.send('confirmer_mise_en_place', { dateEffet: '2026-04-20' }, agent);
    expect(done.effects).toEqual([
      { type: 'letter', template: 'confirmation_demandeur', to: 'usager' },
      { type: 'letter', template: 'confirmation_autre_parent', to: 'coparent' },
    ]);
    expect(h.done).toBe(true);
    expect(done.status).toMatchObject({ done: true, outcome: 'accepte', citizenStatus: 'Demande acceptée : chaque foyer est facturé séparément' });
    expect(done.timers.cancelAll).toBe(true);
    expect(h.snapshot.context.instruction).toMatchObject({
      dateEffet: '2026-04-20',
      calendrierRetenu: 'semaines paires chez Claire Martin, semaines impaires chez Julien Bernard',
      activitesRetenues: 'restauration scolaire, accueil périscolaire',
    });
  });

  it('tells each parent their own quotient familial only', () => {
    const h = filed();
    h.send('confirmer_garde', {}, coparent);
    h.send('valider_pieces', {}, expert);
    closeAccepted(h);
    const toDemandeur = render('confirmation_demandeur', h);
    expect(toDemandeur).toContain('votre foyer (Claire Martin)');
    expect(toDemandeur).toContain('soit 612 €');
    expect(toDemandeur).not.toContain('1480');
    expect(toDemandeur).toContain('– Léa Bernard, né(e) le 2017-05-14, École élémentaire Jean-Macé');
    expect(toDemandeur).toContain('Date d’effet : 2026-04-20.');
    const toAutreParent = render('confirmation_autre_parent', h);
    expect(toAutreParent).toContain('votre foyer (Julien Bernard)');
    expect(toAutreParent).toContain('soit 1480 €');
    expect(toAutreParent).not.toContain('612');
  });

  it('words the other rhythms and the holiday centre in the letter', () => {
    const h = filed(formData({
      calendrier: { rythme: 'une_semaine_sur_deux', premiereSemaine: '2026-04-20' },
      activites: ['centre_loisirs'],
    }));
    h.send('confirmer_garde', {}, coparent);
    h.send('valider_pieces', {}, expert);
    closeAccepted(h);
    expect(h.snapshot.context.instruction).toMatchObject({
      calendrierRetenu: 'une semaine sur deux, la première semaine commençant le 2026-04-20 chez Claire Martin',
      activitesRetenues: 'centre de loisirs',
    });
  });

  it('lets an agent record a paper answer from the other parent', () => {
    const h = filed();
    const answer = h.send('confirmer_garde', { dateCourrier: '2026-03-09' }, agent, '2026-03-11T14:00:00Z');
    expect(answer.history).toMatchObject({ event: 'confirmer_garde', label: 'Confirmer la garde alternée', actor: { id: 'agent-1', role: 'agent' }, payload: { dateCourrier: '2026-03-09' } });
    expect(h.states).toEqual([`${REGION_ACCORD}.accord_obtenu`, `${REGION_PIECES}.controle_pieces`]);
  });

  it('lets an agent, but not the citizen, set up billing', () => {
    const h = filed();
    h.send('confirmer_garde', {}, coparent);
    h.send('valider_pieces', {}, expert);
    h.send('enregistrer_quotients', { quotientDemandeur: 612, quotientAutreParent: 1480 }, expert);
    expect(h.trySend('confirmer_mise_en_place', { dateEffet: '2026-04-20' }, usager)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(h.trySend('confirmer_mise_en_place', {}, agent)).toMatchObject({ ok: false, reason: 'invalid_payload', errors: [expect.objectContaining({ pointer: '/dateEffet' })] });
    h.send('confirmer_mise_en_place', { dateEffet: '2026-04-20' }, expert);
    expect(h.done).toBe(true);
  });

  it('refuses quotients that are not non-negative numbers', () => {
    const h = filed();
    h.send('confirmer_garde', {}, coparent);
    h.send('valider_pieces', {}, expert);
    const outcome = h.trySend('enregistrer_quotients', { quotientDemandeur: -5, quotientAutreParent: '1480' }, expert);
    expect(outcome).toMatchObject({ ok: false, reason: 'invalid_payload' });
    if (outcome.ok) return;
    expect(outcome.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ pointer: '/quotientDemandeur', message: 'Doit être supérieur ou égal à 0.' }),
      expect.objectContaining({ pointer: '/quotientAutreParent', message: 'Doit être un nombre.' }),
    ]));
    expect(h.trySend('enregistrer_quotients', { quotientDemandeur: 612, quotientAutreParent: 1480 }, agent)).toMatchObject({ ok: false, reason: 'forbidden' });
  });

  it('does not compute the quotient familial before both regions are done', () => {
    const h = filed();
    h.send('confirmer_garde', {}, coparent);
    expect(h.trySend('enregistrer_quotients', { quotientDemandeur: 612, quotientAutreParent: 1480 }, expert)).toMatchObject({
      ok: false, reason: 'not_in_state', message: expect.stringContaining('« Contrôle des pièces par l’expert famille »'),
    });
  });
});

describe('garde alternée: documents', () => {
  it('refuses to validate the documents while some are missing, and greys out the button', () => {
    const h = filed(formData(), { jugement: ALL_PIECES.jugement, justificatif_domicile_demandeur: ALL_PIECES.justificatif_domicile_demandeur });
    expect(h.trySend('valider_pieces', {}, expert)).toMatchObject({ ok: false, reason: 'guard_failed' });
    const buttons = available(demarche, h.snapshot, expert, h.now);
    expect(buttons.find((b) => b.type === 'valider_pieces')).toMatchObject({ enabled: false });
    expect(buttons.find((b) => b.type === 'demander_pieces')).toMatchObject({ enabled: true });
    expect(available(demarche, filed().snapshot, expert, T0).find((b) => b.type === 'valider_pieces')).toMatchObject({ enabled: true });
  });

  it('asks the parents for documents, reminds them every 15 days, and resumes the check once all are there', () => {
    const h = filed(formData(), { jugement: ALL_PIECES.jugement, justificatif_domicile_demandeur: ALL_PIECES.justificatif_domicile_demandeur, ressources_demandeur: ALL_PIECES.ressources_demandeur });
    const asked = h.send('demander_pieces', { pieces: ['justificatif_domicile_autre_parent', 'ressources_autre_parent'], precisions: 'Monsieur Bernard peut déposer ses pièces lui-même.' }, expert, '2026-03-03T09:00:00Z');
    expect(asked.effects).toEqual([{ type: 'notify', to: ['usager', 'coparent'], template: 'demande_pieces' }]);
    expect(h.states).toContain(`${REGION_PIECES}.attente_pieces`);
    expect(asked.status.citizenActions).toEqual(['Déposez les pièces demandées dans votre espace (l’autre parent peut déposer les siennes).']);
    expect(h.timerDueDates()[TIMER_PIECES]).toBe('2026-03-18T09:00:00.000Z');
    expect(render('demande_pieces', h)).toContain('Monsieur Bernard peut déposer ses pièces lui-même.');

    // The other parent answers meanwhile; the 15-day reminder of the other parent is then gone.
    h.send('confirmer_garde', {}, coparent, '2026-03-04T09:00:00Z');

    const [reminder] = h.advanceTo('2026-03-18T09:00:00Z');
    expect(reminder.effects).toEqual([{ type: 'notify', to: ['usager', 'coparent'], template: 'relance_pieces' }]);
    expect(h.timerDueDates()[TIMER_PIECES]).toBe('2026-04-02T08:00:00.000Z');

    // One of the two documents, by the other parent: still waiting.
    h.deposit({ justificatif_domicile_autre_parent: ['quittance.pdf'] }, coparent, '2026-03-20T09:00:00Z');
    expect(h.states).toEqual([`${REGION_ACCORD}.accord_obtenu`, `${REGION_PIECES}.attente_pieces`]);
    expect(h.last.status.piecesManquantes).toEqual(['ressources_autre_parent']);

    h.deposit({ ressources_autre_parent: ['avis-imposition.pdf'] }, coparent, '2026-03-21T09:00:00Z');
    expect(h.states).toEqual([`${REGION_ACCORD}.accord_obtenu`, `${REGION_PIECES}.controle_pieces`]);
    expect(h.timerDueDates()).toEqual({});
    h.send('valider_pieces', {}, expert);
    expect(h.states).toEqual(['calcul_quotient']);
  });

  it('asks again for a document already attached and waits for a new one', () => {
    const h = filed();
    h.send('demander_pieces', { pieces: ['ressources_demandeur'], precisions: 'L’attestation CAF a plus de trois mois.' }, expert, '2026-03-04T09:00:00Z');
    expect(h.last.status.piecesManquantes).toEqual(['ressources_demandeur']);
    expect(h.trySend('valider_pieces', {}, expert)).toMatchObject({ ok: false, reason: 'not_in_state' });
    h.deposit({ ressources_demandeur: ['attestation-caf-mars.pdf'] }, usager, '2026-03-06T09:00:00Z');
    expect(h.states).toContain(`${REGION_PIECES}.controle_pieces`);
  });

  it('refuses a request for a pièce the démarche does not have', () => {
    expect(filed().trySend('demander_pieces', { pieces: ['livret_famille'] }, expert)).toMatchObject({ ok: false, reason: 'invalid_payload' });
  });
});

describe('garde alternée: the other parent’s silence', () => {
  it('reminds the other parent after 15 days and still accepts their answer afterwards', () => {
    const h = filed();
    expect(h.advanceTo('2026-03-17T08:59:59Z')).toEqual([]);
    const [reminder] = h.advanceTo(DAY15);
    expect(reminder.history).toMatchObject({ event: TIMER_RELANCE, label: 'Délai écoulé : Relance de l’autre parent (15 jours)', actor: { role: 'systeme' }, at: DAY15 });
    expect(reminder.effects).toEqual([{ type: 'notify', to: ['coparent'], template: 'relance_autre_parent' }]);
    expect(h.states).toEqual([`${REGION_ACCORD}.attente_reponse.relance`, `${REGION_PIECES}.controle_pieces`]);
    // Only one reminder; the escalation still falls 30 days after filing.
    expect(h.timerDueDates()).toEqual({ [TIMER_ESCALADE]: DAY30 });

    h.send('contester_garde', { motif: 'Je n’ai jamais accepté ce calendrier.' }, coparent, '2026-03-25T09:00:00Z');
    expect(h.states).toContain(`${REGION_ACCORD}.dossier_reserve`);
    expect(h.timerDueDates()).toEqual({});
  });

  it('hands the decision to an expert 30 days after filing without answer', () => {
    const h = filed();
    const fired = h.advanceTo(DAY30);
    expect(fired.map((f) => f.history.at)).toEqual([DAY15, DAY30]);
    const escalation = fired[1];
    expect(escalation.history).toMatchObject({ event: TIMER_ESCALADE, label: 'Délai écoulé : Sans réponse de l’autre parent (30 jours)' });
    expect(escalation.effects).toEqual([{ type: 'notify', to: ['expert'], template: 'escalade_sans_reponse' }]);
    expect(h.states).toEqual([`${REGION_ACCORD}.decision_expert`, `${REGION_PIECES}.controle_pieces`]);
    expect(h.timerDueDates()).toEqual({});
    expect(escalation.status.states.find((s) => s.path === `${REGION_ACCORD}.decision_expert`)).toMatchObject({ roles: ['expert'], serviceLevel: 'P5D' });
    expect(h.available(expert).sort()).toEqual(['demander_pieces', 'statuer_sans_reponse', 'valider_pieces']);
  });

  it('lets the expert validate in the other parent’s place, with a justification', () => {
    const h = filed();
    h.advanceTo(DAY30);
    expect(h.trySend('statuer_sans_reponse', { decision: 'valider', motif: 'court' }, expert)).toMatchObject({
      ok: false, reason: 'invalid_payload', errors: [expect.objectContaining({ pointer: '/motif', message: 'Doit contenir au moins 10 caractères.' })],
    });
    expect(h.trySend('statuer_sans_reponse', { decision: 'valider', motif: 'Jugement du JAF du 15 janvier 2026 produit.' }, coparent)).toMatchObject({ ok: false, reason: 'forbidden' });
    h.send('statuer_sans_reponse', { decision: 'valider', motif: 'Jugement du JAF du 15 janvier 2026 produit.' }, expert);
    expect(h.states).toEqual([`${REGION_ACCORD}.accord_obtenu`, `${REGION_PIECES}.controle_pieces`]);
    expect(h.snapshot.context.instruction).toMatchObject({ accordAutreParent: 'presume', decisionExpert: 'Jugement du JAF du 15 janvier 2026 produit.' });
    h.send('valider_pieces', {}, expert);
    closeAccepted(h);
    expect(h.last.status.outcome).toBe('accepte');
  });

  it('lets the expert reserve the dossier instead', () => {
    const h = filed();
    h.advanceTo(DAY30);
    const reserved = h.send('statuer_sans_reponse', { decision: 'reserver', motif: 'Convention ancienne, situation à vérifier avec la régie.' }, expert);
    expect(h.states).toEqual([`${REGION_ACCORD}.dossier_reserve`, `${REGION_PIECES}.controle_pieces`]);
    expect(reserved.effects).toEqual(expect.arrayContaining([{ type: 'notify', to: ['usager'], template: 'dossier_reserve' }, { type: 'route' }]));
    expect(h.snapshot.context.instruction).toMatchObject({ accordAutreParent: 'sans_reponse', dossierReserve: true });
  });

  it('refuses an unknown decision', () => {
    const h = filed();
    h.advanceTo(DAY30);
    expect(h.trySend('statuer_sans_reponse', { decision: 'ignorer', motif: 'Pas de réponse du père.' }, expert)).toMatchObject({
      ok: false, reason: 'invalid_payload', errors: [expect.objectContaining({ pointer: '/decision' })],
    });
  });

  it('still takes a late answer from the other parent until the expert decides', () => {
    const h = filed();
    h.advanceTo(DAY30);
    h.send('confirmer_garde', {}, coparent, '2026-04-02T09:00:00Z');
    expect(h.states).toEqual([`${REGION_ACCORD}.accord_obtenu`, `${REGION_PIECES}.controle_pieces`]);
  });

  it('does not let the expert decide in the other parent’s place before 30 days', () => {
    expect(filed().trySend('statuer_sans_reponse', { decision: 'valider', motif: 'Jugement du JAF produit au dossier.' }, expert, '2026-03-31T08:00:00Z')).toMatchObject({
      ok: false, reason: 'not_in_state',
    });
  });
});

describe('garde alternée: contested case (dossier réservé)', () => {
  function contested(): DossierHarness {
    const h = filed();
    h.send('contester_garde', { motif: 'Les enfants vivent chez moi depuis janvier, pas en alternance.' }, coparent, '2026-03-06T09:00:00Z');
    return h;
  }

  it('requires a motif to contest', () => {
    const h = filed();
    expect(h.trySend('contester_garde', {}, coparent)).toMatchObject({
      ok: false, reason: 'invalid_payload', errors: [expect.objectContaining({ pointer: '/motif', message: 'Ce champ est obligatoire.' })],
    });
    expect(h.trySend('contester_garde', { motif: 'non' }, coparent)).toMatchObject({
      ok: false, reason: 'invalid_payload', errors: [expect.objectContaining({ pointer: '/motif', field: 'Motif de la contestation' })],
    });
  });

  it('moves to the dossiers réservés, re-routes it and tells the régie, while the documents are still checked', () => {
    const h = contested();
    expect(h.states).toEqual([`${REGION_ACCORD}.dossier_reserve`, `${REGION_PIECES}.controle_pieces`]);
    expect(h.last.effects).toEqual([
      { type: 'notify', to: ['usager'], template: 'dossier_reserve' },
      { type: 'route' },
      { type: 'callout', service: 'facturation', operation: 'signaler_dossier_reserve' },
    ]);
    expect(h.snapshot.context.instruction).toMatchObject({ accordAutreParent: 'conteste', motifReserve: 'Les enfants vivent chez moi depuis janvier, pas en alternance.', dossierReserve: true });
    expect(h.timerDueDates()).toEqual({});
    expect(h.last.status.citizenStatus).toBe('Examen approfondi avec le service de facturation · Vérification de vos pièces');
    expect(h.available(expert).sort()).toEqual(['conclure_accord', 'demander_pieces', 'refuser_garde', 'valider_pieces']);
    expect(h.available(coparent)).toEqual([]);
    // The routing table now sends it to the reserved queue.
    const scope = { data: h.snapshot.context.data, dossier: { instruction: h.snapshot.context.instruction }, now: h.now };
    expect(route(routing, scope)).toMatchObject({ service: 'famille', queue: 'reserves', priority: 'haute', rule: 'dossier-reserve' });
  });

  it('continues to the quotient familial once an agreement is found and the documents are checked', () => {
    const h = contested();
    const agreed = h.send('conclure_accord', { compteRendu: 'Accord trouvé : alternance à compter du 4 mai, la régie facture chaque foyer.' }, expert, '2026-03-20T09:00:00Z');
    expect(agreed.effects).toEqual([{ type: 'route' }]);
    expect(h.snapshot.context.instruction).toMatchObject({ dossierReserve: false });
    expect(h.states).toEqual([`${REGION_ACCORD}.accord_obtenu`, `${REGION_PIECES}.controle_pieces`]);
    h.send('valider_pieces', {}, expert);
    expect(h.states).toEqual(['calcul_quotient']);
    closeAccepted(h, expert);
    expect(h.last.status.outcome).toBe('accepte');
  });

  it('continues at once when the documents were already checked', () => {
    const h = contested();
    h.send('valider_pieces', {}, expert);
    expect(h.states).toEqual([`${REGION_ACCORD}.dossier_reserve`, `${REGION_PIECES}.pieces_validees`]);
    h.send('conclure_accord', { compteRendu: 'Accord écrit des deux parents reçu le 18 mars.' }, expert);
    expect(h.states).toEqual(['calcul_quotient']);
  });

  it('refuses with a motif and sends the refusal letter to both parents', () => {
    const h = contested();
    h.send('demander_pieces', { pieces: ['jugement'] }, expert);
    expect(h.trySend('refuser_garde', {}, expert)).toMatchObject({
      ok: false, reason: 'invalid_payload', errors: [{ pointer: '/motif', field: 'Motif du refus', message: 'Ce champ est obligatoire.' }],
    });
    expect(h.trySend('refuser_garde', { motif: 'La résidence alternée n’est pas établie.' }, agent)).toMatchObject({ ok: false, reason: 'forbidden' });
    const refused = h.send('refuser_garde', { motif: 'La résidence alternée n’est établie ni par un jugement ni par un accord des deux parents.' }, expert, '2026-03-27T09:00:00Z');
    expect(refused.effects).toEqual([
      { type: 'letter', template: 'refus', to: 'usager' },
      { type: 'letter', template: 'refus', to: 'coparent' },
    ]);
    expect(h.done).toBe(true);
    expect(refused.status).toMatchObject({ outcome: 'refuse', citizenStatus: 'Demande refusée' });
    // The documents reminder is cancelled with everything else.
    expect(refused.timers.cancelAll).toBe(true);
    const letter = render('refus', h);
    expect(letter).toContain('La résidence alternée n’est établie ni par un jugement ni par un accord des deux parents.');
    expect(letter).toContain('tribunal administratif');
    expect(letter).toContain('deux mois');
  });

  it('does not offer the reserved-case decisions outside the dossiers réservés', () => {
    const h = filed();
    expect(h.trySend('conclure_accord', { compteRendu: 'Accord trouvé entre les parents.' }, expert)).toMatchObject({ ok: false, reason: 'not_in_state' });
    expect(h.trySend('refuser_garde', { motif: 'La résidence alternée n’est pas établie.' }, expert)).toMatchObject({ ok: false, reason: 'not_in_state' });
  });
});

describe('garde alternée: withdrawal', () => {
  it('lets the citizen withdraw during the instruction, and tells the other parent', () => {
    const h = filed();
    const withdrawn = h.send('abandonner', { motif: 'Nous avons trouvé un autre arrangement.' }, usager, '2026-03-10T09:00:00Z');
    expect(withdrawn.effects).toEqual([{ type: 'notify', to: ['usager', 'coparent'], template: 'abandon' }]);
    expect(h.done).toBe(true);
    expect(withdrawn.status).toMatchObject({ outcome: 'abandonne', citizenStatus: 'Demande retirée' });
    expect(withdrawn.timers.cancelAll).toBe(true);
    expect(h.snapshot.context.instruction).toMatchObject({ motifAbandon: 'Nous avons trouvé un autre arrangement.' });
    expect(h.trySend('confirmer_garde', {}, coparent)).toMatchObject({ ok: false, reason: 'not_in_state', message: 'Le dossier est clos : plus aucune action n’est possible.' });
  });

  it('lets the citizen withdraw up to the billing set-up, without giving a reason', () => {
    const h = filed();
    h.send('confirmer_garde', {}, coparent);
    h.send('valider_pieces', {}, expert);
    h.send('enregistrer_quotients', { quotientDemandeur: 612, quotientAutreParent: 1480 }, expert);
    expect(h.available(usager)).toEqual(['abandonner']);
    h.send('abandonner', {}, usager);
    expect(h.last.status.outcome).toBe('abandonne');
  });

  it('lets neither the other parent nor an agent withdraw the request', () => {
    const h = filed();
    expect(h.trySend('abandonner', {}, coparent)).toMatchObject({ ok: false, reason: 'forbidden', message: 'Votre rôle ne permet pas « Retirer ma demande ». Rôles autorisés : « usager ».' });
    expect(h.trySend('abandonner', {}, agent)).toMatchObject({ ok: false, reason: 'forbidden' });
  });

  it('cannot withdraw a closed dossier', () => {
    const h = filed();
    h.send('confirmer_garde', {}, coparent);
    h.send('valider_pieces', {}, expert);
    closeAccepted(h);
    expect(h.trySend('abandonner', {}, usager)).toMatchObject({ ok: false, reason: 'not_in_state' });
    expect(h.available(usager)).toEqual([]);
  });
});

describe('garde alternée: roles', () => {
  it('lets only the other parent or an agent answer for the other parent', () => {
    const h = filed();
    expect(h.trySend('confirmer_garde', {}, usager)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(h.trySend('confirmer_garde', {}, expert)).toMatchObject({ ok: false, reason: 'forbidden' });
  });

  it('lets only the expert check the documents', () => {
    const h = filed();
    expect(h.trySend('valider_pieces', {}, agent)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(h.trySend('demander_pieces', { pieces: ['jugement'] }, usager)).toMatchObject({ ok: false, reason: 'forbidden' });
  });

  it('lets an agent file at the desk on behalf of a parent', () => {
    const h = DossierHarness.start(demarche, formData(), agent, T0, ALL_PIECES);
    expect(h.last.history.actor).toEqual({ id: 'agent-1', role: 'agent' });
  });
});

describe('garde alternée: routing', () => {
  const now = T0;
  const dossier = {};

  it('sends an ordinary request to the family service at the hôtel de ville', () => {
    expect(route(routing, { data: formData(), dossier, now })).toEqual({ ...routing.default, rule: null });
  });

  it('treats first a request whose start date is within 15 days', () => {
    expect(route(routing, { data: formData({ dateDebut: '2026-03-16' }), dossier, now })).toMatchObject({ priority: 'haute', queue: 'instruction', rule: 'debut-imminent' });
    expect(route(routing, { data: formData({ dateDebut: '2026-03-18' }), dossier, now })).toMatchObject({ priority: 'normale', rule: null });
  });

  it('sends a request whose parents live under different postcodes to the hors-commune queue', () => {
    const data = formData();
    const autreParent = { ...(data.autreParent as object), adresse: { numeroEtVoie: '3 rue Carnot', codePostal: '69100', commune: 'Villeurbanne' } };
    expect(route(routing, { data: { ...data, autreParent }, dossier, now })).toMatchObject({ queue: 'hors-commune', rule: 'autre-parent-hors-commune' });
  });

  it('sends the northern sector to the mairie annexe', () => {
    const data = formData();
    const adresse = { numeroEtVoie: '8 rue de Bourgogne', codePostal: '69009', commune: 'Lyon' };
    const both = { ...data, demandeur: { ...(data.demandeur as object), adresse }, autreParent: { ...(data.autreParent as object), adresse } };
    expect(route(routing, { data: both, dossier, now })).toMatchObject({ site: 'mairie-annexe', rule: 'secteur-annexe' });
  });

  it('sends a reserved dossier to the reserved queue before any other rule', () => {
    expect(route(routing, { data: formData({ dateDebut: '2026-03-10' }), dossier: { instruction: { dossierReserve: true } }, now })).toMatchObject({ queue: 'reserves', priority: 'haute', rule: 'dossier-reserve' });
  });
});
