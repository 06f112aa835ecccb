import type { EntityManager } from 'typeorm';
import { lintRouting, isSound, type Demarche, type Problem, type RoutingTable } from '../../engine';
import { writable } from '../store';
import { RoutingTableVersion, selectWhere, type Related, type RoutingTableRow } from '../store';

/** The routing that applies when a démarche has no table yet: everything to the front desk. */
export const FALLBACK_ROUTING: RoutingTable = {
  demarche: '',
  rules: [],
  default: { service: 'guichet-unique', queue: 'instruction', priority: 'normale' },
};

/** The table in force for the démarche of the dossier `t`, joined to it (`selectWithRelated`). */
export const DOSSIER_ROUTING: Related<RoutingTableRow> = [
  RoutingTableVersion, 'routing',
  'routing.demarche_id = t.demarche_id AND routing.version = (SELECT MAX(v.version) FROM routing_tables v WHERE v.demarche_id = t.demarche_id)',
];

/** The table in force for a démarche (its latest version), or null. */
export async function currentRouting(m: EntityManager, demarcheId: string): Promise<RoutingTableRow | null> {
  return (await selectWhere(m, RoutingTableVersion, 'demarche_id = ? ORDER BY version DESC LIMIT 1', [demarcheId]))[0] ?? null;
}

/** Every version of a démarche's table, newest first: who changed the routing, and when. */
export function routingHistory(m: EntityManager, demarcheId: string): Promise<RoutingTableRow[]> {
  return m.find(RoutingTableVersion, { where: { demarcheId }, order: { version: 'DESC' } });
}

/**
 * Saves a new version of a démarche's routing table after checking it against the démarche.
 * Returns the problems instead when it is not sound.
 */
export async function saveRouting(
  m: EntityManager, definition: Demarche, table: RoutingTable, by: string | null, now: string,
): Promise<{ ok: true; row: RoutingTableRow } | { ok: false; problems: Problem[] }> {
  const problems = lintRouting(table, definition);
  if (!isSound(problems)) return { ok: false, problems };
  const current = await currentRouting(m, definition.id);
  const row: RoutingTableRow = { demarcheId: definition.id, version: (current?.version ?? 0) + 1, table, changedAt: now, changedBy: by };
  await m.insert(RoutingTableVersion, writable(row));
  return { ok: true, row };
}
