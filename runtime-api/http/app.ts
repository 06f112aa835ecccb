import Router from '@koa/router';
import Koa from 'koa';
import type { Runtime } from '../runtime';
import type { AppState } from './context';
import { staticUi } from './static';
import { errors, jsonBody, session } from './middleware';
import { adminRoutes } from './routes/admin';
import { authRoutes } from './routes/auth';
import { demarcheRoutes } from './routes/demarches';
import { designsRoutes } from './routes/designs';
import { documentsRoutes } from './routes/documents';
import { dossierRoutes } from './routes/dossiers';
import { healthRoutes } from './routes/health';
import { lettersRoutes } from './routes/letters';
import { notificationsRoutes } from './routes/notifications';
import { routingRoutes } from './routes/routing';
import { tasksRoutes } from './routes/tasks';

/** Headers that cost nothing and close whole classes of attacks on a public-service site. */
async function securityHeaders(ctx: Koa.Context, next: Koa.Next): Promise<void> {
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Referrer-Policy', 'same-origin');
  ctx.set('X-Frame-Options', 'DENY');
  await next();
}

/** The Koa application: the error middleware first, then security, body, session, and the API under /api. */
export function createApp(rt: Runtime): Koa<AppState> {
  const app = new Koa<AppState>({ proxy: rt.config.production });
  const api = new Router<AppState>({ prefix: '/api' });
  const all = [
    healthRoutes(rt), authRoutes(rt), designsRoutes(rt), demarcheRoutes(rt), routingRoutes(rt), dossierRoutes(rt), documentsRoutes(rt),
    tasksRoutes(rt), lettersRoutes(rt), notificationsRoutes(rt), adminRoutes(rt),
  ];
  for (const routes of all) {
    api.use(routes.routes(), routes.allowedMethods({ throw: true }));
  }
  app.use(errors(rt.log));
  app.use(securityHeaders);
  app.use(jsonBody);
  app.use(session(rt));
  app.use(api.routes());
  app.use(api.allowedMethods({ throw: true }));
  app.use(staticUi(rt.config.uiDir));
  return app;
}
