/**
 * Claiming due work so that several server processes on one database never run the same row at
 * the same time. In one short transaction a process selects due rows — on MySQL/MariaDB with
 * `FOR UPDATE SKIP LOCKED`, so that another process claiming at the same moment takes other
 * rows instead of waiting — and leases them by moving their due time a little into the future.
 * After commit it works on them; a process that dies mid-way leaves rows that fall due again when
 * the lease ends. SQLite has one writer (and one process), so a plain select in the write is enough.
 */
import { QueryFailedError, type EntitySchema } from 'typeorm';
import type { Runtime } from '../runtime';
import { Outbox, Timer, holdWrites, selectWhere, updateWhere, type OutboxRow, type TimerRow } from '../store';

/** On MySQL/MariaDB, rows another claimer holds are skipped rather than waited for. */
function lockedIfShared(rt: Runtime): string {
  return rt.db.kind === 'mysql' ? ' FOR UPDATE SKIP LOCKED' : '';
}

/**
 * Selects due rows and leases them, in one transaction: the lease is held back and sent with the
 * COMMIT (two round trips in all on MySQL).
 */
function claim<T extends { id: string }>(
  rt: Runtime, entity: EntitySchema<T>, due: string, params: unknown[], lease: Partial<T>,
): Promise<T[]> {
  return withLockRetry(() => rt.db.write(async (m) => {
    const rows = await selectWhere(m, entity, `${due}${lockedIfShared(rt)}`, params);
    if (rows.length === 0) return [];
    holdWrites(m);
    await updateWhere(m, entity, lease, `id IN (${rows.map(() => '?').join(', ')})`, rows.map((r) => r.id));
    return rows.map((r) => ({ ...r, ...lease }));
  }));
}

/** A deadlock or lock wait between claimers: harmless, try again. */
function isLockConflict(e: unknown): boolean {
  if (!(e instanceof QueryFailedError)) return false;
  const code = (e.driverError as { code?: string } | undefined)?.code;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || code === 'SQLITE_BUSY';
}

async function withLockRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      if (attempt >= 3 || !isLockConflict(e)) throw e;
    }
  }
}

/** Due timers, oldest first, leased until `now + leaseMs`; each comes back with its leased `dueAt`. */
export function claimTimers(rt: Runtime, now: Date, leaseMs: number, batch: number): Promise<TimerRow[]> {
  const lease = new Date(now.getTime() + leaseMs).toISOString();
  return claim(rt, Timer, `due_at <= ? ORDER BY due_at, id LIMIT ${batch}`, [now.toISOString()], { dueAt: lease });
}

/** Pending effects due for an attempt, oldest first, leased until `now + leaseMs`. */
export function claimEffects(rt: Runtime, now: Date, leaseMs: number, batch: number): Promise<OutboxRow[]> {
  const lease = new Date(now.getTime() + leaseMs).toISOString();
  return claim(rt, Outbox, `status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, seq, id LIMIT ${batch}`, [now.toISOString()], { nextAttemptAt: lease });
}
