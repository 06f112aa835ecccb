import { randomUUID } from 'node:crypto';
import { QueryFailedError, type EntityManager } from 'typeorm';
import {
  apply, priorityRank, start,
  type Demarche, type DossierEvent, type DossierSnapshot, type Outcome, type PieceRef, type Rejection, type Transitioned,
} from '../../engine';
import { NO_PASSWORD } from '../auth';
import { DOSSIER_ROUTING, currentRouting } from '../demarches';
import { HttpProblem, problems } from '../problems';
import type { Runtime } from '../runtime';
import { DOSSIER_OWNER, DocumentFile, Dossier, DossierParty, NO_DUE_DATE, Timer, selectWithRelated, type DossierRow, type RoutingTableRow, type UserRow } from '../store';
import { findUserByEmail, insertUser } from '../store';
import { writable } from '../store';
import { accessTo, partiesOf, type DossierAccess } from './access';
import { once, type Answer } from './idempotency';
import { StaleDossierError, isStaleDossier, persistTransition } from './persist';
import { recentDossiers, type Remembered } from './recent';
import { typedReference } from './reference';
import { routingColumns } from '../effects';
import { dossierView, type DossierView } from './view';

/** The actor under which the runtime itself sends events (timers, délais). */
export const SYSTEM_ACTOR = { id: 'systeme', roles: ['systeme'] as const };

/** A rejection of the engine, as the HTTP problem the client receives. */
export function rejectionProblem(rejection: Rejection, current?: DossierView): HttpProblem {
  switch (rejection.reason) {
    case 'forbidden':
      return problems.forbidden(rejection.message);
    case 'not_in_state':
      return problems.conflict(rejection.message, current ? { dossier: current } : {});
    case 'unknown_event':
      return problems.unprocessable('evenement-inconnu', 'Événement inconnu', rejection.message);
    case 'invalid_payload':
      return problems.unprocessable('donnees-invalides', 'Données invalides', rejection.message, rejection.errors);
    case 'invalid_data':
      return problems.unprocessable('formulaire-invalide', 'Formulaire invalide', rejection.message, rejection.errors);
    case 'guard_failed':
      return problems.unprocessable('conditions-non-remplies', 'Conditions non remplies', rejection.message);
  }
}

/** A dossier row with its owner and, when asked for, its démarche's routing table in force. */
export interface DossierWithOwner {
  row: DossierRow;
  /** To whom a transition's notifications speak. */
  owner: UserRow | null;
  /** Read with `withRouting`, for a transition that may route the dossier again. */
  routing?: RoutingTableRow | null;
}

/** Reads a dossier with its owner (and its routing table) in one statement; null when there is none. */
export async function readDossier(m: EntityManager, id: string, withRouting = false): Promise<DossierWithOwner | null> {
  if (withRouting) {
    const [found] = await selectWithRelated(m, Dossier, [DOSSIER_OWNER, DOSSIER_ROUTING] as const, 't.id = ?', [id]);
    return found ? { row: found[0], owner: found[1][0], routing: found[1][1] } : null;
  }
  const [found] = await selectWithRelated(m, Dossier, [DOSSIER_OWNER] as const, 't.id = ?', [id]);
  return found ? { row: found[0], owner: found[1][0] } : null;
}

/**
 * A dossier the user may see, with its owner, its démarche version and what the user may do; 404
 * otherwise. With `withRouting`, its démarche's routing table too, in the same statement; with
 * `remembered`, the dossier as this process remembers it, not read. Read outside a transaction,
 * it is remembered (see `RecentDossiers`): the user's next event on it may not need to read it.
 */
