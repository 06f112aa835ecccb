import { createActor } from 'xstate';
import { playSimulation, recordScenario, runScenario, type Demarche, type Playback, type ScenarioStep } from '../../engine';
import { DEMARCHES } from '../../definitions';
import { simulator } from '../../designer';

const passeport: Demarche = DEMARCHES['passeport-urgence'];
const shipped = passeport.scenarios!.find((s) => s.id === 'urgence-validee-passeport-remis')!;

/** A session of the simulator driven as the buttons drive it. */
function session() {
  const actor = createActor(simulator.simulatorMachine);
  actor.start();
  return actor;
}

function replay(definition: Demarche, context: simulator.SessionContext): Playback {
  const played = playSimulation(definition, context.start!, context.steps);
  if (!('simulation' in played)) throw new Error(played.message);
  return played;
}

describe('the simulator session', () => {
  it('files, keeps each step, undoes the last one and starts again from the same filing', () => {
    const actor = session();
    expect(actor.getSnapshot().value).toBe('depot');
    // Nothing to do before the filing.
    actor.send({ type: 'agir', step: { advance: 'P1D' } });
    expect(actor.getSnapshot().context.steps).toEqual([]);

    actor.send({ type: 'deposer', start: shipped.start });
    expect(actor.getSnapshot().value).toBe('dossier');
    actor.send({ type: 'agir', step: { event: 'valider_urgence', role: 'responsable', payload: {} } });
    actor.send({ type: 'agir', step: { advance: 'P15D' } });
    // Not a duration, two things at once, nothing deposited: refused by the session.
    actor.send({ type: 'agir', step: { advance: '15 jours' } });
    actor.send({ type: 'agir', step: { event: 'annuler', advance: 'P1D' } });
    actor.send({ type: 'agir', step: { deposit: [] } });
    expect(actor.getSnapshot().context.steps).toEqual([{ event: 'valider_urgence', role: 'responsable', payload: {} }, { advance: 'P15D' }]);

    actor.send({ type: 'annuler' });
    expect(actor.getSnapshot().context.steps).toEqual([{ event: 'valider_urgence', role: 'responsable', payload: {} }]);

    actor.send({ type: 'recommencer' });
    expect(actor.getSnapshot().value).toBe('depot');
    expect(actor.getSnapshot().context).toEqual({ start: shipped.start, steps: [] });
  });

  it('records what was done as a scenario that passes on the draft, and fails once the draft changes what happens', () => {
    const actor = session();
    actor.send({ type: 'deposer', start: shipped.start });
    const steps: ScenarioStep[] = [
      { event: 'valider_urgence', role: 'agent', payload: {} },
      { event: 'valider_urgence', role: 'responsable', payload: { observation: 'Ordre de mission conforme.' } },
      { event: 'fixer_rendez_vous', role: 'accueil', payload: { date: '2026-06-04', heure: '09:30', lieu: 'hotel-de-ville' } },
      { advance: 'P3D' },
      { event: 'enregistrer_recueil', role: 'agent', payload: {} },
    ];
    for (const step of steps) actor.send({ type: 'agir', step });
    const playback = replay(passeport, actor.getSnapshot().context);
    expect(playback.steps[0].outcome).toMatchObject({ ok: false, reason: 'forbidden' });

    const scenario = recordScenario(playback, { id: simulator.scenarioId('Urgence validée, recueil fait', passeport.scenarios!.map((s) => s.id)), title: 'Urgence validée, recueil fait' });
    expect(scenario.id).toBe('urgence-validee-recueil-fait');
    const draft = simulator.withScenario(passeport, scenario);
    const results = simulator.checkScenarios(draft);
    expect(results.at(-1)).toMatchObject({ id: 'urgence-validee-recueil-fait', ok: true });

    // The appointment no longer notifies the citizen.
    const changed = structuredClone(draft);
    const recueil = changed.workflow.states!.recueil.on as Record<string, { actions: { type: string }[] }>;
    recueil.fixer_rendez_vous.actions = recueil.fixer_rendez_vous.actions.filter((a) => a.type !== 'notify');
    const failed = simulator.checkScenarios(changed).at(-1)!;
    expect(failed.ok).toBe(false);
    expect(failed.failure!.pointer).toBe(`/scenarios/${draft.scenarios!.length - 1}/steps/2`);
    expect(failed.failure!.message).toMatch(/^Étape 3 : l’effet notify « convocation_recueil » à usager devait être produit/);
  });

  it('lists the effects with when and why they were produced, the filing’s first', () => {
    const playback = replay(passeport, { start: shipped.start, steps: [{ event: 'valider_urgence', role: 'responsable', payload: {} }, { advance: 'PT1H' }] });
    const produced = simulator.producedEffects(playback);
    expect(produced[0]).toMatchObject({ at: shipped.start.at, effect: { type: 'notify', template: 'accuse_reception' } });
    expect(produced.slice(1).map((p) => p.effect.type).sort()).toEqual(['notify', 'route']);
    expect(new Set(produced.slice(1).map((p) => p.cause)).size).toBe(1);
    expect(simulator.filingEffects(playback)).toHaveLength(1);
  });
});

