import Router from '@koa/router';
import type { Runtime } from '../../runtime';
import type { AppState } from '../context';

/** Notifications. */
export function notificationsRoutes(_rt: Runtime): Router<AppState> {
  const router = new Router<AppState>();
  return router;
}
