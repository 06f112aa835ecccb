import { In } from 'typeorm';
import { compile, type Demarche } from '../../engine';
import { problems } from '../problems';
import type { Runtime } from '../runtime';
import { User, type UserRow } from '../store';
import { encodeCursor } from './cursor';
import { parseInboxRequest, type InboxFilters, type QueryParameters } from './filters';
import { countBy, inboxPage, inboxQuery } from './query';
import { inboxScope } from './scope';
import { taskView, type StaffName, type Task } from './task';

/** Counts of the filtered inbox: by queue (whatever the queue filter), by step when one démarche is chosen. */
export interface InboxCounts {
  total: number;
  byQueue: Record<string, number>;
  /** Leaf state path -> open dossiers at that step (whatever the state filter); only with `demarche`. */
  byState?: Record<string, number>;
}

export interface InboxPage {
  tasks: Task[];
  /** Send it back as `after` for the next page; null on the last one. */
  next: string | null;
  counts: InboxCounts;
}

/** The leaf states of a definition, by path. */
function leafPaths(definition: Demarche): string[] {
  return compile(definition).graph.nodes.filter((n) => n.parent !== null && n.children.length === 0).map((n) => n.path);
}

/** A démarche and a step that exist, or a 400 saying which do. */
async function checkAgainstCatalogue(rt: Runtime, filters: InboxFilters): Promise<void> {
  if (filters.demarche === undefined) return;
  const versions = await rt.catalogue.history(filters.demarche);
  if (versions.length === 0) {
    const message = `La démarche « ${filters.demarche} » n’existe pas ou n’est pas publiée.`;
    throw problems.badRequest(message, [{ pointer: '/demarche', field: 'Démarche', message }]);
  }
  if (filters.state === undefined) return;
  // A dossier stays on the version it was filed under: a step of any version may still hold some.
  const known = new Set<string>();
  for (const v of versions) {
    const definition = await rt.catalogue.version(filters.demarche, v.version);
    if (definition) for (const path of leafPaths(definition)) known.add(path);
  }
  if (!known.has(filters.state)) {
    const list = [...known].sort();
    const message = `La démarche « ${filters.demarche} » n’a pas d’étape (état feuille) « ${filters.state} ». Étapes : ${list.slice(0, 30).map((p) => `« ${p} »`).join(', ')}${list.length > 30 ? '…' : ''}.`;
    throw problems.badRequest(message, [{ pointer: '/state', field: 'Étape', message }]);
  }
}

function emptyCounts(filters: InboxFilters): InboxCounts {
  return { total: 0, byQueue: {}, ...(filters.demarche !== undefined ? { byState: {} } : {}) };
}

/** A dossier in several parallel steps counts once in each of them. */
function byLeafState(byCombination: Map<string | null, number>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [combination, n] of byCombination) {
    for (const path of (combination ?? '').split(',')) if (path !== '') counts[path] = (counts[path] ?? 0) + n;
  }
  return counts;
}

/**
 * A page of a member of staff's inbox: the open dossiers routed to their services (the whole
 * town's for the élu and managers), filtered, most urgent first, with the counts the screen shows.
 */
export async function readInbox(rt: Runtime, user: UserRow, query: QueryParameters): Promise<InboxPage> {
  const scope = inboxScope(user);
  const { filters, limit, after } = parseInboxRequest(query, scope);
  await checkAgainstCatalogue(rt, filters);
  if (scope.services !== 'all' && scope.services.length === 0) return { tasks: [], next: null, counts: emptyCounts(filters) };

  const now = rt.clock.now();
  const iso = now.toISOString();
  const found = await rt.db.read(async (m) => {
    // Independent reads: on MySQL/MariaDB each takes its own connection of the pool, at the same time.
    const [rows, byQueue, byState] = await Promise.all([
      inboxPage(inboxQuery(m, scope, filters, iso), after, limit).getMany(),
      countBy(inboxQuery(m, scope, filters, iso, 'queue'), 'queue'),
      filters.demarche !== undefined ? countBy(inboxQuery(m, scope, filters, iso, 'state'), 'state') : null,
    ]);
    // The total follows from the counts per queue, which leave out only the queue filter: one scan
    // of the index fewer (the largest part of the inbox's time at a million dossiers).
    const total = filters.queue !== undefined ? byQueue.get(filters.queue) ?? 0 : [...byQueue.values()].reduce((sum, n) => sum + n, 0);
    // The agents and citizens the page names, in one read.
    const ids = [...new Set(rows.slice(0, limit).flatMap((r) => [r.assigneeId, r.ownerId]).filter((id): id is string => id !== null))];
    const people: StaffName[] = ids.length === 0 ? [] : await m.find(User, { select: { id: true, givenName: true, familyName: true }, where: { id: In(ids) } });
    return { rows, total, byQueue, byState, people };
  });

  const page = found.rows.slice(0, limit);
  const names = new Map(found.people.map((a) => [a.id, { id: a.id, givenName: a.givenName, familyName: a.familyName }]));
  const named = (id: string | null) => (id ? names.get(id) ?? null : null);
  const tasks: Task[] = [];
  for (const row of page) {
    const definition = await rt.catalogue.version(row.demarcheId, row.demarcheVersion);
    tasks.push(taskView(row, definition, { assignee: named(row.assigneeId), owner: named(row.ownerId) }, now));
  }
  const last = page[page.length - 1];
  return {
    tasks,
    next: found.rows.length > limit && last ? encodeCursor({ priority: last.priority, dueAt: last.dueAt, id: last.id }) : null,
    counts: {
      total: found.total,
      byQueue: Object.fromEntries([...found.byQueue].map(([queue, n]) => [queue ?? '', n])),
      ...(found.byState ? { byState: byLeafState(found.byState) } : {}),
    },
  };
}
