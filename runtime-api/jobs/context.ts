import { effectContext, type EffectContext } from '../effects';
import type { Runtime } from '../runtime';
import { DOSSIER_OWNER, Dossier, selectWithRelated, type OutboxRow } from '../store';

/**
 * Loads the context of an outbox effect, outside any transaction (the catalogue may read the
 * database, which on SQLite must not happen inside a write). Null when the dossier no longer exists.
 */
export async function outboxContext(rt: Runtime, outbox: OutboxRow, env: NodeJS.ProcessEnv): Promise<EffectContext | null> {
  const [[dossier, [owner]] = [undefined, [null]]] = await rt.db.read((m) => selectWithRelated(m, Dossier, [DOSSIER_OWNER] as const, 't.id = ?', [outbox.dossierId]));
  if (!dossier) return null;
  const definition = await rt.catalogue.version(dossier.demarcheId, dossier.demarcheVersion);
  if (!definition) throw new Error(`La démarche « ${dossier.demarcheId} » version ${dossier.demarcheVersion} du dossier ${dossier.reference} est introuvable.`);
  return effectContext(rt, { id: outbox.id, createdAt: outbox.createdAt }, dossier, definition, owner, env);
}
