/** Durable timers: due rows are claimed, then fired as the system, each exactly once. */
import { In } from 'typeorm';
import { fireTimer, type TimerResult } from '../dossiers';
import type { Runtime } from '../runtime';
import { Dossier, Timer, type TimerRow } from '../store';
import { claimTimers } from './claim';
import type { JobsSettings } from './settings';

/** Retrying a timer whose dossier moved while it fired: soon, a little later each time. */
function retryDelayMs(attempts: number): number {
  return Math.min(attempts, 60) * 1000;
}

/** After an unexpected error: as for effects, waits that grow, up to an hour. */
function errorDelayMs(attempts: number): number {
  return Math.min(30_000 * 4 ** (attempts - 1), 3_600_000);
}

/**
 * The catalogue reads the database itself: on SQLite it must not do so inside the transaction
 * where `fireTimer` applies the event, so the démarche versions are loaded before.
 */
async function loadDefinitions(rt: Runtime, timers: TimerRow[]): Promise<void> {
  const ids = [...new Set(timers.map((t) => t.dossierId))];
  const dossiers = await rt.db.read((m) => m.find(Dossier, { select: { id: true, demarcheId: true, demarcheVersion: true }, where: { id: In(ids) } }));
  for (const d of dossiers) await rt.catalogue.version(d.demarcheId, d.demarcheVersion); // cached after the first
}

/** Keeps a timer that could not fire now for a later attempt, unless someone else has it since. */
async function postpone(rt: Runtime, timer: TimerRow, delayMs: number): Promise<void> {
  const dueAt = new Date(rt.clock.now().getTime() + delayMs).toISOString();
  await rt.db.write((m) => m.createQueryBuilder().update(Timer)
    .set({ dueAt, attempts: timer.attempts + 1 })
    .where('id = :id AND due_at = :leased', { id: timer.id, leased: timer.dueAt })
    .execute());
}

/** Claims one batch of due timers and fires them in due order. Returns how many were claimed. */
export async function fireDueTimers(rt: Runtime, settings: JobsSettings): Promise<number> {
  const timers = await claimTimers(rt, rt.clock.now(), settings.leaseMs, settings.batchSize);
  if (timers.length === 0) return 0;
  await loadDefinitions(rt, timers);
  for (const timer of timers) {
    let result: TimerResult;
    try {
      result = await fireTimer(rt, { id: timer.id, dossierId: timer.dossierId, dueAt: timer.dueAt, event: timer.event });
    } catch (e) {
      rt.log.error('Minuteur en échec', { timer: timer.id, dossier: timer.dossierId, event: timer.event.type, error: e instanceof Error ? e.stack : String(e) });
      await postpone(rt, timer, errorDelayMs(timer.attempts + 1));
      continue;
    }
    if (result === 'retry') await postpone(rt, timer, retryDelayMs(timer.attempts + 1));
  }
  return timers.length;
}
