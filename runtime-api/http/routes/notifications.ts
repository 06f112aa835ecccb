import Router from '@koa/router';
import { Brackets, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { describeEffect } from '../../effects';
import { problems } from '../../problems';
import type { Runtime } from '../../runtime';
import { Dossier, Notification, Outbox, writable, type DossierRow, type NotificationRow, type OutboxRow, type UserRow } from '../../store';
import type { AppContext, AppState } from '../context';
import { requireUser } from '../guards';
import { staffReach, type StaffReach } from './letters';

type DossierRef = Pick<DossierRow, 'id' | 'reference' | 'demarcheId' | 'demarcheVersion' | 'service'>;

/** A notification as its reader sees it. */
export interface NotificationView {
  id: string;
  dossier: { id: string; reference: string; demarche: string } | null;
  /** The role it was addressed to. */
  role: string;
  /** Addressed to this user in person (else to their role, shared with their colleagues). */
  personal: boolean;
  subject: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

function notificationView(row: NotificationRow, dossier: DossierRef | undefined): NotificationView {
  return {
    id: row.id,
    dossier: dossier ? { id: dossier.id, reference: dossier.reference, demarche: dossier.demarcheId } : null,
    role: row.role,
    personal: row.userId !== null,
    subject: row.subject,
    body: row.body,
    createdAt: row.createdAt,
    readAt: row.readAt,
  };
}

/** A failed effect as staff see it. */
export interface FailedEffectView {
  id: string;
  /** `dead`: no further attempt; `retrying`: failed at least once, another attempt is planned. */
  status: 'dead' | 'retrying';
  dossier: { id: string; reference: string; demarche: string };
  type: OutboxRow['effect']['type'];
  description: string;
  effect: OutboxRow['effect'];
  attempts: number;
  lastError: string | null;
  createdAt: string;
  /** When it was given up (dead). */
  failedAt: string | null;
  /** When it is tried again (retrying). */
  nextAttemptAt: string | null;
}

async function dossierRefs(m: EntityManager, ids: string[]): Promise<Map<string, DossierRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await m.find(Dossier, {
    select: { id: true, reference: true, demarcheId: true, demarcheVersion: true, service: true }, where: { id: In(unique) },
  });
  return new Map(rows.map((d) => [d.id, d]));
}

/** Whether a dossier of this service is within a member of staff's reach. */
function reaches(reach: StaffReach, service: string | null): boolean {
  return reach.townWide || (service !== null && reach.services.includes(service));
}

/**
 * The notifications a user reads: those addressed to them, and for staff those addressed to one
 * of their roles about a dossier of their services (the whole town's for the élu and managers).
 */
function readableBy<T extends object>(qb: SelectQueryBuilder<T>, user: UserRow): SelectQueryBuilder<T> {
  const reach = staffReach(user);
  return qb.where(new Brackets((w) => {
    w.where('n.user_id = :me', { me: user.id });
    if (reach && reach.roles.length > 0 && (reach.townWide || reach.services.length > 0)) {
      w.orWhere(new Brackets((shared) => {
        shared.where('n.user_id IS NULL').andWhere('n.role IN (:...roles)', { roles: reach.roles });
        if (!reach.townWide) shared.andWhere('d.service IN (:...services)', { services: reach.services });
      }));
    }
  }));
}

/** Notifications listed at once. */
const PAGE = 100;

/**
 * One message may be stored several times: once per role it was addressed to. A user holding
 * two of those roles sees it once (rows of one effect share dossier, instant and subject).
 */
function sameMessage(row: NotificationRow): string {
  return `${row.dossierId}|${row.createdAt}|${row.userId ?? ''}|${row.subject}`;
}

function mayRead(user: UserRow, row: NotificationRow, dossier: DossierRef | undefined): boolean {
  if (row.userId !== null) return row.userId === user.id;
  const reach = staffReach(user);
  return reach !== null && reach.roles.includes(row.role) && dossier !== undefined && reaches(reach, dossier.service);
}

function failedEffectView(row: OutboxRow, dossier: DossierRef, description: string): FailedEffectView {
  return {
    id: row.id,
    status: row.status === 'dead' ? 'dead' : 'retrying',
    dossier: { id: dossier.id, reference: dossier.reference, demarche: dossier.demarcheId },
    type: row.effect.type,
    description,
    effect: row.effect,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt,
    failedAt: row.status === 'dead' ? row.doneAt : null,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt : null,
  };
}

function failureStatus(ctx: AppContext): 'dead' | 'retrying' {
  const raw = ctx.query.status ?? 'dead';
  if (raw !== 'dead' && raw !== 'retrying') {
    const message = 'doit valoir « dead » (abandonnées) ou « retrying » (en cours de nouvel essai)';
    throw problems.badRequest(`Le paramètre « status » ${message}.`, [{ pointer: '/status', field: 'status', message: `Le statut ${message}.` }]);
  }
  return raw;
}

/** Notifications, and the effects that failed (for staff). */
export function notificationsRoutes(rt: Runtime): Router<AppState> {
  const router = new Router<AppState>();

  // Unread first, then the newest; `?unread=true` for the unread only. `unread` counts them all.
  router.get('/notifications', async (ctx) => {
    const user = requireUser(ctx);
    const onlyUnread = ctx.query.unread === 'true';
    const { rows, unread, dossiers } = await rt.db.read(async (m) => {
      const base = () => readableBy(m.createQueryBuilder(Notification, 'n').leftJoin(Dossier.options.name, 'd', 'd.id = n.dossier_id'), user);
      const list = base();
      if (onlyUnread) list.andWhere('n.read_at IS NULL');
      const fetched = await list
        .orderBy('CASE WHEN n.read_at IS NULL THEN 0 ELSE 1 END', 'ASC')
        .addOrderBy('n.createdAt', 'DESC').addOrderBy('n.id', 'ASC')
        .limit(2 * PAGE)
        .getMany();
      const seen = new Set<string>();
      const rows = fetched.filter((r) => !seen.has(sameMessage(r)) && seen.add(sameMessage(r))).slice(0, PAGE);
      const [query, parameters] = base().andWhere('n.read_at IS NULL')
        .select(['n.dossier_id', 'n.created_at', 'n.subject', 'n.user_id'])
        .groupBy('n.dossier_id').addGroupBy('n.created_at').addGroupBy('n.subject').addGroupBy('n.user_id')
        .getQueryAndParameters();
      const [{ total }] = await m.query(`SELECT COUNT(*) AS total FROM (${query}) messages`, parameters) as { total: number | string }[];
      return { rows, unread: Number(total), dossiers: await dossierRefs(m, rows.map((r) => r.dossierId)) };
    });
    ctx.body = { unread, notifications: rows.map((r) => notificationView(r, dossiers.get(r.dossierId))) };
  });

  // Reading a role-addressed notification marks it read for the colleagues who share it.
  router.post('/notifications/:id/read', async (ctx) => {
    const user = requireUser(ctx);
    const id = ctx.params.id;
    const now = rt.clock.now().toISOString();
    const { row, dossier } = await rt.db.write(async (m) => {
      const row = await m.findOneBy(Notification, { id });
      const dossier = row ? (await dossierRefs(m, [row.dossierId])).get(row.dossierId) : undefined;
      if (!row || !mayRead(user, row, dossier)) throw problems.notFound(`La notification « ${id} » est introuvable.`);
      if (row.readAt === null) {
        // The same message to several of the user's roles (« accueil » and « agent ») is read once.
        const copies = m.createQueryBuilder().update(Notification).set(writable<NotificationRow>({ readAt: now }))
          .where('dossier_id = :dossier AND created_at = :at AND subject = :subject AND read_at IS NULL', { dossier: row.dossierId, at: row.createdAt, subject: row.subject });
        if (row.userId === null) copies.andWhere('user_id IS NULL AND role IN (:...roles)', { roles: staffReach(user)?.roles ?? [row.role] });
        else copies.andWhere('user_id = :me', { me: user.id });
        await copies.execute();
        row.readAt = (await m.findOneByOrFail(Notification, { id })).readAt;
      }
      return { row, dossier };
    });
    ctx.body = notificationView(row, dossier);
  });

  // Effects that failed: given up (`dead`, the default) or failing and to be tried again (`retrying`).
  router.get('/failed-effects', async (ctx) => {
    const user = requireUser(ctx);
    const reach = staffReach(user);
    if (!reach) throw problems.forbidden('La liste des actions en échec est réservée aux agents.');
    const status = failureStatus(ctx);
    if (!reach.townWide && reach.services.length === 0) {
      ctx.body = { effects: [] };
      return;
    }
    const { rows, dossiers } = await rt.db.read(async (m) => {
      const qb = m.createQueryBuilder(Outbox, 'o').innerJoin(Dossier.options.name, 'd', 'd.id = o.dossier_id');
      if (status === 'dead') qb.where('o.status = :dead', { dead: 'dead' }).orderBy('o.doneAt', 'DESC');
      else qb.where('o.status = :pending AND o.attempts > 0', { pending: 'pending' }).orderBy('o.nextAttemptAt', 'ASC');
      if (!reach.townWide) qb.andWhere('d.service IN (:...services)', { services: reach.services });
      const rows = await qb.addOrderBy('o.id', 'ASC').limit(200).getMany();
      return { rows, dossiers: await dossierRefs(m, rows.map((r) => r.dossierId)) };
    });
    const views: FailedEffectView[] = [];
    for (const row of rows) {
      const dossier = dossiers.get(row.dossierId);
      if (!dossier) continue;
      const definition = await rt.catalogue.version(dossier.demarcheId, dossier.demarcheVersion);
      views.push(failedEffectView(row, dossier, describeEffect(row.effect, definition)));
    }
    ctx.body = { effects: views };
  });

  // Once the cause is fixed (a connector configured, a service back), a dead effect is tried again.
  router.post('/failed-effects/:id/retry', async (ctx) => {
    const user = requireUser(ctx);
    const reach = staffReach(user);
    if (!reach) throw problems.forbidden('Seuls les agents peuvent relancer une action en échec.');
    const id = ctx.params.id;
    const now = rt.clock.now().toISOString();
    const { row, dossier } = await rt.db.write(async (m) => {
      const row = await m.findOneBy(Outbox, { id });
      const dossier = row ? (await dossierRefs(m, [row.dossierId])).get(row.dossierId) : undefined;
      if (!row || !dossier || !reaches(reach, dossier.service)) throw problems.notFound(`L’action en échec « ${id} » est introuvable.`);
      if (row.status === 'done') throw problems.conflict('Cette action a abouti : il n’y a rien à relancer.');
      if (row.status === 'pending') throw problems.conflict('Cette action n’est pas abandonnée : un nouvel essai est déjà prévu.');
      await m.createQueryBuilder().update(Outbox)
        .set(writable<OutboxRow>({ status: 'pending', attempts: 0, nextAttemptAt: now, doneAt: null }))
        .where('id = :id AND status = :dead', { id, dead: 'dead' })
        .execute();
      return { row: await m.findOneByOrFail(Outbox, { id }), dossier };
    });
    rt.kick('effects');
    const definition = await rt.catalogue.version(dossier.demarcheId, dossier.demarcheVersion);
    ctx.body = failedEffectView(row, dossier, describeEffect(row.effect, definition));
  });

  return router;
}
