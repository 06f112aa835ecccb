import { In, LessThan, LessThanOrEqual, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { subtractDuration } from '../../engine';
import { removeDossierFiles } from '../documents';
import type { Runtime } from '../runtime';
import { DemarcheVersion, Dossier, Idempotency, type DossierRow } from '../store';

/** Dossiers erased per transaction. */
const BATCH = 100;

/** How long the first answer to a request sent with an Idempotency-Key is kept for its retries. */
const IDEMPOTENCY_KEEP_MS = 24 * 60 * 60 * 1000;

/**
 * Erases what the town no longer needs to keep (RGPD): each closed dossier once its démarche
 * version's retention (`retention.duration`, e.g. P1Y, counted from closure) has run out, whole
 * — the dossier, its history, documents (rows and files), letters, notes, notifications, parties,
 * timers and effects — and the answers kept for Idempotency-Key retries after a day. Safe with
 * several server processes: erasing twice erases nothing more. Returns how many dossiers went.
 */
export async function eraseExpired(rt: Runtime): Promise<number> {
  const now = rt.clock.now();
  await rt.db.write((m) => m.delete(Idempotency, { createdAt: LessThan(new Date(now.getTime() - IDEMPOTENCY_KEEP_MS).toISOString()) }));
  const versions = await rt.db.read((m) => m.find(DemarcheVersion, { select: { demarcheId: true, version: true } }));
  let erased = 0;
  for (const { demarcheId, version } of versions) {
    const definition = await rt.catalogue.version(demarcheId, version);
    if (!definition) continue;
    const closedBy = subtractDuration(now, definition.retention.duration).toISOString();
    for (;;) {
      const ids = await rt.db.write((m) => eraseBatch(m, { demarcheId, demarcheVersion: version, status: 'clos', closedAt: LessThanOrEqual(closedBy) }));
      // After the commit: a file left by a crash here belongs to no dossier any more, and is never served.
      for (const id of ids) await removeDossierFiles(rt.config.dataDir, id);
      erased += ids.length;
      if (ids.length < BATCH) break;
    }
  }
  if (erased > 0) rt.log.info('Dossiers effacés au terme de leur durée de conservation', { count: erased });
  return erased;
}

/** Erases up to BATCH dossiers matching `where`, with their rows; returns their ids. */
async function eraseBatch(m: EntityManager, where: FindOptionsWhere<DossierRow>): Promise<string[]> {
  const rows = await m.find(Dossier, { select: { id: true }, where, take: BATCH });
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return ids;
  // Every table that holds rows of a dossier (history, documents, letters, notes…): those with a `dossierId`.
  for (const table of m.connection.entityMetadatas.filter((e) => e.findColumnWithPropertyName('dossierId'))) {
    await m.delete(table.target, { dossierId: In(ids) });
  }
  await m.delete(Dossier, { id: In(ids) });
  return ids;
}
