import type { EntityManager } from 'typeorm';
import { PRIORITIES, priorityRank, route, type Demarche, type Priority, type RoutingTable } from '../../engine';
import { dossierScope } from '../dossiers';
import type { Runtime } from '../runtime';
import { Dossier, writable, type DossierRow } from '../store';

/** Where a dossier sits: the four routing columns. */
export interface Placement {
  service: string | null;
  site: string | null;
  queue: string | null;
  priority: Priority;
}

/** One open dossier a table would move, from where it is to where the table sends it. */
export interface RoutingMove {
  id: string;
  reference: string;
  from: Placement;
  to: Placement;
  /** The rule that catches it; null for the default. */
  rule: string | null;
}

/** What a table would do to the open dossiers of its démarche. */
export interface RoutingPreview {
  /** Open dossiers examined. */
  examined: number;
  /** For each rule, in order, how many open dossiers it catches (the first rule that holds wins). */
  rules: { id: string; label: string; caught: number }[];
  default: { caught: number };
  /** How many would change service, site, queue or priority. */
  moved: number;
  /** Those dossiers (the first MAX_LISTED of them). */
  moves: RoutingMove[];
  truncated: boolean;
}

/** Beyond this, the preview gives counts but not the list: a screen would not show more. */
export const MAX_LISTED = 500;

const BATCH = 500;

type RoutedRow = Pick<DossierRow, 'id' | 'reference' | 'demarcheId' | 'demarcheVersion' | 'data' | 'snapshot' | 'submittedAt' | 'createdAt' | 'service' | 'site' | 'queue' | 'priority' | 'assigneeId'>;

/** A démarche's published versions, by number. */
export type Versions = ReadonlyMap<number, Demarche>;

/**
 * Every published version of a démarche, read before a transaction opens: on SQLite the catalogue
 * reads through the same single connection, which a transaction holds until it ends.
 */
export async function publishedVersions(rt: Runtime, demarcheId: string): Promise<Versions> {
  const versions = new Map<number, Demarche>();
  for (const v of await rt.catalogue.history(demarcheId)) {
    const definition = await rt.catalogue.version(demarcheId, v.version);
    if (definition) versions.set(v.version, definition);
  }
  return versions;
}

/**
 * Visits the open dossiers of a démarche in batches (by id, so memory stays bounded however many
 * there are), with where the table would send each one.
 */
async function eachOpenDossier(
  versions: Versions, m: EntityManager, demarcheId: string, table: RoutingTable, now: string,
  visit: (row: RoutedRow, to: Placement & { rule: string | null }) => Promise<void> | void,
): Promise<void> {
  let last = '';
  for (;;) {
    const rows: RoutedRow[] = await m.createQueryBuilder(Dossier, 'd')
      .select(['d.id', 'd.reference', 'd.demarcheId', 'd.demarcheVersion', 'd.data', 'd.snapshot', 'd.submittedAt', 'd.createdAt', 'd.service', 'd.site', 'd.queue', 'd.priority', 'd.assigneeId'])
      .where('d.demarcheId = :demarcheId AND d.status = :status AND d.id > :last', { demarcheId, status: 'en_cours', last })
      .orderBy('d.id', 'ASC')
      .limit(BATCH)
      .getMany();
    for (const row of rows) {
      // Each dossier is read under its own version: its parameters and form are those it was filed with.
      // (A version published since `versions` was read has no dossier old enough to need rerouting.)
      const definition = versions.get(row.demarcheVersion);
      if (!definition) continue;
      const decision = route(table, dossierScope(definition, row, now));
      await visit(row, { service: decision.service, site: decision.site ?? null, queue: decision.queue, priority: decision.priority, rule: decision.rule });
    }
    if (rows.length < BATCH) return;
    last = rows[rows.length - 1].id;
  }
}

function placementOf(row: RoutedRow): Placement {
  return { service: row.service, site: row.site, queue: row.queue, priority: PRIORITIES[row.priority] ?? 'normale' };
}

function samePlacement(a: Placement, b: Placement): boolean {
  return a.service === b.service && a.site === b.site && a.queue === b.queue && a.priority === b.priority;
}

/** The manager's preview: what a table would catch and move among today's open dossiers. Writes nothing. */
export async function previewRouting(versions: Versions, m: EntityManager, demarcheId: string, table: RoutingTable, now: string): Promise<RoutingPreview> {
  const caught = new Map<string | null, number>();
  const moves: RoutingMove[] = [];
  let examined = 0;
  let moved = 0;
  await eachOpenDossier(versions, m, demarcheId, table, now, (row, to) => {
    examined++;
    caught.set(to.rule, (caught.get(to.rule) ?? 0) + 1);
    const from = placementOf(row);
    const { rule, ...placement } = to;
    if (samePlacement(from, placement)) return;
    moved++;
    if (moves.length < MAX_LISTED) moves.push({ id: row.id, reference: row.reference, from, to: placement, rule });
  });
  return {
    examined,
    rules: table.rules.map((r) => ({ id: r.id, label: r.label, caught: caught.get(r.id) ?? 0 })),
    default: { caught: caught.get(null) ?? 0 },
    moved,
    moves,
    truncated: moved > moves.length,
  };
}

/**
 * Applies a table to the open dossiers of its démarche, inside the caller's transaction. A dossier
 * that changes service leaves the hands of its agent, who may no longer reach it.
 */
export async function rerouteOpenDossiers(versions: Versions, m: EntityManager, demarcheId: string, table: RoutingTable, now: string): Promise<{ examined: number; moved: number }> {
  let examined = 0;
  let moved = 0;
  await eachOpenDossier(versions, m, demarcheId, table, now, async (row, to) => {
    examined++;
    const { rule: _rule, ...placement } = to;
    if (samePlacement(placementOf(row), placement)) return;
    moved++;
    const changes: Partial<DossierRow> = { service: placement.service, site: placement.site, queue: placement.queue, priority: priorityRank(placement.priority) };
    if (placement.service !== row.service) changes.assigneeId = null;
    await m.update(Dossier, { id: row.id }, writable<DossierRow>(changes));
  });
  return { examined, moved };
}
