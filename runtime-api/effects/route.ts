import { priorityRank, route as decide } from '../../engine';
import { FALLBACK_ROUTING, currentRouting } from '../demarches';
import { dossierScope } from './scope';
import { Dossier, updateWhere } from '../store';
import type { EffectContext } from './context';
import type { EffectWrites } from './types';

/**
 * Routes the dossier again with its démarche's table in force now (managers change it at run
 * time). Only the routing columns change: they are not part of the engine's snapshot, so the
 * dossier keeps its version and nobody's next event conflicts with this.
 */
export async function reroute(ctx: EffectContext): Promise<EffectWrites> {
  return async (m) => {
    const current = ctx.origin.inTransition ? ctx.dossier : await m.findOneBy(Dossier, { id: ctx.dossier.id });
    if (!current) return;
    const table = (await currentRouting(m, ctx.definition.id))?.table ?? FALLBACK_ROUTING;
    const decision = decide(table, dossierScope(ctx.definition, current, ctx.now));
    await updateWhere(m, Dossier, {
      service: decision.service, site: decision.site ?? null, queue: decision.queue, priority: priorityRank(decision.priority),
    }, 'id = ?', [current.id]);
  };
}
