import {
  durationBetween, playSimulation, recordScenario, runScenario, Simulation,
  type Demarche, type Playback, type Scenario, type ScenarioStep,
} from '../../engine';
import { DEMARCHES } from '../../definitions';

const passeport: Demarche = DEMARCHES['passeport-urgence'];
const garde: Demarche = DEMARCHES['garde-alternee'];

/** What a user did in a shipped scenario, without what it expects: as the simulator would keep it. */
function actionsOf(definition: Demarche, id: string): { start: Scenario['start']; steps: ScenarioStep[] } {
  const scenario = definition.scenarios!.find((s) => s.id === id)!;
  return { start: scenario.start, steps: scenario.steps.map(({ expect: _expect, ...step }) => step) };
}

function played(definition: Demarche, start: Scenario['start'], steps: ScenarioStep[]): Playback {
  const playback = playSimulation(definition, start, steps);
  if (!('simulation' in playback)) throw new Error(playback.message);
  return playback;
}

/** A copy of a definition with one change, as the designer makes it. */
function edited(definition: Demarche, change: (d: Demarche) => void): Demarche {
  const copy = structuredClone(definition);
  change(copy);
  return copy;
}

describe('playSimulation', () => {
  it('replays the filing and each step, with their outcomes, effects and instruction values', () => {
    const { start, steps } = actionsOf(passeport, 'urgence-validee-passeport-remis');
    const playback = played(passeport, start, steps.slice(0, 3));
    expect(playback.steps.map((s) => s.outcome?.ok ?? null)).toEqual([false, null, true]);
    expect(playback.steps[0].outcome).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(playback.steps[0].states).toEqual(['validation_urgence']);
    expect(playback.steps[2].states).toEqual(['recueil.rendez_vous_a_fixer']);
    expect(playback.steps[2].effects.map((e) => e.type).sort()).toEqual(['notify', 'route']);
    expect(playback.steps[2].instruction).toEqual({ urgenceValidee: true });
    // PT1H after a filing at 08:00 UTC.
    expect(playback.steps[1].at).toBe('2026-06-01T09:00:00.000Z');
    expect(playback.simulation.states).toEqual(['recueil.rendez_vous_a_fixer']);
  });

  it('answers the rejection of a refused filing', () => {
    const { start } = actionsOf(passeport, 'urgence-validee-passeport-remis');
    const refused = playSimulation(passeport, { ...start, data: {} }, []);
    expect(refused).toMatchObject({ ok: false, reason: 'invalid_data' });
  });

  it('lists the timers fired while time passes', () => {
    const { start, steps } = actionsOf(passeport, 'titre-non-retire-detruit');
    const playback = played(passeport, start, steps);
    const fired = playback.steps.flatMap((s) => s.fired.map((f) => f.history.event));
    expect(fired.length).toBeGreaterThan(0);
    expect(fired.some((e) => e.startsWith('delai.') || e.startsWith('after:'))).toBe(true);
  });
});

