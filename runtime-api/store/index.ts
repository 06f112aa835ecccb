/** Storage: the database (SQLite or MySQL/MariaDB), its tables and the queries on them. */
export { Database, type DatabaseOptions } from './database';
export { column, writable, type DatabaseKind } from './columns';
export * from './entities';
export * from './users';
export * from './sessions';
export * from './loginFailures';
export { selectWhere, selectTogether, selectWithRelated, insertRows, updateWhere, deleteWhere, hydrate, holdWrites, onlyIfOneRowChanged, type Related, type Select } from './fast';