export async function openDossier(
  rt: Runtime, user: UserRow, id: string, m?: EntityManager, options: { withRouting?: boolean; remembered?: Remembered } = {},
): Promise<DossierWithOwner & { definition: Demarche; access: DossierAccess }> {
  const read = (r: EntityManager) => readDossier(r, id, options.withRouting);
  const found = options.remembered ?? (m ? await read(m) : await rt.db.read(read));
  if (found && !m && !options.remembered) recentDossiers(rt).remember(found.row, found.owner);
  const definition = found ? await rt.catalogue.version(found.row.demarcheId, found.row.demarcheVersion, m) : null;
  const access = found && definition ? accessTo(user, found.row, definition) : null;
  // Someone else's dossier is answered like one that does not exist: its existence is not disclosed.
  if (!found || !definition || !access?.read) throw problems.notFound(`Le dossier « ${id} » est introuvable.`);
  return { ...found, definition, access };
}

/**
 * The dossier a reference names, as `openDossier` gives it, for a citizen or an agent who has the
 * reference at hand (read over the phone, on a letter). One the user may not see is answered like
 * one that does not exist.
 */
export async function openByReference(rt: Runtime, user: UserRow, typed: string): ReturnType<typeof openDossier> {
  const reference = typedReference(typed);
  const found = await rt.db.read((m) => m.findOne(Dossier, { where: { reference }, select: { id: true } }));
  const notFound = problems.notFound(`Aucun dossier que vous pouvez consulter ne porte la référence « ${reference} ».`);
  if (!found) throw notFound;
  try {
    return await openDossier(rt, user, found.id);
  } catch (e) {
    throw e instanceof HttpProblem && e.status === 404 ? notFound : e;
  }
}

/** Routing of a dossier by its démarche's table in force (the fallback when it has none). */
async function routingFor(m: EntityManager, definition: Demarche, row: Pick<DossierRow, 'data' | 'snapshot' | 'submittedAt' | 'createdAt'>, now: string) {
  return routingColumns((await currentRouting(m, definition.id))?.table, definition, row, now);
}

/** The documents attached to a draft, in the engine's shape, to count them at submission. */
async function draftPieces(m: EntityManager, dossierId: string): Promise<Record<string, PieceRef[]>> {
  const docs = await m.find(DocumentFile, { where: { dossierId, kind: 'piece' }, order: { createdAt: 'ASC' } });
  const pieces: Record<string, PieceRef[]> = {};
  for (const d of docs) if (d.pieceId) (pieces[d.pieceId] ??= []).push({ id: d.id, name: d.name, at: d.createdAt, type: d.mediaType, size: d.size });
  return pieces;
}

export interface NewDossier {
  demarche: string;
  data: Record<string, unknown>;
  /** Save without submitting: the citizen comes back later. */
  draft?: boolean;
  /** At the desk: the citizen the dossier belongs to (found by e-mail, or created). */
  onBehalfOf?: { email: string; givenName: string; familyName: string };
}

/** The owner of a new dossier: the user, or at the desk the citizen they file for (created when new). */
async function ownerOf(rt: Runtime, m: EntityManager, user: UserRow, input: NewDossier, now: string): Promise<UserRow> {
  if (!input.onBehalfOf) {
    if (!user.roles.includes('usager')) {
      throw problems.forbidden('Un agent dépose un dossier pour un usager : indiquez « onBehalfOf » (e-mail, prénom et nom de l’usager).');
    }
    return user;
  }
  if (!user.roles.some((r) => ['accueil', 'agent', 'expert', 'responsable'].includes(r))) {
    throw problems.forbidden('Seuls les agents déposent un dossier pour le compte d’un usager.');
  }
  const existing = await findUserByEmail(m, input.onBehalfOf.email);
  if (existing) {
    if (!existing.roles.includes('usager')) throw problems.conflict('Cette adresse e-mail est celle d’un agent, pas d’un usager.');
    return existing;
  }
  // The citizen has no password yet: the account is theirs once they set one.
  return insertUser(m, { ...input.onBehalfOf, passwordHash: NO_PASSWORD, roles: ['usager'] }, now);
}

/** How many references are drawn for one dossier before giving up: five random characters rarely collide twice. */
const REFERENCE_DRAWS = 5;

/** Whether a write failed because the dossier's reference, drawn at random, is already another dossier's. */
function isReferenceTaken(e: unknown): boolean {
  return e instanceof QueryFailedError && /uq_dossiers_reference|dossiers\.reference/.test(e.message);
}

