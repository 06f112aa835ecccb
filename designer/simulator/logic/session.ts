import { assign, setup } from 'xstate';
import { isValidDuration, type Scenario, type ScenarioStep } from '../../../engine';

/**
 * What the user did in the simulator: the filing, then each step (an event sent as a role, pièces
 * deposited, time moved). The dossier itself is not kept here: it is replayed by the engine from
 * these inputs (playSimulation), so that it follows every edit of the draft and so that « Annuler
 * la dernière étape » and the recorded scenario are exact.
 */
export interface SessionContext {
  /** The last filing; kept after « Recommencer » to prefill the form. */
  start: Scenario['start'] | null;
  steps: ScenarioStep[];
}

export type SessionEvent =
  | { type: 'deposer'; start: Scenario['start'] }
  | { type: 'agir'; step: ScenarioStep }
  | { type: 'annuler' }
  | { type: 'recommencer' };

/** A step does one thing (the scenario format's rule), and time only moves by a valid duration. */
export function isPlayableStep(step: ScenarioStep): boolean {
  const kinds = [step.event !== undefined, step.deposit !== undefined, step.advance !== undefined].filter(Boolean).length;
  if (kinds !== 1) return false;
  if (step.advance !== undefined) return isValidDuration(step.advance);
  if (step.deposit !== undefined) return step.deposit.length > 0;
  return step.event !== '';
}

/** The simulator's session: « dépôt » while the citizen fills the form, « dossier » once filed. */
export const simulatorMachine = setup({
  types: {} as { context: SessionContext; events: SessionEvent },
  guards: {
    playable: ({ event }) => event.type === 'agir' && isPlayableStep(event.step),
    hasSteps: ({ context }) => context.steps.length > 0,
  },
}).createMachine({
  id: 'simulateur',
  initial: 'depot',
  context: { start: null, steps: [] },
  states: {
    depot: {
      on: {
        deposer: { target: 'dossier', actions: assign({ start: ({ event }) => event.start, steps: () => [] }) },
      },
    },
    dossier: {
      on: {
        agir: { guard: 'playable', actions: assign({ steps: ({ context, event }) => [...context.steps, event.step] }) },
        annuler: { guard: 'hasSteps', actions: assign({ steps: ({ context }) => context.steps.slice(0, -1) }) },
        recommencer: { target: 'depot', actions: assign({ steps: () => [] }) },
      },
    },
  },
});
