import Router from '@koa/router';
import type { Runtime } from '../../runtime';
import type { AppState } from '../context';

/** Managers' routing tables. */
export function routingRoutes(_rt: Runtime): Router<AppState> {
  const router = new Router<AppState>();
  return router;
}
