import Router from '@koa/router';
import Koa from 'koa';
import type { Runtime } from '../runtime';
import type { AppState } from './context';
import { staticUi } from './static';
import {
  adminRoutes, authRoutes, demarcheRoutes, designsRoutes, documentsRoutes, dossierRoutes, healthRoutes, lettersRoutes,
  notesRoutes, notificationsRoutes, routingRoutes, statsRoutes, tasksRoutes,
  openapiRoutes,
} from './routes';
import { errors, jsonBody, session } from './middleware';

/** Headers that cost nothing and close whole classes of attacks on a public-service site. */
async function securityHeaders(ctx: Koa.Context, next: Koa.Next): Promise<void> {
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Referrer-Policy', 'same-origin');
  ctx.set('X-Frame-Options', 'DENY');
  await next();
}

/** Error codes of a connection the client closed early. */
const CLIENT_GONE = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** The Koa application: the error middleware first, then security, body, session, and the API under /api. */
export function createApp(rt: Runtime): Koa<AppState> {
  const app = new Koa<AppState>({ proxy: rt.config.production });
  const api = new Router<AppState>({ prefix: '/api' });
  const all = [
    healthRoutes(rt), authRoutes(rt), designsRoutes(rt), demarcheRoutes(rt), routingRoutes(rt), dossierRoutes(rt), documentsRoutes(rt),
    notesRoutes(rt), tasksRoutes(rt), lettersRoutes(rt), notificationsRoutes(rt), statsRoutes(rt), adminRoutes(rt),
    openapiRoutes(rt),
  ];
  // Each group's routes join the API router's own list (@koa/router copies them): one match per
  // request, and one answer for a method an address does not take (405), below.
  for (const routes of all) api.use(routes.routes());
  // Errors Koa handles itself go to the log, not the console. A client that leaves before the end of
  // an answer (a page closed while its files were still coming) is ordinary traffic, not a warning.
  app.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== undefined && CLIENT_GONE.has(error.code)) rt.log.info('Connexion fermée par le client', { error: error.code });
    else rt.log.warn('Erreur de connexion', { error: error.message });
  });
  app.use(errors(rt.log));
  app.use(securityHeaders);
  app.use(jsonBody);
  app.use(session(rt));
  app.use(api.routes());
  app.use(api.allowedMethods());
  app.use(staticUi(rt.config.uiDir));
  return app;
}
