/** The visual designer of démarches: its model (pure edits of the definition) and its screens. */
export * from './model';
