import { apply, available, compile, describe as describeDossier, routingEvents, start, type Actor, type Demarche } from '../../engine';
import { DEMARCHES } from '../../definitions';
import { DossierHarness, SYSTEM, expectOk } from '../fixtures/dossierHarness';
import { minimalDemarche } from '../fixtures/minimal';

const usager: Actor = { id: 'u1', roles: ['usager'] };
const agent: Actor = { id: 'a1', roles: ['agent'] };
const data = { nom: 'Dupont', type_acte: 'naissance', copies: 2 };
// Monday 2 March 2026, 10:00 in Paris (winter time).
const T0 = '2026-03-02T09:00:00.000Z';

function filed(definition: Demarche = minimalDemarche()): DossierHarness {
  return DossierHarness.start(definition, data, usager, T0);
}

describe('start', () => {
  it('files a dossier in the initial state and records the submission', () => {
    const h = filed();
    expect(h.states).toEqual(['depose']);
    expect(h.last.history).toMatchObject({ event: 'depot', label: 'Dépôt du dossier', actor: { id: 'u1', role: 'usager' }, at: T0, from: [], to: ['depose'] });
    expect(h.last.status).toMatchObject({ done: false, citizenStatus: 'Reçu', piecesManquantes: ['piece_identite'] });
  });

  it('refuses invalid form data with French messages on each field', () => {
    const outcome = start(minimalDemarche(), { data: { type_acte: 'divorce', copies: 9 }, actor: usager, now: T0 });
    expect(outcome).toMatchObject({ ok: false, reason: 'invalid_data', message: 'Le formulaire contient 3 erreurs : corrigez les champs signalés.' });
    if (outcome.ok) return;
    expect(outcome.errors).toEqual(expect.arrayContaining([
      { pointer: '/nom', field: 'Nom', message: 'Ce champ est obligatoire.' },
      { pointer: '/type_acte', field: 'Type d’acte', message: 'Choisissez une des valeurs proposées : « naissance », « mariage », « deces ».' },
      { pointer: '/copies', field: 'Nombre de copies', message: 'Doit être inférieur ou égal à 5.' },
    ]));
  });

  it('refuses someone who holds no role of the démarche', () => {
    expect(start(minimalDemarche(), { data, actor: { id: 'x', roles: ['elu'] }, now: T0 })).toMatchObject({ ok: false, reason: 'forbidden' });
  });

  it('lets an agent file on behalf of a citizen', () => {
    const outcome = expectOk(start(minimalDemarche(), { data, actor: agent, now: T0 }), 'dépôt au guichet');
    expect(outcome.history.actor).toEqual({ id: 'a1', role: 'agent' });
  });

  it('counts documents attached while filling the form', () => {
    const h = DossierHarness.start(minimalDemarche(), data, usager, T0, { piece_identite: [{ id: 'd1', name: 'cni.pdf', at: T0 }] });
    expect(h.last.status.piecesManquantes).toEqual([]);
  });
});

