/** Published démarches, drafts and routing tables. */
export { Catalogue } from './catalogue';
export { FALLBACK_ROUTING, currentRouting, routingHistory, saveRouting } from './routing';
export { publish } from './publish';
