import { randomUUID } from 'node:crypto';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { addDuration, type Demarche, type Effect, type Transitioned } from '../../engine';
import { currentRouting } from '../demarches';
import { calloutVariable, effectContext, prepareEffect, routingColumns } from '../effects';
import type { Runtime } from '../runtime';
import {
  Dossier, History, NO_DUE_DATE, Outbox, Timer, deleteWhere, holdWrites, insertRows, onlyIfOneRowChanged, updateWhere,
  type DossierRow, type OutboxRow, type RoutingTableRow, type TimerRow, type UserRow,
} from '../store';

/**
 * Effects that only write rows of this database (a notification, a letter to check, the routing
 * columns, a callout to a service with no connector, which asks the agents to do the exchange by
 * hand) run in the transition's own transaction: they are there the moment the transition is,
 * and cost no round trip through the outbox. Generated documents (files) and callouts to a
 * connector (other systems) go through the outbox, run after commit and retried.
 */
function runsInTransition(effect: Effect): boolean {
  switch (effect.type) {
    case 'notify':
    case 'letter':
    case 'route':
      return true;
    case 'callout':
      return !process.env[calloutVariable(effect.service)];
    default:
      return false;
  }
}

/**
 * What running effects at once needs: the runtime (clock, commune), the démarche version, the
 * dossier's owner (to whom notifications speak), read with the dossier, and the routing table in
 * force if it was read with the dossier too (else it is read when the transition routes).
 */
export interface ImmediateEffects {
  rt: Runtime;
  definition: Demarche;
  owner: UserRow | null;
  routing?: RoutingTableRow | null;
}

/** Runs the immediate effects in the transaction; returns those left for the outbox. */
async function runImmediateEffects(
  m: EntityManager, saved: DossierRow, effects: Effect[], now: string, at: ImmediateEffects,
): Promise<Effect[]> {
  const deferred: Effect[] = [];
  for (const effect of effects) {
    if (!runsInTransition(effect)) {
      deferred.push(effect);
      continue;
    }
    let writes;
    try {
      writes = await prepareEffect(effectContext(at.rt, { id: randomUUID(), createdAt: now, inTransition: true }, saved, at.definition, at.owner, process.env), effect);
    } catch (e) {
      // A template that does not render must not refuse the transition: the outbox retries it and, if it keeps failing, tells the agents.
      at.rt.log.warn('Effet reporté à la file des effets', { dossier: saved.id, type: effect.type, error: e instanceof Error ? e.message : String(e) });
      deferred.push(effect);
      continue;
    }
    await writes(m);
  }
  return deferred;
}

/** Thrown inside a write when the dossier changed since it was read: the transaction rolls back. */
export class StaleDossierError extends Error {
  constructor(readonly dossierId: string) {
    super(`Le dossier ${dossierId} a changé entre-temps.`);
    this.name = 'StaleDossierError';
  }
}

/**
 * Whether a failed write transaction failed because the dossier had moved since it was read: a
 * StaleDossierError, or the database refusing the transition's history line (its rank is already
 * taken, or it is NULL because the versioned update changed no row; see `persistTransition`).
 */
export function isStaleDossier(e: unknown): boolean {
  if (e instanceof StaleDossierError) return true;
  if (!(e instanceof QueryFailedError)) return false;
  return /idx_history_dossier_seq|UNIQUE constraint failed: history\.|Column 'seq' cannot be null|NOT NULL constraint failed: history\.seq/.test(e.message);
}

/**
 * The condition that a dossier row is still exactly `row`: its version, and the columns that
 * change without one (the placement, which re-routing changes, and the assignee). A transition
 * decided on a remembered row (see `RecentDossiers`), not read in its transaction, is written
 * only on this condition.
 */
function unchangedSince(m: EntityManager, row: DossierRow): [string, unknown[]] {
  const same = m.connection.options.type === 'mysql' ? '<=>' : 'IS';
  return [
    `id = ? AND version = ? AND service ${same} ? AND site ${same} ? AND queue ${same} ? AND priority = ? AND assignee_id ${same} ?`,
    [row.id, row.version, row.service, row.site, row.queue, row.priority, row.assigneeId],
  ];
}

