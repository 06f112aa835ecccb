import { assign } from 'xstate';
import type { Demarche } from '../definition';
import {
  buildScope, pauseDeadline, resumeDeadline, startDeadline, stopDeadline,
  type DeadlineState, type DossierContext, type MachineEvent, type StartInput,
} from '../dossier';
import { evaluate, holds } from '../rules';

/** The event XState hands to actions of the first transition carries the start input. */
type AnyMachineEvent = MachineEvent | { type: 'xstate.init'; input: StartInput };

function nowOf(event: AnyMachineEvent): string {
  return 'input' in event ? event.input.now : event.now;
}

function scopeOf(definition: Demarche, context: DossierContext, event: AnyMachineEvent) {
  const e = 'input' in event ? undefined : { type: event.type, payload: event.payload, role: event.role };
  return buildScope(definition, context, nowOf(event), e);
}

type Params = Record<string, unknown>;
interface ActionArgs { context: DossierContext; event: AnyMachineEvent }

/** Internal markers: a state with timers was entered or left (the engine turns them into timers to arm or cancel). */
export const ARM_TIMERS = 'guichet.armTimers';
export const CANCEL_TIMERS = 'guichet.cancelTimers';

/** Effect actions do nothing inside the machine: `transition()` returns them and the engine reports them. */
const effect = () => undefined;

function deadlineAction(
  definition: Demarche,
  change: (state: DeadlineState | undefined, params: { deadline: string }, now: string) => DeadlineState | undefined,
) {
  return assign(({ context, event }: ActionArgs, params: { deadline: string }) => {
    const next = change(context.deadlines[params.deadline], params, nowOf(event));
    return next === undefined ? {} : { deadlines: { ...context.deadlines, [params.deadline]: next } };
  });
}

/**
 * The implementations of the guard and action catalogues (engine/definition/catalogue.ts) for
 * one definition. Context actions run inside the pure transition; effects are only reported.
 */
export function implementations(definition: Demarche) {
  const deadlineDef = (name: string) => definition.deadlines![name];
  return {
    guards: {
      condition: ({ context, event }: ActionArgs, params: Params) => holds(params, scopeOf(definition, context, event)),
    },
    actions: {
      set: assign(({ context, event }: ActionArgs, params: { name: string; value: unknown }) => ({
        instruction: { ...context.instruction, [params.name]: evaluate(params.value, scopeOf(definition, context, event)) },
      })),
      requestPieces: assign(({ context, event }: ActionArgs, params: { pieces: unknown }) => {
        const asked = evaluate(params.pieces, scopeOf(definition, context, event));
        const ids = (Array.isArray(asked) ? asked : [asked]).filter((id): id is string => typeof id === 'string');
        const now = nowOf(event);
        return { requestedPieces: { ...context.requestedPieces, ...Object.fromEntries(ids.map((id) => [id, now])) } };
      }),
      startDeadline: deadlineAction(definition, (_, p, now) => startDeadline(deadlineDef(p.deadline), now)),
      restartDeadline: deadlineAction(definition, (_, p, now) => startDeadline(deadlineDef(p.deadline), now)),
      pauseDeadline: deadlineAction(definition, (s, p, now) => s && pauseDeadline(s, deadlineDef(p.deadline), now)),
      resumeDeadline: deadlineAction(definition, (s, p, now) => s && resumeDeadline(s, deadlineDef(p.deadline), now)),
      stopDeadline: deadlineAction(definition, (s, _, now) => s && stopDeadline(s, now)),
      notify: effect,
      letter: effect,
      document: effect,
      route: effect,
      callout: effect,
      [ARM_TIMERS]: effect,
      [CANCEL_TIMERS]: effect,
    },
  };
}

/** Action types whose calls the engine reports as effects for the runtime to run. */
export const EFFECT_TYPES: ReadonlySet<string> = new Set(['notify', 'letter', 'document', 'route', 'callout']);
