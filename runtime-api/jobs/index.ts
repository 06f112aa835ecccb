/** Work done after commit, inside the server process: firing due timers, running the outbox's effects. */
import type { Runtime } from '../runtime';
import { runDueEffects } from './dispatcher';
import { fireDueTimers } from './scheduler';
import { jobsSettings, type JobsSettings } from './settings';

export { DEFAULT_BACKOFF_MS, type JobsSettings } from './settings';

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

/**
 * The timer scheduler and the outbox dispatcher of one process. Several processes (or several
 * of these on one database) may run side by side: rows are claimed with a lease (see claim.ts),
 * so that each timer fires once and each effect runs once at a time.
 *
 * Passes never overlap within one instance: a kick during a pass asks for one more pass after it.
 */
export function createJobs(rt: Runtime, overrides: Partial<JobsSettings> = {}): Jobs {
  const settings = jobsSettings(overrides);
  let started = false;
  let poll: NodeJS.Timeout | null = null;
  let kickTimer: NodeJS.Timeout | null = null;
  let chain: Promise<void> = Promise.resolve();
  let queued: Promise<void> | null = null;

  /** Timers first (firing them queues effects), then effects, until neither has anything due. */
  async function drain(): Promise<void> {
    for (;;) {
      const fired = await fireDueTimers(rt, settings);
      const ran = await runDueEffects(rt, settings);
      if (fired === 0 && ran === 0) return;
    }
  }

  function pass(): Promise<void> {
    if (queued) return queued; // a pass not started yet will see the new work too
    const next = chain.then(() => {
      queued = null;
      return drain();
    });
    queued = next;
    chain = next.catch(() => undefined);
    return next;
  }

  function inBackground(): void {
    pass().catch((e) => rt.log.error('Tâches de fond en échec', { error: e instanceof Error ? e.stack : String(e) }));
  }

  return {
    start() {
      if (started) return;
      started = true;
      poll = setInterval(inBackground, settings.pollMs);
      poll.unref();
      inBackground();
    },
    async stop() {
      started = false;
      if (poll) clearInterval(poll);
      if (kickTimer) clearTimeout(kickTimer);
      poll = kickTimer = null;
      await chain;
    },
    kick() {
      // Kicks come from inside the committing transaction: look a moment later, once it has committed.
      if (!started || kickTimer) return;
      kickTimer = setTimeout(() => {
        kickTimer = null;
        if (started) inBackground();
      }, 10);
      kickTimer.unref();
    },
    runDue: pass,
  };
}
