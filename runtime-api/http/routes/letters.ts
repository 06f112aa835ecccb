import Router from '@koa/router';
import { In } from 'typeorm';
import type { Demarche } from '../../../engine';
import { CASEWORKER_ROLES, TOWN_WIDE_ROLES, isStaff } from '../../auth';
import { openDossier } from '../../dossiers';
import { deliver, derivedId, recipientsOf } from '../../effects';
import { HttpProblem, problems } from '../../problems';
import type { Runtime } from '../../runtime';
import { Dossier, Letter, writable, type DossierRow, type LetterRow, type LetterStatus, type UserRow } from '../../store';
import type { AppContext, AppState } from '../context';
import { requireUser } from '../guards';
import { body } from '../validate';

/** What a member of staff reaches: the dossiers of their services, or the whole town's. Null for a citizen. */
export interface StaffReach {
  /** Their roles other than « usager »: role-addressed messages for these reach them. */
  roles: string[];
  services: string[];
  townWide: boolean;
}

export function staffReach(user: UserRow): StaffReach | null {
  if (!isStaff(user.roles)) return null;
  return {
    roles: user.roles.filter((r) => r !== 'usager'),
    services: user.services,
    townWide: user.roles.some((r) => (TOWN_WIDE_ROLES as readonly string[]).includes(r)),
  };
}

/** Whether a user may check, edit, send and cancel the letters of a dossier: a caseworker of its service. */
function checksLettersOf(user: UserRow, dossier: Pick<DossierRow, 'service'>): boolean {
  return user.roles.some((r) => (CASEWORKER_ROLES as readonly string[]).includes(r)) && dossier.service !== null && user.services.includes(dossier.service);
}

export const LETTER_STATUSES: readonly LetterStatus[] = ['a_verifier', 'envoye', 'annule'];

export const letterEditSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    subject: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[^\\r\\n]*\\S[^\\r\\n]*$', title: 'Objet' },
    body: { type: 'string', minLength: 1, maxLength: 200000, pattern: '\\S', title: 'Texte du courrier' },
  },
};

/** A letter as the API shows it. */
export interface LetterView {
  id: string;
  dossier: { id: string; reference: string; demarche: { id: string; title: string } };
  template: string;
  /** The template's title (« Refus de validation de l’attestation d’accueil »). */
  title: string;
  recipient: string;
  recipientLabel: string;
  subject: string;
  body: string;
  status: LetterStatus;
  createdAt: string;
  checkedBy: string | null;
  sentAt: string | null;
}

type DossierRef = Pick<DossierRow, 'id' | 'reference' | 'demarcheId' | 'demarcheVersion'>;

export function letterView(row: LetterRow, dossier: DossierRef, definition: Demarche | null): LetterView {
  return {
    id: row.id,
    dossier: { id: dossier.id, reference: dossier.reference, demarche: { id: dossier.demarcheId, title: definition?.title ?? dossier.demarcheId } },
    template: row.template,
    title: definition?.templates?.[row.template]?.title ?? row.template,
    recipient: row.recipient,
    recipientLabel: definition?.roles[row.recipient]?.label ?? row.recipient,
    subject: row.subject,
    body: row.body,
    status: row.status,
    createdAt: row.createdAt,
    checkedBy: row.checkedBy,
    sentAt: row.sentAt,
  };
}

const letterNotFound = (id: string) => problems.notFound(`Le courrier « ${id} » est introuvable.`);

/** A letter, its dossier and démarche, for a user who may see it; 404 otherwise (its existence is not disclosed). */
async function openLetter(rt: Runtime, user: UserRow, id: string) {
  const letter = await rt.db.read((m) => m.findOneBy(Letter, { id }));
  if (!letter) throw letterNotFound(id);
  try {
    const { row, definition, access } = await openDossier(rt, user, letter.dossierId);
    const citizenMay = access.party && letter.status === 'envoye' && access.roles.includes(letter.recipient);
    if (!citizenMay && !staffReach(user)) throw letterNotFound(id);
    return { letter, dossier: row, definition, access };
  } catch (e) {
    if (e instanceof HttpProblem && e.status === 404) throw letterNotFound(id);
    throw e;
  }
}

/** A letter the user may act on (a caseworker of the dossier's service), still to check. */
async function letterToCheck(rt: Runtime, user: UserRow, id: string, action: string) {
  const opened = await openLetter(rt, user, id);
  if (!checksLettersOf(user, opened.dossier)) {
    throw problems.forbidden(`Seuls les agents du service du dossier (« ${opened.dossier.service ?? 'aucun'} ») peuvent ${action} ce courrier.`);
  }
  if (opened.letter.status !== 'a_verifier') throw alreadyChecked(opened.letter);
  return opened;
}

function alreadyChecked(letter: Pick<LetterRow, 'status'>): HttpProblem {
  return problems.conflict(letter.status === 'envoye'
    ? 'Ce courrier a déjà été envoyé : il ne peut plus être modifié ni annulé.'
    : 'Ce courrier a été annulé : il ne peut plus être modifié ni envoyé.');
}

function statusParam(ctx: AppContext): LetterStatus {
  const raw = ctx.query.status ?? 'a_verifier';
  if (typeof raw !== 'string' || !(LETTER_STATUSES as readonly string[]).includes(raw)) {
    const message = 'doit valoir « a_verifier », « envoye » ou « annule »';
    throw problems.badRequest(`Le paramètre « status » ${message}.`, [{ pointer: '/status', field: 'status', message: `Le statut ${message}.` }]);
  }
  return raw as LetterStatus;
}

