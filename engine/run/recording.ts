import type { Demarche, Scenario, ScenarioExpectation, ScenarioStep } from '../definition';
import { Simulation } from './simulation';
import type { Effect, Outcome, Rejection, Transitioned } from './types';

/** One step of a simulation as it was played: what was done, and what followed. */
export interface PlayedStep {
  /** What was done, as a scenario writes it (no expectation). */
  step: ScenarioStep;
  /** The engine's answer to an event or a deposit; null when time passed. */
  outcome: Outcome | null;
  /** Timers that fired while time passed. */
  fired: Transitioned[];
  /** Effects the step produced (those of the fired timers included). */
  effects: Effect[];
  /** Active states after the step (leaf paths). */
  states: string[];
  /** The clock after the step. */
  at: string;
  /** Instruction values the step recorded or changed. */
  instruction: Record<string, unknown>;
}

/** A simulation replayed from what was done: the dossier where it stands, and each step with its consequences. */
export interface Playback {
  start: Scenario['start'];
  simulation: Simulation;
  steps: PlayedStep[];
}

/** The instruction values that differ after a step (removed values cannot be written in JSON and are left out). */
function changed(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(after).filter(([name, value]) => value !== undefined && JSON.stringify(before[name]) !== JSON.stringify(value)));
}

/**
 * Files a dossier and plays the steps on it, the way the scenario runner does. The designer keeps
 * only what the user did (the filing and the steps) and replays it, so that what it shows and the
 * scenario it records never drift apart; a rejection when the filing itself is refused. An
 * `advance` by an invalid duration throws (a RangeError with a French message), like Simulation.advance.
 */
export function playSimulation(definition: Demarche, start: Scenario['start'], steps: readonly ScenarioStep[]): Playback | Rejection {
  const started = Simulation.start(definition, { data: start.data, role: start.role ?? 'usager', at: start.at, pieces: start.pieces });
  if (!(started instanceof Simulation)) return started;
  const sim = started;
  const played: PlayedStep[] = [];
  for (const step of steps) {
    const effectsBefore = sim.effects.length;
    const instructionBefore = sim.snapshot.context.instruction;
    let outcome: Outcome | null = null;
    let fired: Transitioned[] = [];
    if (step.advance !== undefined) fired = sim.advance(step.advance);
    else if (step.deposit !== undefined) outcome = sim.deposit(step.deposit, step.role ?? 'usager');
    else if (step.event !== undefined) outcome = sim.send(step.event, step.payload ?? {}, step.role ?? 'usager');
    played.push({
      step,
      outcome,
      fired,
      effects: sim.effects.slice(effectsBefore),
      states: sim.states,
      at: sim.now,
      instruction: changed(instructionBefore, sim.snapshot.context.instruction),
    });
  }
  return { start, simulation: sim, steps: played };
}

type ExpectedEffect = NonNullable<ScenarioExpectation['effects']>[number];

/** An effect as a scenario expects it: its type, template and recipients. */
function expectedEffect(effect: Effect): ExpectedEffect {
  const out: ExpectedEffect = { type: effect.type };
  if ('template' in effect && effect.template !== undefined) out.template = effect.template;
  if ('to' in effect && effect.to !== undefined) out.to = Array.isArray(effect.to) ? [...effect.to] : [effect.to];
  return out;
}

/** The same effect expected twice is one expectation: the runner matches each against every effect produced. */
function distinct(effects: ExpectedEffect[]): ExpectedEffect[] {
  const seen = new Set<string>();
  return effects.filter((e) => {
    const key = JSON.stringify(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What a played step showed, written as what must hold when the scenario runs again. */
function expectationOf(played: PlayedStep, simulation: Simulation, last: boolean): ScenarioExpectation {
  if (played.outcome && !played.outcome.ok) {
    // Filing data is checked before any step: a step can only be refused for these reasons.
    return { rejected: played.outcome.reason as NonNullable<ScenarioExpectation['rejected']>, states: played.states };
  }
  const expect: ScenarioExpectation = { states: played.states };
  const effects = distinct(played.effects.map(expectedEffect));
  if (effects.length > 0) expect.effects = effects;
  if (Object.keys(played.instruction).length > 0) expect.instruction = played.instruction;
  if (last && simulation.done) {
    expect.done = true;
    if (simulation.last.status.outcome) expect.outcome = simulation.last.status.outcome;
  }
  return expect;
}

/**
 * Turns a played simulation into a scenario of the definition: the filing, each step with who did
 * it, and what was seen after it (states, effects, instruction values, refusals) as expectations;
 * at the end, the states and whether and how the dossier closed. Run again on the same definition
 * it passes; it fails as soon as a change of the definition changes what happens.
 */
export function recordScenario(playback: Playback, meta: { id: string; title: string; description?: string }): Scenario {
  const { simulation, steps } = playback;
  const start: Scenario['start'] = { at: playback.start.at, role: playback.start.role ?? 'usager', data: playback.start.data };
  if (playback.start.pieces && playback.start.pieces.length > 0) start.pieces = [...playback.start.pieces];
  const end: NonNullable<Scenario['expect']> = { states: simulation.states, done: simulation.done };
  if (simulation.done && simulation.last.status.outcome) end.outcome = simulation.last.status.outcome;
  return {
    id: meta.id,
    title: meta.title,
    ...(meta.description ? { description: meta.description } : {}),
    start,
    steps: steps.map((played, i) => ({ ...played.step, role: played.step.role ?? 'usager', expect: expectationOf(played, simulation, i === steps.length - 1) })),
    expect: end,
  };
}

/**
 * The ISO 8601 duration from `from` to `to`, in hours, minutes and seconds (elapsed time, exact
 * across a change of hour), rounded up to the second so that what is due at `to` has fired.
 */
export function durationBetween(from: string, to: string): string {
  let seconds = Math.max(0, Math.ceil((Date.parse(to) - Date.parse(from)) / 1000));
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const parts = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
  return `PT${parts || '0S'}`;
}
