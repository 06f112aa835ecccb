import type { EntitySchemaColumnOptions, QueryDeepPartialEntity } from 'typeorm';

/** The two databases Guichet runs on: the embedded default and production MySQL/MariaDB. */
export type DatabaseKind = 'sqlite' | 'mysql';

/**
 * Column types that mean the same on both databases. Instants are ISO 8601 UTC strings of fixed
 * width (`2026-03-02T09:00:00.000Z`): they sort as text in the same order as in time, compare
 * the same in SQLite and MySQL, and need no driver time-zone conversion.
 */
export const column = {
  id: (): EntitySchemaColumnOptions => ({ type: 'varchar', length: 36 }),
  slug: (options: Partial<EntitySchemaColumnOptions> = {}): EntitySchemaColumnOptions => ({ type: 'varchar', length: 64, ...options }),
  text: (length = 255, options: Partial<EntitySchemaColumnOptions> = {}): EntitySchemaColumnOptions => ({ type: 'varchar', length, ...options }),
  instant: (options: Partial<EntitySchemaColumnOptions> = {}): EntitySchemaColumnOptions => ({ type: 'varchar', length: 24, ...options }),
  int: (options: Partial<EntitySchemaColumnOptions> = {}): EntitySchemaColumnOptions => ({ type: 'int', ...options }),
  /** JSON of any size: LONGTEXT on MySQL (TEXT stops at 64 kB), TEXT on SQLite; parsed on read. */
  json: (options: Partial<EntitySchemaColumnOptions> = {}): EntitySchemaColumnOptions => ({
    type: 'text',
    transformer: {
      to: (value: unknown) => (value === undefined ? undefined : value === null ? null : JSON.stringify(value)),
      from: (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value),
    },
    ...options,
  }),
  longText: (options: Partial<EntitySchemaColumnOptions> = {}): EntitySchemaColumnOptions => ({ type: 'text', ...options }),
};


/**
 * A row for insert or update. TypeORM's deep-partial type recurses into JSON columns and
 * rejects `Record<string, unknown>`; a JSON column is written whole, so the row type is the truth.
 */
export function writable<T>(row: T | Partial<T>): QueryDeepPartialEntity<T> {
  return row as QueryDeepPartialEntity<T>;
}