describe('apply', () => {
  it('refuses an event the démarche does not have', () => {
    expect(filed().trySend('valider', {}, agent)).toMatchObject({ ok: false, reason: 'unknown_event', message: expect.stringContaining('« accepter »') });
  });

  it('refuses an event the role may not send', () => {
    expect(filed().trySend('refuser', { motif: 'Hors délai' }, usager)).toMatchObject({
      ok: false, reason: 'forbidden', message: 'Votre rôle ne permet pas « Refuser ». Rôles autorisés : « agent ».',
    });
  });

  it('refuses a payload that does not match its schema, field by field', () => {
    const outcome = filed().trySend('refuser', { motif: 'non' }, agent);
    expect(outcome).toMatchObject({ ok: false, reason: 'invalid_payload', errors: [{ pointer: '/motif', field: 'Motif', message: 'Doit contenir au moins 5 caractères.' }] });
  });

  it('refuses an event the current state does not take, naming the step', () => {
    const h = filed();
    h.send('demander_pieces', { pieces: ['piece_identite'] }, agent);
    expect(h.trySend('accepter', {}, agent)).toMatchObject({ ok: false, reason: 'not_in_state', message: '« Accepter » n’est pas possible à l’étape « En attente de pièces ».' });
  });

  it('refuses an event whose guard is false, and accepts it once the condition holds', () => {
    const h = filed();
    expect(h.trySend('accepter', {}, agent)).toMatchObject({ ok: false, reason: 'guard_failed' });
    h.deposit({ piece_identite: ['cni.pdf'] }, usager);
    expect(h.send('accepter', {}, agent).effects).toEqual([{ type: 'document', template: 'copie' }]);
    expect(h.done).toBe(true);
  });

  it('changes nothing when it refuses', () => {
    const h = filed();
    const before = JSON.stringify(h.snapshot);
    h.trySend('refuser', {}, agent);
    h.trySend('accepter', {}, agent);
    expect(JSON.stringify(h.snapshot)).toBe(before);
  });

  it('records a refusal motif and asks for the letter', () => {
    const h = filed();
    const outcome = h.send('refuser', { motif: 'Acte introuvable' }, agent, '2026-03-03T09:00:00Z');
    expect(outcome.snapshot.context.instruction).toEqual({ motif: 'Acte introuvable' });
    expect(outcome.effects).toEqual([{ type: 'letter', template: 'refus', to: 'usager' }]);
    expect(outcome.status).toMatchObject({ done: true, outcome: 'refuse' });
    expect(outcome.history).toMatchObject({ event: 'refuser', label: 'Refuser', payload: { motif: 'Acte introuvable' }, from: ['depose'], to: ['refuse'] });
  });

  it('refuses any event on a closed dossier', () => {
    const h = filed();
    h.send('refuser', { motif: 'Acte introuvable' }, agent);
    expect(h.trySend('accepter', {}, agent)).toMatchObject({ ok: false, reason: 'not_in_state', message: expect.stringContaining('clos') });
  });

  it('accepts a date as a Date or a string, and refuses an invalid one', () => {
    const h = filed();
    expect(apply(h.definition, h.snapshot, { type: 'refuser', payload: { motif: 'Acte introuvable' } }, { actor: agent, now: new Date(T0) }).ok).toBe(true);
    expect(() => apply(h.definition, h.snapshot, { type: 'refuser', payload: { motif: 'Acte introuvable' } }, { actor: agent, now: 'hier' })).toThrow('Date invalide');
  });
});

describe('documents', () => {
  it('records documents even in a state that does not react to them', () => {
    const h = filed();
    const outcome = h.deposit({ piece_identite: ['cni.pdf'] }, usager);
    expect(outcome.history).toMatchObject({ event: 'pieces.deposees', label: 'Pièces déposées', from: ['depose'], to: ['depose'] });
    expect(outcome.snapshot.context.pieces.piece_identite).toHaveLength(1);
  });

  it('refuses documents for a pièce the démarche does not have', () => {
    const outcome = filed().trySend('pieces.deposees', { pieces: { passeport: [{ id: 'x', name: 'p.pdf', at: T0 }] } }, usager);
    expect(outcome).toMatchObject({ ok: false, reason: 'invalid_payload' });
  });

  it('counts a re-requested pièce as missing until a new document arrives', () => {
    const h = DossierHarness.start(minimalDemarche(), data, usager, T0, { piece_identite: [{ id: 'd1', name: 'floue.jpg', at: T0 }] });
    h.send('demander_pieces', { pieces: ['piece_identite'] }, agent, '2026-03-04T09:00:00Z');
    expect(h.last.status).toMatchObject({ piecesManquantes: ['piece_identite'], citizenActions: ['Ajoutez les pièces demandées.'], citizenStatus: 'Pièces à fournir' });
    h.deposit({ piece_identite: ['nette.jpg'] }, usager, '2026-03-05T09:00:00Z');
    expect(h.states).toEqual(['depose']);
    expect(h.last.status.piecesManquantes).toEqual([]);
  });
});