/**
 * Files a dossier (or saves a draft). Validation, routing and the first transition happen in one
 * transaction. If the reference drawn is taken, which with five random characters happens once in
 * a while in a busy year, the transaction rolled back: it is run again with a new one.
 */
export async function createDossier(rt: Runtime, user: UserRow, input: NewDossier, key?: string, print = ''): Promise<Answer> {
  const definition = await rt.catalogue.latest(input.demarche);
  if (!definition) throw problems.notFound(`La démarche « ${input.demarche} » n’existe pas ou n’est pas publiée.`);
  for (let draw = 1; ; draw++) {
    try {
      return await fileDossier(rt, user, input, definition, key, print);
    } catch (e) {
      if (!isReferenceTaken(e) || draw === REFERENCE_DRAWS) throw e;
    }
  }
}

/** One attempt at filing, under a reference drawn for it. */
async function fileDossier(rt: Runtime, user: UserRow, input: NewDossier, definition: Demarche, key: string | undefined, print: string): Promise<Answer> {
  return once(rt, user.id, key, print, async (m) => {
    const now = rt.clock.now();
    const iso = now.toISOString();
    const owner = await ownerOf(rt, m, user, input, iso);
    const row: DossierRow = {
      id: randomUUID(), reference: rt.newReference(definition.id, now), demarcheId: definition.id, demarcheVersion: definition.version,
      status: 'brouillon', state: '', stateSince: iso, citizenStatus: 'Brouillon', snapshot: null, data: input.data,
      service: null, site: null, queue: null, priority: priorityRank('normale'), ownerId: owner.id, channel: input.onBehalfOf ? 'guichet' : 'en_ligne', assigneeId: null,
      dueAt: NO_DUE_DATE, outcome: null, createdAt: iso, submittedAt: null, updatedAt: iso, closedAt: null, version: 0,
    };
    if (input.draft) {
      await m.insert(Dossier, writable(row));
      return { status: 201, body: dossierView(row, definition, accessTo(user, row, definition), now) };
    }
    const actor = { id: user.id, roles: input.onBehalfOf ? user.roles : ['usager'] };
    const saved = await submitRow(rt, m, row, owner, definition, actor, true);
    return { status: 201, body: dossierView(saved, definition, accessTo(user, saved, definition), now) };
  });
}

/** Runs the first transition of a dossier row (new or draft) and stores it with its routing. */
async function submitRow(
  rt: Runtime, m: EntityManager, row: DossierRow, owner: UserRow | null, definition: Demarche, actor: { id: string; roles: readonly string[] }, insert: boolean,
): Promise<DossierRow> {
  const now = rt.clock.now();
  const iso = now.toISOString();
  const pieces = insert ? {} : await draftPieces(m, row.id);
  const outcome = start(definition, { data: row.data, actor, now, pieces });
  if (!outcome.ok) throw rejectionProblem(outcome);
  const submitted = { ...row, snapshot: outcome.snapshot, submittedAt: iso };
  const routing = await routingFor(m, definition, submitted, iso);
  if (insert) await m.insert(Dossier, writable(row));
  const parties = partiesOf(definition, row.data).map((p) => ({ dossierId: row.id, ...p }));
  if (parties.length > 0) await m.insert(DossierParty, parties);
  return persistTransition(m, row, outcome, iso, { ...routing, submittedAt: iso }, { rt, definition, owner });
}

/** Replaces a draft's data (no validation: a draft may be incomplete). */
export async function updateDraft(rt: Runtime, user: UserRow, id: string, data: Record<string, unknown>): Promise<DossierView> {
  try {
    return await saveDraft(rt, user, id, data);
  } catch (e) {
    if (e instanceof StaleDossierError) throw problems.conflict('Ce brouillon a été enregistré entre-temps (dans un autre onglet ?) : rechargez-le avant de l’enregistrer à nouveau.');
    throw e;
  }
}

