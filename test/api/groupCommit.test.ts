import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EntityManager } from 'typeorm';
// eslint-disable-next-line no-restricted-imports -- the database layer itself, without a server around it.
import { Database } from '../../runtime-api/store';

/**
 * SQLite's group commit (`Database.write` on the embedded database): the write transactions queued
 * together share one commit, each keeping its own outcome.
 */
describe('Database.write on SQLite (group commit)', () => {
  let dir: string;
  let db: Database;
  let commits: number;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'guichet-group-'));
    db = await Database.open({ dataDir: dir });
    await db.source.query('CREATE TABLE parent (id INTEGER PRIMARY KEY)');
    await db.source.query('CREATE TABLE item (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)');
    // Counts the commits SQLite is asked for, on the real connection.
    const runner = db.source.createQueryRunner();
    const query = runner.query.bind(runner);
    commits = 0;
    runner.query = ((sql: string, ...rest: unknown[]) => {
      if (sql === 'COMMIT') commits++;
      return (query as (...args: unknown[]) => Promise<unknown>)(sql, ...rest);
    }) as typeof runner.query;
  });

  afterEach(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  const ids = async () => (await db.read((m) => m.query('SELECT id FROM item ORDER BY id')) as { id: number }[]).map((r) => r.id);
  const insert = (id: number, parent: number | null = null) => (m: EntityManager) => m.query('INSERT INTO item (id, parent_id) VALUES (?, ?)', [id, parent]);

  it('commits the writes queued together at once, and one that fails rolls back alone', async () => {
    const refused = new Error('refusée');
    const outcomes = await Promise.allSettled([
      db.write(async (m) => { await insert(1)(m); return 'un'; }),
      db.write(async (m) => { await insert(2)(m); throw refused; }),
      db.write(async (m) => { await insert(3)(m); await insert(1)(m); }), // duplicate key: the statement fails
      db.write(async (m) => {
        await insert(4)(m);
        // The writes before it in the group are there; those that failed are not.
        return (await m.query('SELECT id FROM item ORDER BY id') as { id: number }[]).map((r) => r.id);
      }),
    ]);
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: 'un' });
    expect(outcomes[1]).toEqual({ status: 'rejected', reason: refused });
    expect(outcomes[2]).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/UNIQUE constraint failed: item\.id/) } });
    expect(outcomes[3]).toEqual({ status: 'fulfilled', value: [1, 4] });
    expect(commits).toBe(1);
    expect(await ids()).toEqual([1, 4]);
  });

  it('fails every write of the group, and writes none, when the commit fails; the next writes go on', async () => {
    await db.write(async (m) => m.query('INSERT INTO parent (id) VALUES (1)'));
    // A deferred foreign key is checked at the commit: an item of no parent makes it fail.
    const outcomes = await Promise.allSettled([db.write(insert(1, 1)), db.write(insert(2, 99)), db.write(insert(3, 1))]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(outcomes[0]).toMatchObject({ reason: { message: expect.stringMatching(/FOREIGN KEY constraint failed/) } });
    expect(await ids()).toEqual([]);

    await expect(db.write(insert(5, 1))).resolves.toBeDefined();
    expect(await ids()).toEqual([5]);
  });

  it('shares a commit among 32 writes at most, so that none waits behind too many others', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => db.write(insert(i + 1))));
    expect(commits).toBe(2);
    expect(await ids()).toHaveLength(40);
  });
});
