import Router from '@koa/router';
import { assignDossier, assignSchema, readInbox, type AssignRequest } from '../../inbox';
import type { Runtime } from '../../runtime';
import type { AppState } from '../context';
import { requireUser } from '../guards';
import { body } from '../validate';

/** The agent's inbox, and taking a dossier from it. */
export function tasksRoutes(rt: Runtime): Router<AppState> {
  const router = new Router<AppState>();

  // Staff only (403 otherwise): open dossiers of the user's services, filtered, keyset-paged.
  router.get('/tasks', async (ctx) => {
    const user = requireUser(ctx);
    ctx.body = await readInbox(rt, user, ctx.query);
  });

  // No body: I take it. `{ assignee: id }`: a responsable gives it. `{ assignee: null }`: released.
  router.post('/dossiers/:id/assign', async (ctx) => {
    const user = requireUser(ctx);
    const request = ctx.state.body === undefined ? {} : body<AssignRequest>(ctx, assignSchema);
    ctx.body = await assignDossier(rt, user, ctx.params.id, request);
  });

  return router;
}
