/** Storage: the database (SQLite or MySQL/MariaDB), its tables and the queries on them. */
export { Database, type DatabaseOptions } from './database';
export { column, writable, type DatabaseKind } from './columns';
export * from './entities';
export * from './users';
export * from './sessions';
export * from './loginFailures';
export { selectWhere, selectWithRelated, insertRows, updateWhere, deleteWhere, holdWrites, onlyIfOneRowChanged, type Related } from './fast';
