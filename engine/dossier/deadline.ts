import type { Deadline } from '../definition';
import { deadlineEvent } from '../definition';
import { addDuration, businessDaysBetween, subtractDuration } from '../rules';
import type { DeadlineState, Timer } from './types';

const calendarOf = (definition: Deadline) => definition.calendar ?? 'calendaires';

/** A délai that starts now, with its full duration. */
export function startDeadline(definition: Deadline, now: string): DeadlineState {
  return {
    status: 'running',
    startedAt: now,
    dueAt: addDuration(now, definition.duration, calendarOf(definition)).toISOString(),
    remaining: null,
    warned: [],
    since: now,
  };
}

/** Suspends a running délai, keeping what was left in its own calendar (days stay business days). */
export function pauseDeadline(state: DeadlineState, definition: Deadline, now: string): DeadlineState {
  if (state.status !== 'running' || !state.dueAt) return state;
  const calendar = calendarOf(definition);
  const remaining = calendar === 'calendaires'
    ? `PT${Math.max(0, Math.round((Date.parse(state.dueAt) - Date.parse(now)) / 1000))}S`
    : `P${Math.max(0, businessDaysBetween(now, state.dueAt, calendar))}D`;
  return { ...state, status: 'paused', dueAt: null, remaining, since: now };
}

/** Resumes a suspended délai with the time it had left. */
export function resumeDeadline(state: DeadlineState, definition: Deadline, now: string): DeadlineState {
  if (state.status !== 'paused' || !state.remaining) return state;
  return {
    ...state,
    status: 'running',
    dueAt: addDuration(now, state.remaining, calendarOf(definition)).toISOString(),
    remaining: null,
    since: now,
  };
}

/** Stops a délai for good: it will not run out. */
export function stopDeadline(state: DeadlineState, now: string): DeadlineState {
  if (state.status === 'stopped' || state.status === 'expired') return state;
  return { ...state, status: 'stopped', dueAt: null, remaining: null, since: now };
}

/** Marks a running délai as run out. */
export function expireDeadline(state: DeadlineState, now: string): DeadlineState {
  return { ...state, status: 'expired', since: now };
}

/** Records that the warning « before » was given. */
export function markWarned(state: DeadlineState, before: string): DeadlineState {
  return state.warned.includes(before) ? state : { ...state, warned: [...state.warned, before] };
}

/** The timers a délai needs in its current state: its expiry and the warnings not yet given. */
export function deadlineTimers(name: string, state: DeadlineState, definition: Deadline, now: string): Timer[] {
  if (state.status !== 'running' || !state.dueAt) return [];
  const timers: Timer[] = [{ key: deadlineEvent(name, 'echu'), event: { type: deadlineEvent(name, 'echu'), payload: {} }, dueAt: state.dueAt }];
  for (const warning of definition.warnings ?? []) {
    if (state.warned.includes(warning.before)) continue;
    const at = subtractDuration(state.dueAt, warning.before, calendarOf(definition)).toISOString();
    timers.push({
      key: `${deadlineEvent(name, 'alerte')}:${warning.before}`,
      event: { type: deadlineEvent(name, 'alerte'), payload: { before: warning.before } },
      // A warning whose moment has passed (a late resume) is given at once.
      dueAt: at < now ? now : at,
    });
  }
  return timers;
}

/** What a délai looks like to an agent at a given moment. */
export interface DeadlineView {
  name: string;
  label: string;
  kind: 'legal' | 'service';
  status: DeadlineState['status'];
  dueAt: string | null;
  /** Milliseconds left (negative when overdue); null when not running. */
  remainingMs: number | null;
  /** A warning is due or past: the agent should act. */
  warning: boolean;
  overdue: boolean;
}

export function viewDeadline(name: string, state: DeadlineState, definition: Deadline, now: string): DeadlineView {
  const remainingMs = state.status === 'running' && state.dueAt ? Date.parse(state.dueAt) - Date.parse(now) : null;
  const firstWarning = (definition.warnings ?? []).map((w) => subtractDuration(state.dueAt ?? now, w.before, calendarOf(definition)).toISOString()).sort()[0];
  return {
    name,
    label: definition.label,
    kind: definition.kind ?? 'legal',
    status: state.status,
    dueAt: state.dueAt,
    remainingMs,
    warning: state.status === 'running' && (state.warned.length > 0 || (firstWarning !== undefined && firstWarning <= now)),
    overdue: state.status === 'expired' || (remainingMs !== null && remainingMs <= 0),
  };
}
