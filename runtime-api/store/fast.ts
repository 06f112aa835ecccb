import { QueryFailedError, QueryResult, type EntityManager, type EntitySchema, type ObjectLiteral, type QueryRunner } from 'typeorm';

/**
 * Plain SQL for the few statements every transition runs, driven by the entities' own metadata
 * (column names, JSON transformers), so that no mapping is written twice. TypeORM's query builder
 * rewrites property names with regular expressions at each call; on the hot path that cost more
 * than the database itself.
 */

interface ColumnMap {
  table: string;
  /** [property, column, to database, from database] */
  columns: [string, string, (v: unknown) => unknown, (v: unknown) => unknown][];
  byProperty: Map<string, [string, (v: unknown) => unknown]>;
}

const maps = new WeakMap<object, ColumnMap>();
const identity = (v: unknown) => v;

function columnMap(m: EntityManager, entity: EntitySchema<ObjectLiteral>): ColumnMap {
  let map = maps.get(entity);
  if (!map) {
    const metadata = m.connection.getMetadata(entity);
    const columns = metadata.columns.map((c): ColumnMap['columns'][number] => {
      const transformer = Array.isArray(c.transformer) ? undefined : c.transformer;
      return [c.propertyName, c.databaseName, transformer ? (v) => transformer.to(v) : identity, transformer ? (v) => transformer.from(v) : identity];
    });
    map = { table: metadata.tableName, columns, byProperty: new Map(columns.map(([p, c, to]) => [p, [c, to]])) };
    maps.set(entity, map);
  }
  return map;
}

interface Pending {
  sql: string;
  params: unknown[];
}

/**
 * What a transaction has not sent yet, per query runner (or manager outside a transaction):
 * on MySQL its START TRANSACTION (see `deferBegin`), and the writes held back by `holdWrites`.
 */
interface Unsent {
  begin: boolean;
  holding: boolean;
  pending: Pending[];
}

const unsent = new WeakMap<object, Unsent>();
const keyOf = (m: EntityManager): object => m.queryRunner ?? m;

function unsentOf(m: EntityManager): Unsent {
  let u = unsent.get(keyOf(m));
  if (!u) unsent.set(keyOf(m), (u = { begin: false, holding: false, pending: [] }));
  return u;
}

const START = 'START TRANSACTION';

/**
 * MySQL: the transaction's START TRANSACTION is not sent on its own but with the transaction's
 * first statement, in the same round trip; the writes held back (see `holdWrites`) go with its
 * COMMIT; and a transaction that sent nothing ends without one. The runner's own queries
 * (TypeORM's, for the rare statements not written here) first send whatever is held, so that
 * every statement runs in order inside the transaction.
 */
export function deferBegin(runner: QueryRunner): void {
  const query = runner.query.bind(runner);
  const m = runner.manager;
  runner.query = (async (sql: string, params?: unknown[], structured?: boolean) => {
    const u = unsentOf(m);
    if (sql === START && !u.begin) {
      u.begin = true;
      return structured ? new QueryResult() : [];
    }
    if ((sql === 'COMMIT' || sql === 'ROLLBACK') && u.begin && (u.pending.length === 0 || sql === 'ROLLBACK')) {
      // Nothing reached the database: there is no transaction to end there.
      unsent.delete(keyOf(m));
      return structured ? new QueryResult() : [];
    }
    if (sql === 'COMMIT' && u.pending.length > 0) {
      // If a held write fails, MySQL runs nothing after it, the COMMIT included: TypeORM then rolls back.
      await send(m, [{ sql, params: [] }]);
      unsent.delete(keyOf(m));
      return structured ? new QueryResult() : [];
    }
    // A rollback drops what was held; anything else runs after it.
    if (sql === 'ROLLBACK') u.pending = [];
    else await sendUnsent(m);
    const result: unknown = await query(sql, params, structured as true);
    if (sql === 'COMMIT' || sql === 'ROLLBACK') unsent.delete(keyOf(m));
    return result;
  }) as QueryRunner['query'];
}

/**
 * On MySQL, from now on, writes through these helpers in this transaction are held back and sent
 * with its next read or its COMMIT, in the same round trip (MySQL runs several statements in one
 * request). A read sends what is held first, so it sees every earlier write. Held writes resolve
 * at once with no row count: a write whose count matters says so in SQL (see `onlyIfOneRowChanged`),
 * and its failure fails the transaction when the writes are sent. On SQLite, in-process, where a
 * round trip costs nothing, writes run at once.
 */