describe('timers', () => {
  it('arms a state timer on entry, re-arms it when the state is re-entered, and cancels it on exit', () => {
    const h = filed();
    h.send('demander_pieces', { pieces: ['piece_identite'] }, agent, '2026-03-04T09:00:00Z');
    expect(h.last.timers.arm).toContainEqual({ key: 'after:attente_pieces:P15D', event: { type: 'after:attente_pieces:P15D', payload: {} }, dueAt: '2026-03-19T09:00:00.000Z' });
    const [reminder] = h.advanceTo('2026-03-19T09:00:00Z');
    expect(reminder.effects).toEqual([{ type: 'notify', to: ['usager'], template: 'relance' }]);
    expect(reminder.history.label).toBe('Délai écoulé : 15 jours');
    // Fifteen calendar days later, in summer time: the same hour in Paris.
    expect(h.timerDueDates()['after:attente_pieces:P15D']).toBe('2026-04-03T08:00:00.000Z');
    h.deposit({ piece_identite: ['cni.pdf'] }, usager, '2026-03-20T09:00:00Z');
    expect(h.last.timers.cancel).toContain('after:attente_pieces:P15D');
    expect(h.timerDueDates()['after:attente_pieces:P15D']).toBeUndefined();
  });

  it('refuses a timer event whose state was left (a stale timer row)', () => {
    const h = filed();
    expect(h.trySend('after:attente_pieces:P15D', {}, SYSTEM)).toMatchObject({ ok: false, reason: 'not_in_state' });
  });

  it('lets only the system fire timers and délais', () => {
    const h = filed();
    expect(h.trySend('delai.reponse.echu', {}, agent)).toMatchObject({ ok: false, reason: 'forbidden' });
  });
});

describe('délais', () => {
  it('starts a legal délai with its expiry and warning as timers', () => {
    const h = filed();
    expect(h.timerDueDates()).toEqual({
      // One month in Paris time: 10:00 on 2 April (summer time).
      'delai.reponse.echu': '2026-04-02T08:00:00.000Z',
      'delai.reponse.alerte:P7D': '2026-03-26T09:00:00.000Z',
    });
    expect(h.last.status.deadlines).toEqual([expect.objectContaining({ name: 'reponse', label: 'Réponse', kind: 'legal', status: 'running', dueAt: '2026-04-02T08:00:00.000Z', warning: false, overdue: false })]);
  });

  it('warns before the délai runs out, once', () => {
    const h = filed();
    const [warning] = h.advanceTo('2026-03-26T09:00:00Z');
    expect(warning.effects).toStrictEqual([{ type: 'notify', to: ['agent'], deadline: 'reponse' }]);
    expect(warning.history.label).toBe('Alerte, 7 jours avant l’échéance : Réponse');
    expect(warning.status.deadlines[0]).toMatchObject({ warning: true });
    expect(h.trySend('delai.reponse.alerte', { before: 'P7D' }, SYSTEM)).toMatchObject({ ok: false, reason: 'not_in_state' });
  });

  it('takes the workflow’s transition when the délai runs out', () => {
    const h = filed();
    h.advanceTo('2026-04-02T08:00:00Z');
    expect(h.states).toEqual(['refuse']);
    expect(h.history.map((e) => e.label)).toEqual(['Dépôt du dossier', 'Alerte, 7 jours avant l’échéance : Réponse', 'Délai échu : Réponse']);
  });

  it('pauses while documents are awaited and resumes with the time that was left', () => {
    const h = filed();
    h.send('demander_pieces', { pieces: ['piece_identite'] }, agent, '2026-03-12T09:00:00Z');
    expect(h.last.timers.cancel).toEqual(expect.arrayContaining(['delai.reponse.echu', 'delai.reponse.alerte:P7D']));
    expect(h.last.status.deadlines[0]).toMatchObject({ status: 'paused', dueAt: null, remainingMs: null });
    h.deposit({ piece_identite: ['cni.pdf'] }, usager, '2026-03-22T09:00:00Z');
    // 20 days 23 hours were left (2 April 08:00Z − 12 March 09:00Z); resumed on 22 March.
    expect(h.timerDueDates()['delai.reponse.echu']).toBe('2026-04-12T08:00:00.000Z');
  });

  it('stops every clock and cancels every timer when the dossier closes', () => {
    const h = filed();
    const outcome = h.send('refuser', { motif: 'Acte introuvable' }, agent);
    expect(outcome.timers).toEqual({ arm: [], cancel: [], cancelAll: true });
    expect(outcome.snapshot.context.deadlines.reponse.status).toBe('stopped');
    expect(outcome.status.deadlines[0]).toMatchObject({ status: 'stopped', overdue: false });
  });
});