/** The indexed columns that follow from a transition: state, citizen status, due date, closure. */
export function columnsAfter(before: DossierRow, outcome: Transitioned, now: string): Partial<DossierRow> {
  const states = outcome.status.states.map((s) => s.path);
  const state = states.join(',');
  const stateSince = state === before.state && before.stateSince ? before.stateSince : now;
  const dueDates = outcome.status.deadlines.filter((d) => d.status === 'running' && d.dueAt).map((d) => d.dueAt as string);
  // A step's service level counts from when the dossier entered it.
  for (const s of outcome.status.states) if (s.serviceLevel) dueDates.push(addDuration(stateSince, s.serviceLevel).toISOString());
  const done = outcome.status.done;
  return {
    status: done ? 'clos' : 'en_cours',
    state,
    stateSince,
    citizenStatus: outcome.status.citizenStatus.slice(0, 255),
    snapshot: outcome.snapshot,
    dueAt: done || dueDates.length === 0 ? NO_DUE_DATE : dueDates.sort()[0],
    outcome: outcome.status.outcome ?? null,
    closedAt: done ? now : null,
    updatedAt: now,
  };
}

/**
 * Writes one transition, inside the caller's transaction: the dossier row if its version is still
 * the one read (with `remembered`, if it is still exactly the row remembered), the history line,
 * the timers to cancel and arm, and the effects: those that only write rows here at once, the
 * others to the outbox. If the dossier moved meanwhile, the transaction fails (here on SQLite, at
 * the latest when it commits on MySQL) with an error for which `isStaleDossier` holds, and nothing
 * is written.
 * When it leaves work due now (effects for the outbox, a timer already due), it wakes the jobs;
 * timers due later are found by their regular poll. Returns the updated row.
 */
export async function persistTransition(
  m: EntityManager, before: DossierRow, outcome: Transitioned, now: string, extra: Partial<DossierRow>, immediate: ImmediateEffects,
  remembered = false,
): Promise<DossierRow> {
  const changes: Partial<DossierRow> = { ...columnsAfter(before, outcome, now), ...extra, version: before.version + 1 };
  // What the transition reads is read first (the routing table, when it routes and was not read
  // with the dossier); then every write of the transition is held and goes with the COMMIT.
  const runsEffects = outcome.effects.some(runsInTransition);
  const routes = outcome.effects.some((e) => e.type === 'route');
  if (routes) {
    // Routing again in the transition sets the routing columns in the dossier's own update.
    const table = immediate.routing === undefined ? await currentRouting(m, before.demarcheId) : immediate.routing;
    Object.assign(changes, routingColumns(table?.table, immediate.definition, { ...before, ...changes }, now));
  }
  holdWrites(m);
  const [where, params] = remembered ? unchangedSince(m, before) : ['id = ? AND version = ?', [before.id, before.version]];
  await updateWhere(m, Dossier, changes, where, params);
  const seq = before.version + 1;

  // The history line's rank is written only if the update above took: else NULL, which the
  // column refuses, and the whole transaction fails before anyone reads a row count.
  const history = {
    dossierId: before.id,
    seq: onlyIfOneRowChanged(seq),
    event: outcome.history.event,
    label: outcome.history.label.slice(0, 255),
    payload: outcome.history.payload,
    actorId: outcome.history.actor.id,
    role: outcome.history.actor.role,
    at: outcome.history.at,
    fromStates: outcome.history.from,
    toStates: outcome.history.to,
  };
  await insertRows(m, History, [history]);

  const { arm, cancel, cancelAll } = outcome.timers;
  if (cancelAll) await deleteWhere(m, Timer, 'dossier_id = ?', [before.id]);
  const replaced = [...cancel, ...arm.map((t) => t.key)];
  if (!cancelAll && replaced.length > 0) {
    await deleteWhere(m, Timer, `dossier_id = ? AND timer_key IN (${replaced.map(() => '?').join(', ')})`, [before.id, ...replaced]);
  }
  const timers: TimerRow[] = arm.map((t) => ({ id: randomUUID(), dossierId: before.id, key: t.key, event: t.event, dueAt: t.dueAt, attempts: 0 }));
  await insertRows(m, Timer, timers);

  const saved: DossierRow = { ...before, ...changes };
  const deferred = runsEffects ? await runImmediateEffects(m, saved, outcome.effects.filter((e) => e.type !== 'route'), now, immediate) : outcome.effects;
  if (deferred.length > 0) {
    const rows: OutboxRow[] = deferred.map((effect) => ({
      id: randomUUID(), dossierId: before.id, seq, effect, status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null, createdAt: now, doneAt: null,
    }));
    await insertRows(m, Outbox, rows);
  }
  if (deferred.length > 0) immediate.rt.kick('effects');
  if (timers.some((t) => t.dueAt <= now)) immediate.rt.kick('timers');
  return saved;
}
