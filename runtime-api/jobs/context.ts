import type { Demarche } from '../../engine';
import type { Runtime } from '../runtime';
import { Dossier, findUserById, type DossierRow, type OutboxRow, type UserRow } from '../store';
import { templateScope } from './render';

/** What an effect needs to run: its row, its dossier with the démarche version it runs on, the citizen, the template scope. */
export interface EffectContext {
  rt: Runtime;
  outbox: OutboxRow;
  dossier: DossierRow;
  definition: Demarche;
  owner: UserRow | null;
  scope: Record<string, unknown>;
  /** The time now (for what the effect writes). */
  now: string;
  /** Where callouts find their URLs (GUICHET_CALLOUT_<SERVICE>_URL). */
  env: NodeJS.ProcessEnv;
}

/**
 * Loads an effect's context, outside any transaction: the catalogue reads the database itself,
 * which on SQLite must not happen inside a write. Null when the dossier no longer exists.
 */
export async function effectContext(rt: Runtime, outbox: OutboxRow, env: NodeJS.ProcessEnv): Promise<EffectContext | null> {
  const dossier = await rt.db.read((m) => m.findOneBy(Dossier, { id: outbox.dossierId }));
  if (!dossier) return null;
  const definition = await rt.catalogue.version(dossier.demarcheId, dossier.demarcheVersion);
  if (!definition) throw new Error(`La démarche « ${dossier.demarcheId} » version ${dossier.demarcheVersion} du dossier ${dossier.reference} est introuvable.`);
  const owner = await rt.db.read((m) => findUserById(m, dossier.ownerId));
  // Letters speak from the moment of the transition that asked for them, not from a retry hours later.
  const scope = templateScope({ definition, dossier, owner, commune: rt.config.commune, now: outbox.createdAt });
  return { rt, outbox, dossier, definition, owner, scope, now: rt.clock.now().toISOString(), env };
}
