import Router from '@koa/router';
import type { Runtime } from '../../runtime';
import type { AppState } from '../context';

/** Is the service up, and on which database. */
export function healthRoutes(rt: Runtime): Router<AppState> {
  const router = new Router<AppState>();
  router.get('/health', async (ctx) => {
    await rt.db.read((m) => m.query('SELECT 1'));
    ctx.body = { status: 'ok', database: rt.db.kind };
  });
  return router;
}
