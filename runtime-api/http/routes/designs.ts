import Router from '@koa/router';
import { createDraft, listDrafts, publishDraft, readDraft, saveDraft } from '../../admin';
import { problems } from '../../problems';
import type { Runtime } from '../../runtime';
import type { AppContext, AppState } from '../context';
import { requireRole } from '../guards';

/** The definition in the body, which may be unsound: the linter reports, it does not refuse a draft. */
function definitionBody(ctx: AppContext): unknown {
  if (ctx.state.body === undefined) throw problems.badRequest('Cette requête attend la définition de la démarche en JSON.');
  return ctx.state.body;
}

/** `If-Match: "<etag>"` of the draft the editor loaded, if sent. */
function ifMatch(ctx: AppContext): string | undefined {
  const raw = ctx.get('if-match');
  return raw ? raw.replace(/^W\//, '').replace(/"/g, '') : undefined;
}

/** Drafts and publication of démarches: the Procédures team only. */
export function designsRoutes(rt: Runtime): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/demarches' });

  // Declared before the catalogue's `/demarches/:id`, which would otherwise take « drafts » for an id.
  router.get('/drafts', async (ctx) => {
    requireRole(ctx, 'procedures');
    ctx.body = { drafts: await listDrafts(rt) };
  });

  router.post('/', async (ctx) => {
    const user = requireRole(ctx, 'procedures');
    const draft = await createDraft(rt, user, definitionBody(ctx));
    ctx.status = 201;
    ctx.set('Location', `/api/demarches/${draft.demarcheId}/draft`);
    ctx.set('ETag', `"${draft.etag}"`);
    ctx.body = draft;
  });

  router.get('/:id/draft', async (ctx) => {
    requireRole(ctx, 'procedures');
    const draft = await readDraft(rt, ctx.params.id);
    ctx.set('ETag', `"${draft.etag}"`);
    ctx.body = draft;
  });

  router.put('/:id/draft', async (ctx) => {
    const user = requireRole(ctx, 'procedures');
    const draft = await saveDraft(rt, user, ctx.params.id, definitionBody(ctx), ifMatch(ctx));
    ctx.set('ETag', `"${draft.etag}"`);
    ctx.body = draft;
  });

  router.post('/:id/publish', async (ctx) => {
    const user = requireRole(ctx, 'procedures');
    ctx.status = 201;
    ctx.body = await publishDraft(rt, user, ctx.params.id);
  });

  return router;
}
