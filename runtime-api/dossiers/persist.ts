import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { addDuration, type Transitioned } from '../../engine';
import { writable } from '../store';
import { Dossier, History, NO_DUE_DATE, Outbox, Timer, type DossierRow, type HistoryRow, type OutboxRow, type TimerRow } from '../store';

/** Thrown inside a write when the dossier changed since it was read: the transaction rolls back. */
export class StaleDossierError extends Error {
  constructor(readonly dossierId: string) {
    super(`Le dossier ${dossierId} a changé entre-temps.`);
    this.name = 'StaleDossierError';
  }
}

/** The indexed columns that follow from a transition: state, citizen status, due date, closure. */
export function columnsAfter(before: DossierRow, outcome: Transitioned, now: string): Partial<DossierRow> {
  const states = outcome.status.states.map((s) => s.path);
  const state = states.join(',');
  const stateSince = state === before.state && before.stateSince ? before.stateSince : now;
  const dueDates = outcome.status.deadlines.filter((d) => d.status === 'running' && d.dueAt).map((d) => d.dueAt as string);
  // A step's service level counts from when the dossier entered it.
  for (const s of outcome.status.states) if (s.serviceLevel) dueDates.push(addDuration(stateSince, s.serviceLevel).toISOString());
  const done = outcome.status.done;
  return {
    status: done ? 'clos' : 'en_cours',
    state,
    stateSince,
    citizenStatus: outcome.status.citizenStatus.slice(0, 255),
    snapshot: outcome.snapshot,
    dueAt: done || dueDates.length === 0 ? NO_DUE_DATE : dueDates.sort()[0],
    outcome: outcome.status.outcome ?? null,
    closedAt: done ? now : null,
    updatedAt: now,
  };
}

/**
 * Writes one transition, inside the caller's transaction: the dossier row if its version is still
 * the one read (else StaleDossierError and nothing is written), the history line, the timers to
 * cancel and arm, and the effects for the outbox. Returns the updated row.
 */
export async function persistTransition(
  m: EntityManager, before: DossierRow, outcome: Transitioned, now: string, extra: Partial<DossierRow> = {},
): Promise<DossierRow> {
  const changes = { ...columnsAfter(before, outcome, now), ...extra, version: before.version + 1 };
  const result = await m.createQueryBuilder()
    .update(Dossier)
    .set(writable<DossierRow>(changes))
    .where('id = :id AND version = :version', { id: before.id, version: before.version })
    .execute();
  if (result.affected !== 1) throw new StaleDossierError(before.id);
  const seq = before.version + 1;

  const history: HistoryRow = {
    dossierId: before.id,
    seq,
    event: outcome.history.event,
    label: outcome.history.label.slice(0, 255),
    payload: outcome.history.payload,
    actorId: outcome.history.actor.id,
    role: outcome.history.actor.role,
    at: outcome.history.at,
    fromStates: outcome.history.from,
    toStates: outcome.history.to,
  };
  await m.insert(History, writable(history));

  const { arm, cancel, cancelAll } = outcome.timers;
  if (cancelAll) await m.delete(Timer, { dossierId: before.id });
  const replaced = [...cancel, ...arm.map((t) => t.key)];
  if (!cancelAll && replaced.length > 0) {
    await m.createQueryBuilder().delete().from(Timer).where('dossier_id = :id AND timer_key IN (:...keys)', { id: before.id, keys: replaced }).execute();
  }
  if (arm.length > 0) {
    const rows: TimerRow[] = arm.map((t) => ({ id: randomUUID(), dossierId: before.id, key: t.key, event: t.event, dueAt: t.dueAt, attempts: 0 }));
    await m.insert(Timer, rows.map((r) => writable(r)));
  }
  if (outcome.effects.length > 0) {
    const rows: OutboxRow[] = outcome.effects.map((effect) => ({
      id: randomUUID(), dossierId: before.id, seq, effect, status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null, createdAt: now, doneAt: null,
    }));
    await m.insert(Outbox, rows.map((r) => writable(r)));
  }
  return { ...before, ...changes };
}