async function saveDraft(rt: Runtime, user: UserRow, id: string, data: Record<string, unknown>): Promise<DossierView> {
  return rt.db.write(async (m) => {
    const { row, definition, access } = await openDossier(rt, user, id, m);
    if (row.status !== 'brouillon') throw problems.conflict('Ce dossier a déjà été déposé : il ne se modifie plus comme un brouillon.');
    const now = rt.clock.now();
    const updated = { ...row, data, updatedAt: now.toISOString(), version: row.version + 1 };
    const result = await m.update(Dossier, { id, version: row.version }, writable<DossierRow>({ data, updatedAt: updated.updatedAt, version: updated.version }));
    if (result.affected !== 1) throw new StaleDossierError(id);
    return dossierView(updated, definition, access, now);
  });
}

/** Submits a draft: the form is validated against the démarche version it was started on. */
export async function submitDraft(rt: Runtime, user: UserRow, id: string, key?: string, print = ''): Promise<Answer> {
  try {
    return await once(rt, user.id, key, print, async (m) => {
      const { row, definition, access, owner } = await openDossier(rt, user, id, m);
      if (row.status !== 'brouillon') throw problems.conflict('Ce dossier a déjà été déposé.');
      const saved = await submitRow(rt, m, row, owner, definition, { id: user.id, roles: ['usager'] }, false);
      return { status: 200, body: dossierView(saved, definition, access, rt.clock.now()) };
    });
  } catch (e) {
    // Submitted (or saved) from another tab at the same moment.
    if (isStaleDossier(e)) throw problems.conflict('Ce brouillon a été enregistré ou déposé entre-temps (dans un autre onglet ?) : rechargez-le.');
    throw e;
  }
}

export interface EventRequest {
  event: DossierEvent;
  idempotencyKey?: string;
  fingerprint?: string;
  /** The version the client saw (If-Match): refuse with 409 if the dossier moved since. */
  expectedVersion?: number;
}

/**
 * Sends an event to a dossier on behalf of a user: the engine decides, then one transaction
 * writes the dossier (only if its version is still the one read), its history, timers and effects.
 * `alongside`, if given, runs in that same transaction once the transition is written (e.g. the
 * document rows a `pieces.deposees` event announces): they commit together or not at all.
 *
 * A dossier this process remembers (see `RecentDossiers`) is not read again, unless the event may
 * route it (the routing table in force is read with it) or comes with work done alongside.
 * Whatever goes wrong on a remembered dossier is decided again from the database, for another
 * process may have moved it; but if this process moved it meanwhile, the event conflicts, as it
 * would have on a dossier read.
 */
export async function sendEvent(
  rt: Runtime, user: UserRow, id: string, request: EventRequest, alongside?: (m: EntityManager, saved: DossierRow) => Promise<void>,
): Promise<Answer> {
  const recent = recentDossiers(rt);
  try {
    return await recent.acting(id, async (concurrent) => {
      const withRouting = rt.catalogue.mayRoute(request.event.type);
      // Work done alongside (files moved into place) is not to be done twice: such an event reads the dossier.
      const remembered = alongside || withRouting ? undefined : recent.get(id);
      if (remembered) {
        try {
          return await transition(rt, user, id, request, alongside, { remembered });
        } catch (e) {
          if (isStaleDossier(e) && concurrent()) throw e;
          recent.forget(id);
        }
      }
      return await transition(rt, user, id, request, alongside, { withRouting });
    });
  } catch (e) {
    if (isStaleDossier(e)) {
      const { row, definition, access } = await openDossier(rt, user, id);
      throw movedMeanwhile(dossierView(row, definition, access, rt.clock.now()));
    }
    throw e;
  }
}

/** The 409 of an event on a dossier that moved since the client (or the transition) saw it. */
function movedMeanwhile(current: DossierView): HttpProblem {
  const states = current.etat?.states.map((s) => `« ${s.label} »`).join(', ') || '(brouillon)';
  return problems.conflict(`Le dossier a changé entre-temps : il est maintenant à l’étape ${states}. Rechargez-le avant d’agir.`, { dossier: current });
}

