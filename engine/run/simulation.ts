import type { Demarche } from '../definition';
import { leafPaths } from '../definition';
import type { PieceRef, Timer } from '../dossier';
import { SYSTEM_ROLE } from '../dossier';
import { addDuration } from '../rules';
import { apply } from './apply';
import { start } from './start';
import type { DossierSnapshot, Effect, HistoryEntry, Outcome, Rejection, Transitioned } from './types';

/**
 * A dossier run in memory, as the runtime would run it: the snapshot after each event, the timers
 * it keeps, the clock that fires them. The designer's simulator and the scenarios use it, so that
 * what the Procédures team tries is what the server does.
 */
export class Simulation {
  snapshot: DossierSnapshot;
  readonly history: HistoryEntry[] = [];
  readonly effects: Effect[] = [];
  /** Timers armed now, by key. */
  readonly timers = new Map<string, Timer>();
  now: string;
  last: Transitioned;

  private constructor(readonly definition: Demarche, first: Transitioned, now: string) {
    this.now = now;
    this.last = first;
    this.snapshot = first.snapshot;
    this.record(first);
  }

  /** Files a dossier at `at`; a rejection when the form data is refused. */
  static start(definition: Demarche, options: { data: Record<string, unknown>; role: string; at: string; pieces?: string[] }): Simulation | Rejection {
    const now = new Date(options.at).toISOString();
    const pieces: Record<string, PieceRef[]> = Object.fromEntries((options.pieces ?? []).map((id, i) => [id, [{ id: `piece-${i}`, name: `${id}.pdf`, at: now }]]));
    const outcome = start(definition, { data: options.data, actor: { id: options.role, roles: [options.role] }, now, pieces });
    return outcome.ok ? new Simulation(definition, outcome, now) : outcome;
  }

  get states(): string[] {
    return leafPaths(this.snapshot.value);
  }

  get done(): boolean {
    return this.snapshot.status === 'done';
  }

  /** Sends an event as someone holding `role`, at the current time (after moving the clock to `at`, if given). */
  send(type: string, payload: Record<string, unknown>, role: string, at?: string): Outcome {
    if (at) this.advanceTo(at);
    const outcome = apply(this.definition, this.snapshot, { type, payload }, { actor: { id: role, roles: [role] }, now: this.now });
    if (outcome.ok) this.record(outcome);
    return outcome;
  }

  /** Attaches documents to pièces (the reserved `pieces.deposees` event). */
  deposit(pieces: string[], role: string): Outcome {
    const refs = Object.fromEntries(pieces.map((id, i) => [id, [{ id: `depot-${this.history.length}-${i}`, name: `${id}.pdf`, at: this.now }]]));
    return this.send('pieces.deposees', { pieces: refs }, role);
  }

  /** Moves the clock by an ISO 8601 duration, firing the timers that fall due on the way. */
  advance(duration: string): Transitioned[] {
    return this.advanceTo(addDuration(this.now, duration).toISOString());
  }

  /** Moves the clock to `at`, firing every timer due by then in due order; those a firing arms may fire too. */
  advanceTo(at: string): Transitioned[] {
    const target = new Date(at).toISOString();
    const fired: Transitioned[] = [];
    for (;;) {
      const due = [...this.timers.values()].filter((t) => t.dueAt <= target).sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0))[0];
      if (!due) break;
      this.timers.delete(due.key);
      if (due.dueAt > this.now) this.now = due.dueAt;
      const outcome = apply(this.definition, this.snapshot, due.event, { actor: { id: SYSTEM_ROLE, roles: [SYSTEM_ROLE] }, now: this.now });
      // A timer the dossier no longer expects is dropped, as the runtime does.
      if (outcome.ok) {
        this.record(outcome);
        fired.push(outcome);
      }
    }
    if (target > this.now) this.now = target;
    return fired;
  }

  private record(outcome: Transitioned): void {
    this.last = outcome;
    this.snapshot = outcome.snapshot;
    this.history.push(outcome.history);
    this.effects.push(...outcome.effects);
    if (outcome.timers.cancelAll) this.timers.clear();
    for (const key of outcome.timers.cancel) this.timers.delete(key);
    for (const timer of outcome.timers.arm) this.timers.set(timer.key, timer);
  }
}