export function holdWrites(m: EntityManager): void {
  if (m.connection.options.type === 'mysql' && m.queryRunner) unsentOf(m).holding = true;
}

/** Sends what is unsent (START TRANSACTION, held writes). */
async function sendUnsent(m: EntityManager): Promise<void> {
  const u = unsent.get(keyOf(m));
  if (!u || (!u.begin && u.pending.length === 0)) return;
  await send(m, []);
}

/**
 * Sends the unsent statements then `statements`, in one round trip on MySQL; returns the results
 * of `statements`. On SQLite (in-process: a round trip costs nothing) they run one after the other.
 */
async function send(m: EntityManager, statements: Pending[]): Promise<Result[]> {
  const u = unsent.get(keyOf(m));
  const begin = u?.begin ? [{ sql: START, params: [] }] : [];
  const held = u?.pending ?? [];
  if (u) {
    u.begin = false;
    u.pending = [];
  }
  const all = [...begin, ...held, ...statements];
  const results = m.connection.options.type === 'mysql' ? await sendMysql(m, all) : await sendEach(m, all);
  return results.slice(begin.length + held.length);
}

/**
 * A value to insert only if the statement just before it (in the same transaction, on the same
 * connection) changed exactly one row; otherwise NULL, which a NOT NULL column refuses, failing
 * the statement and so the transaction. It lets a held write depend on an earlier one's row
 * count without waiting for it.
 */
export class OnlyIfOneRowChanged {
  constructor(readonly value: unknown) {}
}

export function onlyIfOneRowChanged(value: unknown): OnlyIfOneRowChanged {
  return new OnlyIfOneRowChanged(value);
}

interface Result {
  records: Record<string, unknown>[];
  affected: number | undefined;
}

async function sendEach(m: EntityManager, statements: Pending[]): Promise<Result[]> {
  const runner = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    const results: Result[] = [];
    for (const s of statements) {
      const r = await runner.query(s.sql, s.params, true);
      results.push({ records: (r.records ?? []) as Record<string, unknown>[], affected: r.affected });
    }
    return results;
  } finally {
    if (!m.queryRunner) await runner.release();
  }
}

/** The part of a mysql2 connection used here (callback API: no promise wrapper, no stack captured per query). */
interface MysqlConnection {
  query(sql: string, params: unknown[], callback: (error: Error | null, result: unknown) => void): void;
  release(): void;
}

/**
 * Straight to the transaction's mysql2 connection (or one from the pool outside a transaction):
 * TypeORM's query runner adds, per query, events, logging and a promise wrapper, which cost more
 * than these statements themselves. Errors are TypeORM's QueryFailedError all the same.
 */
async function sendMysql(m: EntityManager, statements: Pending[]): Promise<Result[]> {
  if (statements.length === 0) return [];
  const own = !m.queryRunner;
  const connection = (own ? await m.connection.driver.obtainMasterConnection() : await m.queryRunner.connect()) as MysqlConnection;
  const sql = statements.length === 1 ? statements[0].sql : statements.map((s) => s.sql).join(';\n');
  const params = statements.length === 1 ? statements[0].params : statements.flatMap((s) => s.params);
  try {
    const raw = await new Promise<unknown>((resolve, reject) => {
      connection.query(sql, params, (error, result) => (error ? reject(new QueryFailedError(sql, params, error)) : resolve(result)));
    });
    const each = (statements.length === 1 ? [raw] : raw) as unknown[];
    return each.map((r) => (Array.isArray(r)
      ? { records: r as Record<string, unknown>[], affected: undefined }
      : { records: [], affected: (r as { affectedRows?: number }).affectedRows }));
  } finally {
    if (own) connection.release();
  }
}

/** Runs a statement, or holds it back (see `holdWrites`); `affected` for writes run now. */
async function run(m: EntityManager, sql: string, params: unknown[]): Promise<Result> {
  const u = unsent.get(keyOf(m));
  if (u?.holding && !sql.startsWith('SELECT')) {
    u.pending.push({ sql, params });
    return { records: [], affected: undefined };
  }
  return (await send(m, [{ sql, params }]))[0];
}

/** Hydrates a raw row as the entity. */
function hydrate<T>(m: EntityManager, entity: EntitySchema<T>, raw: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [property, column, , from] of columnMap(m, entity as EntitySchema<ObjectLiteral>).columns) out[property] = from(raw[column]);
  return out as T;
}

