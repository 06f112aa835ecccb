import Router from '@koa/router';
import type { Runtime } from '../../runtime';
import type { AppState } from '../context';
import { openApiDocument } from '../openapi';

/** The OpenAPI document of the API: public, like the catalogue, so that integrators can read it before having an account. */
export function openapiRoutes(_rt: Runtime): Router<AppState> {
  const router = new Router<AppState>();
  router.get('/openapi.json', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = openApiDocument();
  });
  return router;
}
