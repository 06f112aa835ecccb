import { Brackets, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { Dossier, type DossierRow } from '../store';
import type { InboxCursor } from './cursor';
import type { InboxFilters } from './filters';
import type { InboxScope } from './scope';

/** A filter left out when counting by it, so that the client sees the other values it could pick. */
export type Facet = 'queue' | 'state';

/** The columns a task shows: never the snapshot nor the form data, which are large JSON. */
const TASK_COLUMNS = [
  'd.id', 'd.reference', 'd.demarcheId', 'd.demarcheVersion', 'd.state', 'd.citizenStatus', 'd.service', 'd.site', 'd.queue',
  'd.priority', 'd.assigneeId', 'd.ownerId', 'd.dueAt', 'd.stateSince', 'd.submittedAt',
];

/** `!` escapes LIKE's wildcards on both databases (state paths contain « _ », itself a wildcard). */
function literal(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}

/**
 * The open dossiers of an inbox, filtered. Written for `idx_dossiers_inbox (status, service,
 * priority, due_at, id)`: equality on status, IN on the services, then the other filters as
 * conditions on the rows the index yields. `services` must not be empty (the caller answers an
 * empty inbox without asking the database).
 *
 * Site, queue, démarche, step and assignee have indexes of their own, which SQLite's planner (it
 * has no statistics) would pick for a filter on them, then sort every matching row. A unary `+`
 * is SQLite's documented way to keep a term off the index choice; MySQL/MariaDB get a USE INDEX.
 */
export function inboxQuery(m: EntityManager, scope: InboxScope, filters: InboxFilters, now: string, omit?: Facet): SelectQueryBuilder<DossierRow> {
  const sqlite = m.connection.options.type === 'better-sqlite3';
  // (TypeORM does not rewrite a property name after `+`: there, the column's own name.)
  const offIndex = (property: string, column: string) => (sqlite ? `+d.${column}` : `d.${property}`);
  const q = m.createQueryBuilder(Dossier, 'd').useIndex('idx_dossiers_inbox').where('d.status = :status', { status: 'en_cours' });
  const services = filters.service !== undefined ? [filters.service] : scope.services;
  if (services !== 'all') q.andWhere('d.service IN (:...services)', { services });
  if (filters.demarche !== undefined) q.andWhere(`${offIndex('demarcheId', 'demarche_id')} = :demarche`, { demarche: filters.demarche });
  if (filters.state !== undefined && omit !== 'state') {
    // `state` lists the active leaf states, comma-separated: the path alone, first, last or in between.
    const s = literal(filters.state);
    const state = offIndex('state', 'state');
    q.andWhere(new Brackets((w) => w
      .where(`${state} = :state`, { state: filters.state })
      .orWhere(`${state} LIKE :stateFirst ESCAPE '!'`, { stateFirst: `${s},%` })
      .orWhere(`${state} LIKE :stateLast ESCAPE '!'`, { stateLast: `%,${s}` })
      .orWhere(`${state} LIKE :stateAmong ESCAPE '!'`, { stateAmong: `%,${s},%` })));
  }
  if (filters.site !== undefined) q.andWhere(`${offIndex('site', 'site')} = :site`, { site: filters.site });
  if (filters.queue !== undefined && omit !== 'queue') q.andWhere(`${offIndex('queue', 'queue')} = :queue`, { queue: filters.queue });
  if (filters.priority !== undefined) q.andWhere('d.priority = :priority', { priority: filters.priority });
  // NO_DUE_DATE is far in the future: a dossier without a running délai is never overdue.
  if (filters.overdue === true) q.andWhere('d.dueAt < :now', { now });
  if (filters.overdue === false) q.andWhere('d.dueAt >= :now', { now });
  if (filters.assignee === 'me') q.andWhere(`${offIndex('assigneeId', 'assignee_id')} = :me`, { me: scope.userId });
  if (filters.assignee === 'none') q.andWhere(`${offIndex('assigneeId', 'assignee_id')} IS NULL`);
  return q;
}

/**
 * One page: the rows after the cursor in the inbox's order (priority, due date, id), one more than
 * asked so that the caller knows whether another page follows. Keyset pagination: the row-value
 * comparison seeks into the index, so page 1,000 costs what page 1 costs, and a dossier never
 * shows twice nor is skipped when others are added meanwhile.
 */
export function inboxPage(query: SelectQueryBuilder<DossierRow>, after: InboxCursor | null, limit: number): SelectQueryBuilder<DossierRow> {
  const q = query.select(TASK_COLUMNS);
  if (after) {
    q.andWhere('(d.priority, d.dueAt, d.id) > (:afterPriority, :afterDueAt, :afterId)', {
      afterPriority: after.priority, afterDueAt: after.dueAt, afterId: after.id,
    });
  }
  return q.orderBy('d.priority', 'ASC').addOrderBy('d.dueAt', 'ASC').addOrderBy('d.id', 'ASC').limit(limit + 1);
}

/** How many dossiers of the filtered inbox fall in each value of a column. */
export async function countBy(query: SelectQueryBuilder<DossierRow>, column: 'queue' | 'state'): Promise<Map<string | null, number>> {
  const rows = await query.select(`d.${column}`, 'value').addSelect('COUNT(*)', 'n').groupBy(`d.${column}`).getRawMany<{ value: string | null; n: number | string }>();
  return new Map(rows.map((r) => [r.value, Number(r.n)]));
}