/** The rows matching `where` (SQL over column names, `?` placeholders). */
export async function selectWhere<T>(m: EntityManager, entity: EntitySchema<T>, where: string, params: unknown[]): Promise<T[]> {
  const map = columnMap(m, entity as EntitySchema<ObjectLiteral>);
  const { records } = await run(m, `SELECT ${map.columns.map(([, c]) => c).join(', ')} FROM ${map.table} WHERE ${where}`, params);
  return records.map((r) => hydrate(m, entity, r));
}

/** A table joined by `selectWithRelated`: the entity, its alias, and the ON condition of its LEFT JOIN. */
export type Related<R> = readonly [entity: EntitySchema<R>, alias: string, on: string];

type RelatedRows<Q extends readonly Related<unknown>[]> = { -readonly [K in keyof Q]: Q[K] extends Related<infer R> ? R | null : never };

/**
 * The rows of `entity` matching `where`, each with the row of each `related` table its ON
 * condition joins it to, or null: one statement (LEFT JOINs), where several selects would cost
 * the database as many. In the conditions, the entity's table is `t`, the related ones their alias.
 */
export async function selectWithRelated<T, Q extends readonly Related<unknown>[]>(
  m: EntityManager, entity: EntitySchema<T>, related: Q, where: string, params: unknown[],
): Promise<[T, RelatedRows<Q>][]> {
  const map = columnMap(m, entity as EntitySchema<ObjectLiteral>);
  const others = related.map(([other]) => columnMap(m, other as EntitySchema<ObjectLiteral>));
  const columns = [
    ...map.columns.map(([, c]) => `t.${c}`),
    ...others.flatMap((other, i) => other.columns.map(([, c]) => `${related[i][1]}.${c} AS ${related[i][1]}__${c}`)),
  ].join(', ');
  const joins = others.map((other, i) => `LEFT JOIN ${other.table} ${related[i][1]} ON ${related[i][2]}`).join(' ');
  const { records } = await run(m, `SELECT ${columns} FROM ${map.table} t ${joins} WHERE ${where}`, params);
  return records.map((raw) => [hydrate(m, entity, raw), others.map((other, i) => {
    const row: Record<string, unknown> = {};
    for (const [, c] of other.columns) row[c] = raw[`${related[i][1]}__${c}`];
    const found = other.columns.some(([, c]) => row[c] !== null && row[c] !== undefined);
    return found ? hydrate(m, related[i][0], row) : null;
  }) as RelatedRows<Q>]);
}

/** Inserts rows in one statement. A value may be `onlyIfOneRowChanged(…)`. */
export async function insertRows<T>(m: EntityManager, entity: EntitySchema<T>, rows: { [K in keyof T]: T[K] | OnlyIfOneRowChanged }[]): Promise<void> {
  if (rows.length === 0) return;
  const map = columnMap(m, entity as EntitySchema<ObjectLiteral>);
  // A generated key (history's id) is left to the database.
  const columns = map.columns.filter(([p]) => (rows[0] as Record<string, unknown>)[p] !== undefined);
  const rowCount = m.connection.options.type === 'mysql' ? 'ROW_COUNT()' : 'changes()';
  const params: unknown[] = [];
  const tuples = rows.map((row) => `(${columns.map(([p, , to]) => {
    const value = (row as Record<string, unknown>)[p];
    if (value instanceof OnlyIfOneRowChanged) {
      params.push(value.value);
      return `CASE WHEN ${rowCount} = 1 THEN ? END`;
    }
    params.push(to(value) ?? null);
    return '?';
  }).join(', ')})`);
  await run(m, `INSERT INTO ${map.table} (${columns.map(([, c]) => c).join(', ')}) VALUES ${tuples.join(', ')}`, params);
}

/** Updates with `changes` the rows matching `where`; returns how many changed. */
export async function updateWhere<T>(m: EntityManager, entity: EntitySchema<T>, changes: Partial<T>, where: string, params: unknown[]): Promise<number> {
  const map = columnMap(m, entity as EntitySchema<ObjectLiteral>);
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [property, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const [column, to] = map.byProperty.get(property)!;
    sets.push(`${column} = ?`);
    values.push(to(value) ?? null);
  }
  const { affected } = await run(m, `UPDATE ${map.table} SET ${sets.join(', ')} WHERE ${where}`, [...values, ...params]);
  return affected ?? 0;
}

/** Deletes the rows matching `where`; returns how many went. */
export async function deleteWhere<T>(m: EntityManager, entity: EntitySchema<T>, where: string, params: unknown[]): Promise<number> {
  const map = columnMap(m, entity as EntitySchema<ObjectLiteral>);
  const { affected } = await run(m, `DELETE FROM ${map.table} WHERE ${where}`, params);
  return affected ?? 0;
}