describe('available', () => {
  it('offers each role the events it may send in the current state, with their forms', () => {
    const h = filed();
    expect(h.available(agent)).toEqual(['accepter', 'demander_pieces', 'refuser']);
    expect(h.available(usager)).toEqual([]);
    const refuser = available(h.definition, h.snapshot, agent).find((e) => e.type === 'refuser')!;
    expect(refuser).toMatchObject({ label: 'Refuser', role: 'agent', payload: { required: ['motif'] } });
  });

  it('greys out an event whose condition does not hold now, whatever the payload', () => {
    const h = filed();
    const accepter = () => available(h.definition, h.snapshot, agent, h.now).find((e) => e.type === 'accepter')!;
    expect(accepter().enabled).toBe(false);
    h.deposit({ piece_identite: ['cni.pdf'] }, usager);
    expect(accepter().enabled).toBe(true);
    expect(available(h.definition, h.snapshot, agent, h.now).find((e) => e.type === 'refuser')!.enabled).toBe(true);
  });

  it('offers nothing on a closed dossier', () => {
    const h = filed();
    h.send('refuser', { motif: 'Acte introuvable' }, agent);
    expect(h.available(agent)).toEqual([]);
  });
});

describe('describe', () => {
  it('says how much time is left and flags overdue délais', () => {
    const h = filed();
    const later = describeDossier(h.definition, h.snapshot, '2026-04-03T08:00:00Z');
    expect(later.deadlines[0]).toMatchObject({ remainingMs: -86_400_000, overdue: true, warning: true });
  });
});

describe('compile', () => {
  it('compiles a definition once per id and version', () => {
    const d = minimalDemarche();
    expect(compile(d)).toBe(compile(d));
  });

  it('compiles again a different draft under the same id and version', () => {
    const a = minimalDemarche();
    const b = minimalDemarche();
    (b.workflow.states.depose.meta as { label: string }).label = 'Reçu au guichet';
    expect(compile(a)).not.toBe(compile(b));
    const h = DossierHarness.start(b, data, usager, T0);
    expect(h.last.status.states[0].label).toBe('Reçu au guichet');
  });
});

describe('routingEvents', () => {
  const passeport = DEMARCHES['passeport-urgence'];

  it('lists the events whose transitions route the dossier again', () => {
    expect([...routingEvents(passeport)!].sort()).toEqual(['passer_voie_normale', 'valider_urgence']);
    expect(routingEvents(minimalDemarche())).toEqual(new Set());
  });

  it('says any event may route when a state routes on entry, or a transition without an event does', () => {
    const onEntry = minimalDemarche();
    onEntry.workflow.states!.accepte.entry = [{ type: 'route' }];
    expect(routingEvents(onEntry)).toBeNull();
    const delayed = minimalDemarche();
    delayed.workflow.states!.depose.after = { P30D: { target: 'accepte', actions: [{ type: 'route' }] } };
    expect(routingEvents(delayed)).toBeNull();
  });
});