/** One attempt at an event, on the dossier read in its transaction (with its routing table) or on the one remembered. */
async function transition(
  rt: Runtime, user: UserRow, id: string, request: EventRequest, alongside: ((m: EntityManager, saved: DossierRow) => Promise<void>) | undefined,
  source: { withRouting: boolean } | { remembered: Remembered },
): Promise<Answer> {
  let committed: DossierWithOwner | undefined;
  let written: Answer | undefined;
  const answer = await once(rt, user.id, request.idempotencyKey, request.fingerprint ?? '', async (m) => {
    committed = written = undefined;
    const { row, definition, access, owner, routing } = await openDossier(rt, user, id, m, source);
    const now = rt.clock.now();
    if (request.expectedVersion !== undefined && request.expectedVersion !== row.version) throw movedMeanwhile(dossierView(row, definition, access, now));
    if (row.status === 'brouillon') throw problems.conflict('Ce dossier est un brouillon : déposez-le d’abord.');
    if (access.roles.length === 0) throw problems.forbidden('Vous pouvez consulter ce dossier, mais pas agir dessus.');
    const outcome = apply(definition, row.snapshot as DossierSnapshot, request.event, { actor: { id: user.id, roles: access.roles }, now });
    if (!outcome.ok) throw rejectionProblem(outcome, dossierView(row, definition, access, now));
    const saved = await persistTransition(m, row, outcome, now.toISOString(), assignment(row, outcome, user), { rt, definition, owner, routing }, 'remembered' in source);
    if (alongside) await alongside(m, saved);
    committed = { row: saved, owner };
    return (written = { status: 200, body: dossierView(saved, definition, access, now, outcome.status) });
  });
  // Remembered only if this very transaction committed: not when the answer is one replayed from
  // an earlier request with the same Idempotency-Key (this one having rolled back).
  if (committed && answer === written) recentDossiers(rt).remember(committed.row, committed.owner);
  return answer;
}

/** The first member of staff who acts on a dossier takes it, unless it already has someone. */
function assignment(row: DossierRow, outcome: Transitioned, user: UserRow): Partial<DossierRow> {
  const role = outcome.history.actor.role;
  return !row.assigneeId && role !== 'usager' && user.roles.includes(role) && role !== 'elu' ? { assigneeId: user.id } : {};
}

/** What became of a due timer. */
export type TimerResult = 'fired' | 'dropped' | 'retry';

/**
 * Fires one due timer as the system. The timer row is deleted in the transition's own transaction,
 * and only if it is still the one claimed (`dueAt` unchanged): so a timer fires exactly once,
 * even with several server processes. A timer the dossier no longer expects is dropped.
 */
export async function fireTimer(rt: Runtime, timer: { id: string; dossierId: string; dueAt: string; event: DossierEvent }): Promise<TimerResult> {
  try {
    return await rt.db.write(async (m) => {
      const found = await readDossier(m, timer.dossierId);
      const deleted = await m.delete(Timer, { id: timer.id, dueAt: timer.dueAt });
      if (deleted.affected !== 1) return 'dropped'; // fired or replaced by someone else
      const definition = found?.row.snapshot ? await rt.catalogue.version(found.row.demarcheId, found.row.demarcheVersion, m) : null;
      if (!found || !definition) return 'dropped';
      const { row, owner } = found;
      const now = rt.clock.now();
      const outcome: Outcome = apply(definition, row.snapshot as DossierSnapshot, timer.event, { actor: SYSTEM_ACTOR, now });
      if (!outcome.ok) {
        rt.log.info('Minuteur sans effet', { dossier: row.id, event: timer.event.type, reason: outcome.reason, message: outcome.message });
        return 'dropped';
      }
      await persistTransition(m, row, outcome, now.toISOString(), {}, { rt, definition, owner });
      return 'fired';
    });
  } catch (e) {
    if (isStaleDossier(e)) return 'retry';
    throw e;
  }
}
