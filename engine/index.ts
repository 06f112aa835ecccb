/**
 * Guichet's engine: the démarche format, its linter, its compiler to XState and the pure
 * functions that run a dossier. No I/O and no Node module: it runs in the server and the browser.
 */
export * from './definition';
export * from './rules';
export * from './dossier';
export * from './compile';
export * from './run';
