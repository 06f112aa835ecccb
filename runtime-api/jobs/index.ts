/** Work done after commit, inside the server process: firing due timers, running the outbox's effects. */
import type { Runtime } from '../runtime';

/** The background loops of one server process. */
export interface Jobs {
  /** Starts polling. */
  start(): void;
  /** Stops polling and waits for the work under way. */
  stop(): Promise<void>;
  /** Something was committed: look for work now rather than at the next poll. */
  kick(): void;
  /** Runs everything due now, once, and resolves when done (tests move the clock, then call this). */
  runDue(): Promise<void>;
}

export function createJobs(_rt: Runtime): Jobs {
  return { start: () => undefined, stop: async () => undefined, kick: () => undefined, runDue: async () => undefined };
}
