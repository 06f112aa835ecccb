import Router from '@koa/router';
import { Brackets } from 'typeorm';
import { accessTo, createDossier, fingerprint, openByReference, openDossier, sendEvent, submitDraft, updateDraft, dossierView, type NewDossier } from '../../dossiers';
import { problems } from '../../problems';
import type { Runtime } from '../../runtime';
import { Dossier, DossierParty, History, type HistoryRow } from '../../store';
import type { AppContext, AppState } from '../context';
import { requireUser } from '../guards';
import { body } from '../validate';

export const newDossierSchema = {
  type: 'object',
  required: ['demarche', 'data'],
  additionalProperties: false,
  properties: {
    demarche: { type: 'string', minLength: 1, maxLength: 64, title: 'Démarche' },
    data: { type: 'object', title: 'Formulaire' },
    draft: { type: 'boolean', title: 'Brouillon' },
    onBehalfOf: {
      type: 'object',
      title: 'Usager',
      required: ['email', 'givenName', 'familyName'],
      additionalProperties: false,
      properties: {
        email: { type: 'string', format: 'email', title: 'Adresse e-mail de l’usager' },
        givenName: { type: 'string', minLength: 1, maxLength: 100, title: 'Prénom de l’usager' },
        familyName: { type: 'string', minLength: 1, maxLength: 100, title: 'Nom de l’usager' },
      },
    },
  },
};

export const draftSchema = {
  type: 'object',
  required: ['data'],
  additionalProperties: false,
  properties: { data: { type: 'object', title: 'Formulaire' } },
};

export const eventSchema = {
  type: 'object',
  required: ['type'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', minLength: 1, maxLength: 128, title: 'Événement' },
    payload: { type: 'object', title: 'Données' },
  },
};

/** The version the client saw, from `If-Match: "3"` (or `3`), if any. */
function expectedVersion(ctx: AppContext): number | undefined {
  const raw = ctx.get('if-match');
  if (!raw) return undefined;
  const version = Number(raw.replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isInteger(version) || version < 0) throw problems.badRequest('If-Match attend la version du dossier, par exemple « "3" ».');
  return version;
}

function idempotencyKey(ctx: AppContext): string | undefined {
  return ctx.get('idempotency-key') || undefined;
}

/** A history line as the user may see it: citizens see who acted by role, staff also by account. */
function historyLine(row: HistoryRow, staff: boolean) {
  return {
    seq: row.seq, event: row.event, label: row.label, at: row.at, role: row.role, from: row.fromStates, to: row.toStates,
    payload: row.payload,
    ...(staff ? { actorId: row.actorId } : {}),
  };
}

/** Citizens' dossiers and everything that happens to one dossier. */
export function dossierRoutes(rt: Runtime): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/dossiers' });

  router.post('/', async (ctx) => {
    const user = requireUser(ctx);
    const input = body<NewDossier>(ctx, newDossierSchema);
    const key = idempotencyKey(ctx);
    const answer = await createDossier(rt, user, input, key, key && fingerprint(ctx.method, ctx.path, ctx.state.body));
    ctx.status = answer.status;
    ctx.body = answer.body;
  });

  // « Mes dossiers »: the dossiers the user filed or is a party to, newest first.
  router.get('/', async (ctx) => {
    const user = requireUser(ctx);
    const rows = await rt.db.read((m) => m.createQueryBuilder(Dossier, 'd')
      .where(new Brackets((w) => w
        .where('d.owner_id = :id', { id: user.id })
        .orWhere(`d.id IN (${m.createQueryBuilder(DossierParty, 'p').select('p.dossier_id').where('p.email = :email').getQuery()})`, { email: user.email })))
      .orderBy('d.updatedAt', 'DESC')
      .limit(200)
      .getMany());
    const views = [];
    for (const row of rows) {
      const definition = await rt.catalogue.version(row.demarcheId, row.demarcheVersion);
      if (definition) views.push(dossierView(row, definition, accessTo(user, row, definition), rt.clock.now()));
    }
    ctx.body = { dossiers: views };
  });

  // The reference a citizen quotes at the desk or over the phone.
  router.get('/reference/:reference', async (ctx) => {
    const user = requireUser(ctx);
    const { row, definition, access } = await openByReference(rt, user, ctx.params.reference);
    ctx.set('ETag', `"${row.version}"`);
    ctx.body = dossierView(row, definition, access, rt.clock.now());
  });

  router.get('/:id', async (ctx) => {
    const user = requireUser(ctx);
    const { row, definition, access } = await openDossier(rt, user, ctx.params.id);
    ctx.set('ETag', `"${row.version}"`);
    ctx.body = dossierView(row, definition, access, rt.clock.now());
  });

  router.put('/:id/draft', async (ctx) => {
    const user = requireUser(ctx);
    const { data } = body<{ data: Record<string, unknown> }>(ctx, draftSchema);
    ctx.body = await updateDraft(rt, user, ctx.params.id, data);
  });

  router.post('/:id/submit', async (ctx) => {
    const user = requireUser(ctx);
    const key = idempotencyKey(ctx);
    const answer = await submitDraft(rt, user, ctx.params.id, key, key && fingerprint(ctx.method, ctx.path, null));
    ctx.status = answer.status;
    ctx.body = answer.body;
  });

  router.get('/:id/history', async (ctx) => {
    const user = requireUser(ctx);
    const { row, access } = await openDossier(rt, user, ctx.params.id);
    const lines = await rt.db.read((m) => m.find(History, { where: { dossierId: row.id }, order: { seq: 'ASC' } }));
    ctx.body = { history: lines.map((l) => historyLine(l, !access.party)) };
  });

  router.get('/:id/actions', async (ctx) => {
    const user = requireUser(ctx);
    const { row, definition, access } = await openDossier(rt, user, ctx.params.id);
    ctx.body = { version: row.version, actions: dossierView(row, definition, access, rt.clock.now()).actions };
  });

  router.post('/:id/events', async (ctx) => {
    const user = requireUser(ctx);
    const event = body<{ type: string; payload?: Record<string, unknown> }>(ctx, eventSchema);
    // The request's fingerprint matters only to replay it under its Idempotency-Key.
    const key = idempotencyKey(ctx);
    const answer = await sendEvent(rt, user, ctx.params.id, {
      event, idempotencyKey: key, fingerprint: key && fingerprint(ctx.method, ctx.path, ctx.state.body), expectedVersion: expectedVersion(ctx),
    });
    ctx.status = answer.status;
    ctx.body = answer.body;
  });

  return router;
}
