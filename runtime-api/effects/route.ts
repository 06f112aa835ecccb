import { priorityRank, route as decide, type Demarche, type RoutingTable } from '../../engine';
import { FALLBACK_ROUTING, currentRouting } from '../demarches';
import { dossierScope } from './scope';
import { Dossier, updateWhere, type DossierRow } from '../store';
import type { EffectContext } from './context';
import type { EffectWrites } from './types';

/** The routing columns a table gives a dossier now (the fallback table when the démarche has none). */
export function routingColumns(
  table: RoutingTable | null | undefined, definition: Demarche, row: Pick<DossierRow, 'data' | 'snapshot' | 'submittedAt' | 'createdAt'>, now: string,
): Pick<DossierRow, 'service' | 'site' | 'queue' | 'priority'> {
  const decision = decide(table ?? FALLBACK_ROUTING, dossierScope(definition, row, now));
  return { service: decision.service, site: decision.site ?? null, queue: decision.queue, priority: priorityRank(decision.priority) };
}

/**
 * Routes the dossier again with its démarche's table in force now (managers change it at run
 * time). Only the routing columns change: they are not part of the engine's snapshot, so the
 * dossier keeps its version and nobody's next event conflicts with this.
 */
export async function reroute(ctx: EffectContext): Promise<EffectWrites> {
  return async (m) => {
    const current = ctx.origin.inTransition ? ctx.dossier : await m.findOneBy(Dossier, { id: ctx.dossier.id });
    if (!current) return;
    const table = (await currentRouting(m, ctx.definition.id))?.table;
    await updateWhere(m, Dossier, routingColumns(table, ctx.definition, current, ctx.now), 'id = ?', [current.id]);
  };
}
