import type { Clock } from './clock';
import type { Config } from './config';
import type { Catalogue } from './demarches/catalogue';
import type { Logger } from './log';
import type { Database } from './store/database';

/** The work of one of the background jobs. */
export type JobWork = 'timers' | 'effects';

/** Everything a request handler or a job needs, built once when the server starts. */
export interface Runtime {
  config: Config;
  db: Database;
  clock: Clock;
  catalogue: Catalogue;
  log: Logger;
  /** Draws a new dossier reference (random; tests draw their own to make two collide). */
  newReference(demarcheId: string, at: Date): string;
  /**
   * Wakes a background job after a commit that left it work due now (effects for the outbox
   * dispatcher, a timer already due for the scheduler), rather than leaving it to the next poll.
   */
  kick(work: JobWork): void;
}
