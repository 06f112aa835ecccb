import type { Clock } from './clock';
import type { Config } from './config';
import type { Catalogue } from './demarches/catalogue';
import type { Logger } from './log';
import type { Database } from './store/database';

/** Everything a request handler or a job needs, built once when the server starts. */
export interface Runtime {
  config: Config;
  db: Database;
  clock: Clock;
  catalogue: Catalogue;
  log: Logger;
  /** Wakes the outbox dispatcher after a commit, so that effects run at once rather than at the next poll. */
  kick(): void;
}
