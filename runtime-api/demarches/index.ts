/** Published démarches, drafts and routing tables. */
export { Catalogue } from './catalogue';
export { FALLBACK_ROUTING, currentRouting, currentRoutingQuery, routingHistory, saveRouting } from './routing';
export { publish } from './publish';
