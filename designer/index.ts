/** The visual designer of démarches: its model (pure edits of the definition) and its screens. */
import { lazy } from 'react';

export * from './model';
export type { Selection } from './selection';
export * as simulator from './simulator/logic';
export { skeleton, demarcheIdFrom } from './skeleton';
export { targetOf, type DesignerTab, type Target } from './pointerSelection';
export { definitionJson, definitionFileName, parseDefinitionFile } from './definitionFile';

/**
 * The screens under /conception, loaded on demand: they bring the form layer, the graph editor and
 * the simulator, which neither the rest of the interface nor the model's users need.
 */
export const DesignerScreens = lazy(() => import('./shell/index.js').then((m) => ({ default: m.DesignerRoutes })));
