import Router from '@koa/router';
import type { Runtime } from '../../runtime';
import type { AppState } from '../context';

/** The agent's inbox. */
export function tasksRoutes(_rt: Runtime): Router<AppState> {
  const router = new Router<AppState>();
  return router;
}
