/**
 * Claiming due work so that several server processes on one database never run the same row at
 * the same time. In one short transaction a process selects due rows — on MySQL/MariaDB with
 * `FOR UPDATE SKIP LOCKED`, so that another process claiming at the same moment takes other
 * rows instead of waiting — and leases them by moving their due time a little into the future.
 * After commit it works on them; a process that dies mid-way leaves rows that fall due again when
 * the lease ends. SQLite has one writer (and one process), so a plain select in the write is enough.
 */
import { QueryFailedError, type SelectQueryBuilder } from 'typeorm';
import type { Runtime } from '../runtime';
import { Outbox, Timer, type OutboxRow, type TimerRow } from '../store';

function lockedIfShared<T extends object>(rt: Runtime, qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return rt.db.kind === 'mysql' ? qb.setLock('pessimistic_write').setOnLocked('skip_locked') : qb;
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
  return withLockRetry(() => rt.db.write(async (m) => {
    const rows = await lockedIfShared(rt, m.createQueryBuilder(Timer, 't')
      .where('t.dueAt <= :now', { now: now.toISOString() })
      .orderBy('t.dueAt', 'ASC').addOrderBy('t.id', 'ASC')
      .limit(batch)).getMany();
    if (rows.length === 0) return [];
    await m.createQueryBuilder().update(Timer).set({ dueAt: lease }).where('id IN (:...ids)', { ids: rows.map((r) => r.id) }).execute();
    return rows.map((r) => ({ ...r, dueAt: lease }));
  }));
}

/** Pending effects due for an attempt, oldest first, leased until `now + leaseMs`. */
export function claimEffects(rt: Runtime, now: Date, leaseMs: number, batch: number): Promise<OutboxRow[]> {
  const lease = new Date(now.getTime() + leaseMs).toISOString();
  return withLockRetry(() => rt.db.write(async (m) => {
    const rows = await lockedIfShared(rt, m.createQueryBuilder(Outbox, 'o')
      .where('o.status = :pending AND o.nextAttemptAt <= :now', { pending: 'pending', now: now.toISOString() })
      .orderBy('o.nextAttemptAt', 'ASC').addOrderBy('o.seq', 'ASC').addOrderBy('o.id', 'ASC')
      .limit(batch)).getMany();
    if (rows.length === 0) return [];
    await m.createQueryBuilder().update(Outbox).set({ nextAttemptAt: lease }).where('id IN (:...ids)', { ids: rows.map((r) => r.id) }).execute();
    return rows.map((r) => ({ ...r, nextAttemptAt: lease }));
  }));
}
