/** Published démarches, drafts and routing tables. */
export { Catalogue } from './catalogue';
export { DOSSIER_ROUTING, FALLBACK_ROUTING, currentRouting, routingHistory, saveRouting } from './routing';
export { publish } from './publish';
