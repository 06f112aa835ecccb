/** The visual designer of démarches: its model (pure edits of the definition) and its screens. */
export * from './model';
export type { Selection } from './selection';
export * as simulator from './simulator/logic';
export { skeleton, demarcheIdFrom } from './skeleton';
export { targetOf, type DesignerTab, type Target } from './pointerSelection';
export { definitionJson, definitionFileName, parseDefinitionFile } from './definitionFile';
