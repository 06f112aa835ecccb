import Router from '@koa/router';
import type { Runtime } from '../../runtime';
import type { AppState } from '../context';

/** Drafts and publication of démarches (Procédures team). */
export function designsRoutes(_rt: Runtime): Router<AppState> {
  const router = new Router<AppState>();
  return router;
}
