import Router from '@koa/router';
import type { Runtime } from '../../runtime';
import type { AppState } from '../context';

/** Administration of staff accounts. */
export function adminRoutes(_rt: Runtime): Router<AppState> {
  const router = new Router<AppState>();
  return router;
}
