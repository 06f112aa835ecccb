import Router from '@koa/router';
import { randomUUID } from 'node:crypto';
import { openDossier } from '../../dossiers';
import { problems } from '../../problems';
import type { Runtime } from '../../runtime';
import { Note, findUserById, type NoteRow } from '../../store';
import type { AppContext, AppState } from '../context';
import { requireUser } from '../guards';
import { body } from '../validate';

export const noteSchema = {
  type: 'object',
  required: ['body'],
  additionalProperties: false,
  properties: { body: { type: 'string', minLength: 1, maxLength: 10_000, title: 'Note' } },
};

/** Only staff who reach the dossier read and write its notes; a citizen party never sees them. */
async function staffDossier(rt: Runtime, ctx: AppContext) {
  const user = requireUser(ctx);
  const opened = await openDossier(rt, user, ctx.params.id as string);
  if (opened.access.party) throw problems.notFound(`Le dossier « ${String(ctx.params.id)} » est introuvable.`);
  return { user, ...opened };
}

/** Staff's private notes on a dossier. */
export function notesRoutes(rt: Runtime): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/dossiers/:id/notes' });

  router.get('/', async (ctx) => {
    const { row } = await staffDossier(rt, ctx);
    const notes = await rt.db.read(async (m) => {
      const rows = await m.find(Note, { where: { dossierId: row.id }, order: { createdAt: 'ASC' } });
      return Promise.all(rows.map(async (n) => {
        const author = await findUserById(m, n.authorId);
        return { ...n, author: author ? `${author.givenName} ${author.familyName}` : 'Compte supprimé' };
      }));
    });
    ctx.body = { notes };
  });

  router.post('/', async (ctx) => {
    const { user, row } = await staffDossier(rt, ctx);
    const input = body<{ body: string }>(ctx, noteSchema);
    const note: NoteRow = { id: randomUUID(), dossierId: row.id, authorId: user.id, body: input.body.trim(), createdAt: rt.clock.now().toISOString() };
    if (!note.body) throw problems.badRequest('La note est vide.', [{ pointer: '/body', field: 'Note', message: 'Ce champ ne peut pas être vide.' }]);
    await rt.db.write((m) => m.insert(Note, note));
    ctx.status = 201;
    ctx.body = { ...note, author: `${user.givenName} ${user.familyName}` };
  });

  return router;
}
