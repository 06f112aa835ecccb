import type { Demarche } from '../../engine';
import type { Runtime } from '../runtime';
import type { DossierRow, UserRow } from '../store';
import { templateScope } from './render';

/** Where an effect comes from: its outbox row, or the transition that runs it at once. Its id seeds the ids of what it creates. */
export interface EffectOrigin {
  id: string;
  /** When the transition asked for it: letters speak from that moment, not from a retry hours later. */
  createdAt: string;
  /**
   * Run inside the transition's own transaction: it runs once, on the dossier as just written, so
   * it need neither look for what a previous run created nor read the dossier again.
   */
  inTransition?: boolean;
}

/** What an effect needs to run: its origin, its dossier with the démarche version it runs on, the citizen, the template scope. */
export interface EffectContext {
  rt: Runtime;
  origin: EffectOrigin;
  dossier: DossierRow;
  definition: Demarche;
  owner: UserRow | null;
  scope: Record<string, unknown>;
  /** The time now (for what the effect writes). */
  now: string;
  /** Where callouts find their URLs (GUICHET_CALLOUT_<SERVICE>_URL). */
  env: NodeJS.ProcessEnv;
}

export function effectContext(
  rt: Runtime, origin: EffectOrigin, dossier: DossierRow, definition: Demarche, owner: UserRow | null, env: NodeJS.ProcessEnv,
): EffectContext {
  const scope = templateScope({ definition, dossier, owner, commune: rt.config.commune, now: origin.createdAt });
  return { rt, origin, dossier, definition, owner, scope, now: rt.clock.now().toISOString(), env };
}
