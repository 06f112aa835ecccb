import Router from '@koa/router';
import type { Runtime } from '../../runtime';
import type { AppState } from '../context';

/** Documents of a dossier: upload and download. */
export function documentsRoutes(_rt: Runtime): Router<AppState> {
  const router = new Router<AppState>();
  return router;
}
