/** Rules: conditions (JSON Logic), routing tables, durations and the French business calendar. */
export { evaluate, holds, KNOWN_OPERATIONS, CUSTOM_OPERATIONS, type JsonLogic } from './logic';
export { route, priorityRank, PRIORITIES, type RoutingDecision, type RoutingTableLike } from './route';
export * from './calendar';