describe('recordScenario', () => {
  it('writes who did what and what followed, and the recorded scenario passes on the same definition', () => {
    for (const id of ['urgence-validee-passeport-remis', 'titre-non-retire-detruit', 'rejet-cert-nouvelle-photo']) {
      const { start, steps } = actionsOf(passeport, id);
      const scenario = recordScenario(played(passeport, start, steps), { id: 'essai', title: 'Essai' });
      expect(scenario.steps).toHaveLength(steps.length);
      expect(runScenario(passeport, scenario, 0)).toMatchObject({ ok: true });
    }
  });

  it('keeps refusals, effects, instruction values and the end as expectations', () => {
    const { start, steps } = actionsOf(passeport, 'urgence-validee-passeport-remis');
    const scenario = recordScenario(played(passeport, start, steps), { id: 'remis', title: 'Passeport remis', description: 'Tout se passe bien.' });
    expect(scenario).toMatchObject({ id: 'remis', title: 'Passeport remis', description: 'Tout se passe bien.' });
    expect(scenario.start).toEqual({ at: start.at, role: 'usager', data: start.data, pieces: start.pieces });
    expect(scenario.steps[0]).toEqual({ event: 'valider_urgence', role: 'agent', payload: {}, expect: { rejected: 'forbidden', states: ['validation_urgence'] } });
    expect(scenario.steps[2].expect).toEqual({
      states: ['recueil.rendez_vous_a_fixer'],
      effects: expect.arrayContaining([{ type: 'route' }, { type: 'notify', template: 'urgence_validee', to: ['usager'] }]),
      instruction: { urgenceValidee: true },
    });
    expect(scenario.steps[1]).toMatchObject({ advance: 'PT1H', role: 'usager', expect: { states: ['validation_urgence'] } });
    expect(scenario.expect).toMatchObject({ done: true, outcome: 'accepte' });
    expect(scenario.steps.at(-1)!.expect).toMatchObject({ done: true, outcome: 'accepte' });
  });

  it('fails, with a French reason, when the definition changes what happens', () => {
    const { start, steps } = actionsOf(passeport, 'urgence-validee-passeport-remis');
    const scenario = recordScenario(played(passeport, start, steps), { id: 'essai', title: 'Essai' });

    // The notification of the validated urgency is removed.
    const silent = edited(passeport, (d) => {
      const on = (d.workflow.states!.validation_urgence.on as Record<string, { actions: { type: string }[] }>).valider_urgence;
      on.actions = on.actions.filter((a) => a.type !== 'notify');
    });
    const result = runScenario(silent, scenario, 0);
    expect(result.ok).toBe(false);
    expect(result.failure).toEqual({ pointer: '/scenarios/0/steps/2', message: expect.stringContaining('l’effet notify « urgence_validee » à usager devait être produit') });

    // Agents may now validate the urgency: the refusal recorded at the first step no longer happens.
    const open = edited(passeport, (d) => {
      d.events.valider_urgence.roles = [...d.events.valider_urgence.roles, 'agent'];
    });
    expect(runScenario(open, scenario, 0).failure).toEqual({ pointer: '/scenarios/0/steps/0', message: expect.stringContaining('devait être refusé (forbidden)') });
  });

  it('records a deposit and the states of a parallel workflow', () => {
    const { start, steps } = actionsOf(garde, garde.scenarios![0].id);
    const scenario = recordScenario(played(garde, start, steps), { id: 'essai', title: 'Essai' });
    expect(runScenario(garde, scenario, 0)).toMatchObject({ ok: true });
    const { start: s2, steps: st2 } = actionsOf(passeport, 'mineur-justificatif-depose-puis-annulation');
    const withDeposit = recordScenario(played(passeport, s2, st2), { id: 'depot', title: 'Dépôt' });
    expect(withDeposit.steps.find((s) => s.deposit)).toMatchObject({ deposit: ['justificatif_urgence'], role: 'usager' });
    expect(runScenario(passeport, withDeposit, 0)).toMatchObject({ ok: true });
  });
});

describe('durationBetween', () => {
  it('counts elapsed hours, minutes and seconds, rounded up to the second', () => {
    expect(durationBetween('2026-03-02T09:00:00.000Z', '2026-03-04T11:30:00.000Z')).toBe('PT50H30M');
    expect(durationBetween('2026-03-02T09:00:00.000Z', '2026-03-02T09:00:00.200Z')).toBe('PT1S');
    expect(durationBetween('2026-03-02T09:00:00.000Z', '2026-03-02T09:00:00.000Z')).toBe('PT0S');
  });

  it('moves the clock exactly to the next timer, which fires', () => {
    const { start, steps } = actionsOf(passeport, 'titre-non-retire-detruit');
    const playback = played(passeport, start, steps.slice(0, 11));
    const sim: Simulation = playback.simulation;
    const next = [...sim.timers.values()].sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
    expect(next).toBeDefined();
    const before = sim.history.length;
    sim.advance(durationBetween(sim.now, next.dueAt));
    expect(sim.now).toBe(next.dueAt);
    expect(sim.history.length).toBeGreaterThan(before);
  });
});
