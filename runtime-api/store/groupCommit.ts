import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Mutex } from './mutex';

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Job {
  fn: (m: EntityManager) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** At most this many write transactions share one commit, so that none waits behind too many others. */
const GROUP_MAX = 32;

/**
 * SQLite's group commit. Each commit makes SQLite write its log through to the disk (synchronous =
 * FULL: a committed transition survives a power cut), about a tenth of a millisecond during which
 * the server, whose one connection SQLite holds, does nothing else. The write transactions queued
 * in the same turn of the event loop (under load, those of the requests read together) run one
 * after the other in one SQLite transaction, each in a savepoint of its own, and share one commit.
 *
 * Each keeps its own outcome: one that fails rolls back to its savepoint, alone, and the next ones
 * see nothing of it. None is answered before the commit: if the commit fails, or SQLite abandons
 * the whole transaction (disk full, I/O error), every one of the group fails, and nothing of it
 * was written.
 */
export class GroupCommit {
  private readonly waiting: Job[] = [];
  private scheduled = false;

  constructor(private readonly source: DataSource, private readonly mutex: Mutex) {}

  write<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // After the event loop's poll phase, by when the requests read in this turn have queued theirs.
    setImmediate(() => void this.mutex.run(() => this.commitGroup()));
  }

  private async commitGroup(): Promise<void> {
    const runner = this.source.createQueryRunner();
    const group: [Job, Settled][] = [];
    try {
      await runner.startTransaction();
      while (this.waiting.length > 0 && group.length < GROUP_MAX) {
        const entry: [Job, Settled] = [this.waiting.shift()!, { ok: false, error: undefined }];
        group.push(entry);
        entry[1] = await inSavepoint(runner, entry[0].fn);
        if (!entry[1].ok && !(await inTransaction(runner))) throw entry[1].error;
      }
      await runner.commitTransaction();
    } catch (error) {
      // If even the rollback fails, the group's writers still get the error that stopped it.
      await abandon(runner).catch(() => undefined);
      for (const entry of group) entry[1] = { ok: false, error };
    } finally {
      this.scheduled = false;
      if (this.waiting.length > 0) this.schedule();
      for (const [job, settled] of group) {
        if (settled.ok) job.resolve(settled.value);
        else job.reject(settled.error);
      }
      await runner.release();
    }
  }
}

/** Runs one write transaction of the group in its savepoint: released if it succeeds, rolled back to if not. */
async function inSavepoint(runner: QueryRunner, fn: Job['fn']): Promise<Settled> {
  await runner.query('SAVEPOINT write');
  try {
    const value = await fn(runner.manager);
    await runner.query('RELEASE write');
    return { ok: true, value };
  } catch (error) {
    if (await inTransaction(runner)) {
      await runner.query('ROLLBACK TO write');
      await runner.query('RELEASE write');
    }
    return { ok: false, error };
  }
}

/** Whether SQLite still holds the transaction open (it ends it by itself on some errors). */
async function inTransaction(runner: QueryRunner): Promise<boolean> {
  return ((await runner.connect()) as { inTransaction: boolean }).inTransaction;
}

/** Rolls the group back, and puts TypeORM's account of the transaction right, which a failed COMMIT leaves open. */
async function abandon(runner: QueryRunner): Promise<void> {
  try {
    if (await inTransaction(runner)) await runner.query('ROLLBACK');
  } finally {
    Object.assign(runner, { isTransactionActive: false, transactionDepth: 0 });
  }
}