/** Letters to check and send. */
export function lettersRoutes(rt: Runtime): Router<AppState> {
  const router = new Router<AppState>();

  // A dossier's letters: all of them for its staff; for a citizen party, those sent to them.
  router.get('/dossiers/:id/letters', async (ctx) => {
    const user = requireUser(ctx);
    const { row, definition, access } = await openDossier(rt, user, ctx.params.id);
    const letters = await rt.db.read((m) => m.find(Letter, { where: { dossierId: row.id }, order: { createdAt: 'ASC', id: 'ASC' } }));
    const staff = staffReach(user) !== null && !access.party;
    const visible = staff ? letters : letters.filter((l) => l.status === 'envoye' && access.roles.includes(l.recipient));
    ctx.body = { letters: visible.map((l) => letterView(l, row, definition)) };
  });

  // The letters of the user's services in one status (by default those to check, oldest first).
  router.get('/letters', async (ctx) => {
    const user = requireUser(ctx);
    const reach = staffReach(user);
    if (!reach) throw problems.forbidden('La liste des courriers est réservée aux agents.');
    const status = statusParam(ctx);
    if (!reach.townWide && reach.services.length === 0) {
      ctx.body = { letters: [] };
      return;
    }
    const { letters, dossiers } = await rt.db.read(async (m) => {
      const qb = m.createQueryBuilder(Letter, 'l').innerJoin(Dossier.options.name, 'd', 'd.id = l.dossier_id').where('l.status = :status', { status });
      if (!reach.townWide) qb.andWhere('d.service IN (:...services)', { services: reach.services });
      const letters = await qb.orderBy('l.createdAt', status === 'a_verifier' ? 'ASC' : 'DESC').addOrderBy('l.id', 'ASC').limit(200).getMany();
      const ids = [...new Set(letters.map((l) => l.dossierId))];
      const dossiers = ids.length === 0 ? [] : await m.find(Dossier, {
        select: { id: true, reference: true, demarcheId: true, demarcheVersion: true }, where: { id: In(ids) },
      });
      return { letters, dossiers: new Map(dossiers.map((d) => [d.id, d])) };
    });
    const views: LetterView[] = [];
    for (const letter of letters) {
      const dossier = dossiers.get(letter.dossierId);
      if (dossier) views.push(letterView(letter, dossier, await rt.catalogue.version(dossier.demarcheId, dossier.demarcheVersion)));
    }
    ctx.body = { letters: views };
  });

  router.get('/letters/:id', async (ctx) => {
    const user = requireUser(ctx);
    const { letter, dossier, definition } = await openLetter(rt, user, ctx.params.id);
    ctx.body = letterView(letter, dossier, definition);
  });

  // The agent corrects the letter before sending it.
  router.put('/letters/:id', async (ctx) => {
    const user = requireUser(ctx);
    const changes = body<{ subject?: string; body?: string }>(ctx, letterEditSchema);
    const { letter, dossier, definition } = await letterToCheck(rt, user, ctx.params.id, 'modifier');
    const edited: Partial<LetterRow> = {};
    if (changes.subject !== undefined) edited.subject = changes.subject.trim();
    if (changes.body !== undefined) edited.body = changes.body;
    const saved = await rt.db.write(async (m) => {
      const result = await m.update(Letter, { id: letter.id, status: 'a_verifier' }, writable<LetterRow>(edited));
      const current = await m.findOneByOrFail(Letter, { id: letter.id });
      if (result.affected !== 1) throw alreadyChecked(current);
      return current;
    });
    ctx.body = letterView(saved, dossier, definition);
  });

  // Sent: the recipient finds it in their notifications.
  router.post('/letters/:id/send', async (ctx) => {
    const user = requireUser(ctx);
    const { letter, dossier, definition } = await letterToCheck(rt, user, ctx.params.id, 'envoyer');
    const now = rt.clock.now().toISOString();
    const sent = await rt.db.write(async (m) => {
      const result = await m.update(Letter, { id: letter.id, status: 'a_verifier' }, writable<LetterRow>({ status: 'envoye', checkedBy: user.id, sentAt: now }));
      const current = await m.findOneByOrFail(Letter, { id: letter.id });
      if (result.affected !== 1) throw alreadyChecked(current);
      const recipients = await recipientsOf(m, definition, dossier, [current.recipient]);
      await deliver(m, recipients.map((r) => ({
        id: derivedId(current.id, `envoi:${r.role}`), dossierId: dossier.id, userId: r.userId, role: r.role,
        subject: current.subject, body: current.body, createdAt: now, readAt: null,
      })));
      return current;
    });
    ctx.body = letterView(sent, dossier, definition);
  });

  router.post('/letters/:id/cancel', async (ctx) => {
    const user = requireUser(ctx);
    const { letter, dossier, definition } = await letterToCheck(rt, user, ctx.params.id, 'annuler');
    const cancelled = await rt.db.write(async (m) => {
      const result = await m.update(Letter, { id: letter.id, status: 'a_verifier' }, writable<LetterRow>({ status: 'annule', checkedBy: user.id }));
      const current = await m.findOneByOrFail(Letter, { id: letter.id });
      if (result.affected !== 1) throw alreadyChecked(current);
      return current;
    });
    ctx.body = letterView(cancelled, dossier, definition);
  });

  return router;
}
