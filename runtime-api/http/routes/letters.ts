import Router from '@koa/router';
import type { Runtime } from '../../runtime';
import type { AppState } from '../context';

/** Letters to check and send. */
export function lettersRoutes(_rt: Runtime): Router<AppState> {
  const router = new Router<AppState>();
  return router;
}
