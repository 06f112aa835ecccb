import type { Effect, Playback } from '../../../engine';

/** An effect of the simulation, with when and by which transition it was produced. */
export interface ProducedEffect {
  at: string;
  effect: Effect;
  /** The French label of the transition that produced it. */
  cause: string;
}

/** The effects of the filing itself: those before the first step's. */
export function filingEffects(playback: Playback): Effect[] {
  const later = playback.steps.reduce((n, s) => n + s.effects.length, 0);
  return playback.simulation.effects.slice(0, playback.simulation.effects.length - later);
}

/** Every effect the simulation produced, in order, with when and why: the filing's, each accepted step's, each fired timer's. */
export function producedEffects(playback: Playback): ProducedEffect[] {
  const filing = playback.simulation.history[0];
  const out: ProducedEffect[] = filingEffects(playback).map((effect) => ({ at: filing.at, effect, cause: filing.label }));
  for (const step of playback.steps) {
    const outcome = step.outcome;
    if (outcome?.ok) out.push(...outcome.effects.map((effect) => ({ at: outcome.history.at, effect, cause: outcome.history.label })));
    for (const fired of step.fired) out.push(...fired.effects.map((effect) => ({ at: fired.history.at, effect, cause: fired.history.label })));
  }
  return out;
}