describe('the scenarios of a draft', () => {
  it('renames and deletes a scenario without touching the others', () => {
    const renamed = simulator.withScenarioTitle(passeport, 1, 'Passeport détruit faute de retrait');
    expect(renamed.scenarios![1]).toEqual({ ...passeport.scenarios![1], title: 'Passeport détruit faute de retrait' });
    expect(renamed.scenarios![0]).toBe(passeport.scenarios![0]);
    const removed = simulator.withoutScenario(passeport, 0);
    expect(removed.scenarios!.map((s) => s.id)).toEqual(passeport.scenarios!.slice(1).map((s) => s.id));
    expect(passeport.scenarios).toHaveLength(5);
  });

  it('says why a scenario cannot run on a draft the engine cannot compile, instead of failing', () => {
    const broken = structuredClone(passeport);
    broken.workflow.initial = 'etat_supprime';
    const results = simulator.checkScenarios(broken);
    expect(results).toHaveLength(passeport.scenarios!.length);
    expect(results.every((r) => !r.ok && r.failure!.message.length > 10)).toBe(true);
  });

  it('runs the shipped scenarios as the runner does', () => {
    expect(simulator.checkScenarios(passeport)).toEqual(passeport.scenarios!.map((s, i) => runScenario(passeport, s, i)));
  });
});

describe('the simulator’s words', () => {
  it('makes a scenario id from its title, distinct from those taken', () => {
    expect(simulator.scenarioId('Demande acceptée après relance', [])).toBe('demande-acceptee-apres-relance');
    expect(simulator.scenarioId('L’usager abandonne', ['l-usager-abandonne'])).toBe('l-usager-abandonne-2');
    expect(simulator.scenarioId('2e essai', [])).toBe('scenario-2e-essai');
    expect(simulator.scenarioId('???', ['scenario'])).toBe('scenario-2');
    expect(simulator.scenarioId('a'.repeat(100), [])).toMatch(/^a{56}$/);
  });

  it('writes durations and time left in French', () => {
    expect(simulator.isoDuration(15, 'jours')).toBe('P15D');
    expect(simulator.isoDuration(2, 'mois')).toBe('P2M');
    expect(simulator.isoDuration(3, 'heures')).toBe('PT3H');
    expect(simulator.isoDuration(0, 'jours')).toBeNull();
    expect(simulator.isoDuration(1.5, 'jours')).toBeNull();
    const day = 86_400_000;
    expect(simulator.remainingText(14 * day + 3_600_000)).toBe('reste 14 jours');
    expect(simulator.remainingText(-2 * day)).toBe('dépassé de 2 jours');
    expect(simulator.remainingText(90 * 60_000)).toBe('reste 1 heure');
    expect(simulator.lengthText(30_000)).toBe('1 minute');
    // The clock moved to a timer by elapsed hours reads in days.
    expect(simulator.durationText('PT360H')).toBe('15 jours');
    expect(simulator.durationText('PT50H30M')).toBe('2 jours, 2 heures et 30 minutes');
    expect(simulator.durationText('PT3H')).toBe('3 heures');
    expect(simulator.durationText('P1M')).toBe('1 mois');
  });

  it('names effects, reserved events, roles and refusals as the draft does', () => {
    expect(simulator.effectText(passeport, { type: 'notify', to: ['usager'], template: 'accuse_reception' }))
      .toBe('Notification « Accusé de réception de la demande » à Usager');
    expect(simulator.effectText(passeport, { type: 'route' })).toBe('Orientation du dossier par les tables de routage');
    expect(simulator.effectText(passeport, { type: 'letter', template: 'inconnu', to: 'responsable' })).toBe('Courrier « inconnu » à Responsable du service');
    expect(simulator.eventLabel(passeport, 'delai.retrait_titre.echu')).toBe('Échéance du délai « Retrait du passeport »');
    expect(simulator.eventLabel(passeport, 'pieces.deposees')).toBe('Dépôt de pièces');
    expect(simulator.eventLabel(passeport, 'valider_urgence')).toBe('Valider l’urgence');
    expect(simulator.eventLabel(passeport, 'after:recueil.rendez_vous_fixe:P1D')).toMatch(/^Minuteur de l’étape « .+ » \(1 jour\)$/);
    expect(simulator.stateLabel(passeport, 'recueil.rendez_vous_a_fixer')).toBe('Rendez-vous de recueil à fixer');
    expect(simulator.actingRoles(passeport)).toEqual(['usager', 'accueil', 'agent', 'responsable', 'systeme']);
    expect(simulator.roleLabel(passeport, 'systeme')).toBe('Système (minuteurs, autres services)');
    expect(simulator.rejectionTitle('forbidden')).toBe('Ce rôle n’a pas le droit de faire cette action');
  });

  it('reads and shows the filing time on the wall clocks of Paris', () => {
    expect(simulator.fromParisInput('2026-03-02T10:00')).toBe('2026-03-02T09:00:00.000Z');
    expect(simulator.fromParisInput('2026-06-01T10:00')).toBe('2026-06-01T08:00:00.000Z');
    expect(simulator.fromParisInput('2026-02-31T10:00')).toBeNull();
    expect(simulator.fromParisInput('')).toBeNull();
    expect(simulator.parisInput('2026-06-01T08:00:00.000Z')).toBe('2026-06-01T10:00');
    expect(simulator.morningOf(new Date('2026-03-02T23:30:00Z'))).toBe('2026-03-03T08:00:00.000Z');
  });
});
