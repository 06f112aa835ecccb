import type { AnyMachineSnapshot } from 'xstate';
import { parseReservedEvent, leafPaths } from '../definition';
import { ARM_TIMERS, CANCEL_TIMERS, EFFECT_TYPES, type CompiledDemarche } from '../compile';
import { deadlineTimers, stopDeadline, type DossierContext, type Timer } from '../dossier';
import { addDuration, formatDuration } from '../rules';
import { describe } from './describe';
import type { DossierSnapshot, Effect, HistoryEntry, TimerChanges, Transitioned } from './types';

interface ActionLike {
  type: string;
  params?: unknown;
}

/** Turns the actions XState returned into effects for the runtime and timer changes. */
function collect(compiled: CompiledDemarche, actions: readonly ActionLike[], now: string) {
  const effects: Effect[] = [];
  // Last word per key wins: a state left and re-entered in one step re-arms its timers.
  const timerOps = new Map<string, Timer | null>();
  for (const action of actions) {
    const params = (action.params ?? {}) as Record<string, unknown>;
    if (EFFECT_TYPES.has(action.type)) {
      effects.push(action.type === 'letter' ? { type: 'letter', template: String(params.template), to: String(params.to ?? 'usager') } : ({ type: action.type, ...params } as Effect));
    } else if (action.type === ARM_TIMERS || action.type === CANCEL_TIMERS) {
      for (const timer of compiled.timers.get(String(params.state)) ?? []) {
        timerOps.set(timer.event, action.type === CANCEL_TIMERS ? null : {
          key: timer.event,
          event: { type: timer.event, payload: {} },
          dueAt: addDuration(now, timer.duration, timer.calendar).toISOString(),
        });
      }
    }
  }
  return { effects, timerOps };
}

/** Timer changes for the délais whose state changed between two contexts. */
function deadlineChanges(compiled: CompiledDemarche, before: DossierContext | null, after: DossierContext, now: string, ops: Map<string, Timer | null>): void {
  for (const [name, state] of Object.entries(after.deadlines)) {
    const previous = before?.deadlines[name];
    if (previous === state) continue;
    const definition = compiled.definition.deadlines?.[name];
    if (!definition) continue;
    const old = previous ? deadlineTimers(name, previous, definition, now) : [];
    const next = deadlineTimers(name, state, definition, now);
    for (const t of old) if (!next.some((n) => n.key === t.key)) ops.set(t.key, null);
    for (const t of next) if (!old.some((o) => o.key === t.key && o.dueAt === t.dueAt)) ops.set(t.key, t);
  }
}

function stopAll(deadlines: DossierContext['deadlines'], now: string): DossierContext['deadlines'] {
  return Object.fromEntries(Object.entries(deadlines).map(([name, state]) => [name, stopDeadline(state, now)]));
}

/** The French label of an event for the timeline. */
export function eventLabel(compiled: CompiledDemarche, type: string, payload: Record<string, unknown>): string {
  const declared = compiled.definition.events?.[type];
  if (declared) return declared.label;
  const reserved = parseReservedEvent(type);
  switch (reserved?.kind) {
    case 'pieces':
      return 'Pièces déposées';
    case 'deadline': {
      const label = compiled.definition.deadlines?.[reserved.name]?.label ?? reserved.name;
      return reserved.signal === 'echu' ? `Délai échu : ${label}` : `Alerte, ${formatDuration(String(payload.before ?? ''))} avant l’échéance : ${label}`;
    }
    case 'timer': {
      const timer = compiled.timers.get(reserved.state)?.find((t) => t.event === type);
      return `Délai écoulé : ${timer ? (timer.label === timer.duration ? formatDuration(timer.duration) : timer.label) : reserved.delay}`;
    }
    default:
      return type === 'xstate.init' ? 'Dépôt du dossier' : type;
  }
}

/** Everything that follows from one macrostep: snapshot to persist, history, timers, effects, status. */
export function consequences(
  compiled: CompiledDemarche,
  before: AnyMachineSnapshot | null,
  next: AnyMachineSnapshot,
  actions: readonly ActionLike[],
  event: { type: string; payload: Record<string, unknown>; actorId: string; role: string; now: string },
  extraEffects: Effect[] = [],
): Transitioned {
  const { effects, timerOps } = collect(compiled, actions, event.now);
  deadlineChanges(compiled, (before?.context as DossierContext | undefined) ?? null, next.context as DossierContext, event.now, timerOps);
  const persisted = compiled.machine.getPersistedSnapshot(next) as unknown as DossierSnapshot;
  const done = persisted.status === 'done';
  // A closed dossier has no clock left running.
  const snapshot = done ? { ...persisted, context: { ...persisted.context, deadlines: stopAll(persisted.context.deadlines, event.now) } } : persisted;
  const timers: TimerChanges = {
    arm: done ? [] : [...timerOps.values()].filter((t): t is Timer => t !== null),
    cancel: [...timerOps.entries()].filter(([, t]) => t === null || done).map(([key]) => key),
    cancelAll: done,
  };
  const history: HistoryEntry = {
    event: event.type === 'xstate.init' ? 'depot' : event.type,
    label: eventLabel(compiled, event.type, event.payload),
    payload: event.payload,
    actor: { id: event.actorId, role: event.role },
    at: event.now,
    from: before ? leafPaths(before.value) : [],
    to: leafPaths(next.value),
  };
  return {
    ok: true,
    snapshot,
    history,
    timers,
    effects: [...extraEffects, ...effects],
    status: describe(compiled.definition, snapshot, event.now),
  };
}
