import { holds } from './logic';

/** Where a dossier goes: service, site, queue and priority. */
export interface RoutingDecision {
  service: string;
  site?: string;
  queue: string;
  priority: 'urgente' | 'haute' | 'normale' | 'basse';
  /** The rule that matched, or null when the default applied. */
  rule: string | null;
}

/** The shape of a routing table that `route` needs (engine/definition has the full, generated type). */
export interface RoutingTableLike {
  rules: readonly { id: string; when: unknown; then: Omit<RoutingDecision, 'rule'> }[];
  default: Omit<RoutingDecision, 'rule'>;
}

/** Priorities from most to least urgent; the inbox sorts by this rank. */
export const PRIORITIES = ['urgente', 'haute', 'normale', 'basse'] as const;

/** Rank of a priority for sorting: 0 is the most urgent. */
export function priorityRank(priority: RoutingDecision['priority']): number {
  return PRIORITIES.indexOf(priority);
}

/** Evaluates an ordered decision table over a dossier's scope: the first rule that holds wins, else the default. */
export function route(table: RoutingTableLike, scope: object): RoutingDecision {
  for (const rule of table.rules) {
    if (rule.when === true || (rule.when !== false && holds(rule.when, scope))) return { ...rule.then, rule: rule.id };
  }
  return { ...table.default, rule: null };
}
