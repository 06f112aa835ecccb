import type { EntityManager, EntitySchema, ObjectLiteral } from 'typeorm';

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

/** Writes held back by `holdWrites`, per transaction manager, and the row counts of those already sent. */
const held = new WeakMap<EntityManager, { pending: Pending[]; counts: number[] }>();

/**
 * From now on, writes through these helpers on this manager are held back and sent in one round
 * trip by `flushWrites` (MySQL runs several statements in one request; SQLite, in-process, runs
 * them one after the other). A read sends what is held first, so it sees every earlier write.
 * Held writes resolve at once with no row count: a write whose count matters is flushed.
 */
export function holdWrites(m: EntityManager): void {
  if (!held.has(m)) held.set(m, { pending: [], counts: [] });
}

/**
 * Sends the held writes and stops holding; returns the affected row count of every write made
 * since `holdWrites`, in order (including those a read sent early).
 */
export async function flushWrites(m: EntityManager): Promise<number[]> {
  const hold = held.get(m);
  held.delete(m);
  if (!hold) return [];
  return [...hold.counts, ...(await send(m, hold.pending))];
}

async function send(m: EntityManager, pending: Pending[]): Promise<number[]> {
  if (pending.length === 0) return [];
  const mysql = m.connection.options.type === 'mysql';
  if (!mysql || pending.length === 1) {
    const counts: number[] = [];
    for (const p of pending) counts.push((await execute(m, p.sql, p.params)).affected ?? 0);
    return counts;
  }
  const runner = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    const raw = await runner.query(pending.map((p) => p.sql).join(';\n'), pending.flatMap((p) => p.params));
    const results = (Array.isArray(raw) ? raw : [raw]) as { affectedRows?: number }[];
    return results.map((r) => r?.affectedRows ?? 0);
  } finally {
    if (!m.queryRunner) await runner.release();
  }
}

/** Runs a statement, or holds it back (see `holdWrites`); `affected` for writes run now. */
async function run(m: EntityManager, sql: string, params: unknown[]): Promise<{ records: Record<string, unknown>[]; affected: number | undefined }> {
  const hold = held.get(m);
  if (hold) {
    if (!sql.startsWith('SELECT')) {
      hold.pending.push({ sql, params });
      return { records: [], affected: undefined };
    }
    if (hold.pending.length > 0) {
      const pending = hold.pending;
      hold.pending = [];
      hold.counts.push(...(await send(m, pending)));
    }
  }
  return execute(m, sql, params);
}

async function execute(m: EntityManager, sql: string, params: unknown[]): Promise<{ records: Record<string, unknown>[]; affected: number | undefined }> {
  const runner = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    const result = await runner.query(sql, params, true);
    return { records: (result.records ?? []) as Record<string, unknown>[], affected: result.affected };
  } finally {
    if (!m.queryRunner) await runner.release();
  }
}

/** Hydrates a raw row as the entity. */
export function hydrate<T>(m: EntityManager, entity: EntitySchema<T>, raw: Record<string, unknown>): T {
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

/** Inserts rows in one statement. */
export async function insertRows<T>(m: EntityManager, entity: EntitySchema<T>, rows: T[]): Promise<void> {
  if (rows.length === 0) return;
  const map = columnMap(m, entity as EntitySchema<ObjectLiteral>);
  // A generated key (history's id) is left to the database.
  const columns = map.columns.filter(([p]) => (rows[0] as Record<string, unknown>)[p] !== undefined);
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const params = rows.flatMap((row) => columns.map(([p, , to]) => to((row as Record<string, unknown>)[p]) ?? null));
  await run(m, `INSERT INTO ${map.table} (${columns.map(([, c]) => c).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`, params);
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
