import Router from '@koa/router';
import { activity } from '../../stats';
import { problems } from '../../problems';
import type { Runtime } from '../../runtime';
import type { AppState } from '../context';
import { requireRole } from '../guards';

const DAY_MS = 86_400_000;

function instant(raw: string | undefined, name: string, fallback: Date): string {
  if (!raw) return fallback.toISOString();
  const date = new Date(raw);
  if (Number.isNaN(date.getTime())) throw problems.badRequest(`« ${name} » doit être une date (AAAA-MM-JJ), pas « ${raw} ».`);
  return date.toISOString();
}

/** Indicators: managers see the whole town; a responsable sees the services they lead. */
export function statsRoutes(rt: Runtime): Router<AppState> {
  const router = new Router<AppState>();
  router.get('/stats/activity', async (ctx) => {
    const user = requireRole(ctx, 'manager', 'responsable', 'admin');
    const now = rt.clock.now();
    const to = instant(ctx.query.to as string | undefined, 'to', new Date(now.getTime() + DAY_MS));
    const from = instant(ctx.query.from as string | undefined, 'from', new Date(now.getTime() - 30 * DAY_MS));
    if (from >= to) throw problems.badRequest('La période est vide : « from » doit précéder « to ».');
    const townWide = user.roles.includes('manager') || user.roles.includes('admin');
    ctx.body = await activity(rt, from, to, townWide ? null : user.services);
  });
  return router;
}
