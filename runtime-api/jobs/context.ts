import { effectContext, type EffectContext } from '../effects';
import type { Runtime } from '../runtime';
import { readDossier } from '../dossiers';
import type { OutboxRow } from '../store';

/**
 * Loads the context of an outbox effect, outside any transaction (the catalogue may read the
 * database, which on SQLite must not happen inside a write). Null when the dossier no longer exists.
 */
export async function outboxContext(rt: Runtime, outbox: OutboxRow, env: NodeJS.ProcessEnv): Promise<EffectContext | null> {
  const found = await rt.db.read((m) => readDossier(m, outbox.dossierId));
  if (!found) return null;
  const { row: dossier, owner } = found;
  const definition = await rt.catalogue.version(dossier.demarcheId, dossier.demarcheVersion);
  if (!definition) throw new Error(`La démarche « ${dossier.demarcheId} » version ${dossier.demarcheVersion} du dossier ${dossier.reference} est introuvable.`);
  return effectContext(rt, { id: outbox.id, createdAt: outbox.createdAt }, dossier, definition, owner, env);
}
