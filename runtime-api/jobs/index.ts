/**
 * Work done after commit, inside the server process: firing due timers, running the outbox's
 * effects, and erasing what has been kept long enough.
 */
import type { JobWork, Runtime } from '../runtime';
import { runDueEffects } from './dispatcher';
import { eraseExpired } from './erasure';
import { fireDueTimers } from './scheduler';
import { jobsSettings, type JobsSettings } from './settings';

export { DEFAULT_BACKOFF_MS, type JobsSettings } from './settings';

/** The background loops of one server process. */
export interface Jobs {
  /** Starts polling. */
  start(): void;
  /** Stops polling and waits for the work under way. */
  stop(): Promise<void>;
  /** A commit left work due now for one of the jobs: look for it now rather than at the next poll. */
  kick(work: JobWork): void;
  /** Runs everything due now, once, and resolves when done (tests move the clock, then call this). */
  runDue(): Promise<void>;
}

/** Which of the jobs a pass looks at. */
type Wanted = Record<JobWork, boolean>;

const EVERYTHING: Wanted = { timers: true, effects: true };

/**
 * The timer scheduler, the outbox dispatcher and the erasure of one process. Several processes
 * (or several of these on one database) may run side by side: rows are claimed with a lease (see
 * claim.ts), so that each timer fires once and each effect runs once at a time; erasing twice
 * erases nothing more.
 *
 * Passes never overlap within one instance: a kick during a pass asks for one more pass after it.
 * A kick names the job it has work for, so that a transition which queued an effect does not
 * also make the scheduler look for timers (each look is a transaction).
 */
export function createJobs(rt: Runtime, overrides: Partial<JobsSettings> = {}): Jobs {
  const settings = jobsSettings(overrides);
  let started = false;
  let poll: NodeJS.Timeout | null = null;
  let kickTimer: NodeJS.Timeout | null = null;
  let kicked: Wanted = { timers: false, effects: false };
  let chain: Promise<void> = Promise.resolve();
  let queued: { promise: Promise<void>; wanted: Wanted } | null = null;
  let nextErasureAt = 0;

  /**
   * Timers first, as long as some fire (firing one queues its effects, and may arm a timer due
   * at once); then effects, as long as a whole batch comes back (effects queue no further work);
   * last, every `erasureEveryMs` of the runtime's clock (and at start), the erasure, which nobody
   * waits for.
   */
  async function drain(wanted: Wanted): Promise<void> {
    let effects = wanted.effects;
    if (wanted.timers) {
      while ((await fireDueTimers(rt, settings)) > 0) effects = true;
    }
    if (effects) {
      let ran: number;
      do ran = await runDueEffects(rt, settings);
      while (ran >= settings.batchSize);
    }
    const now = rt.clock.now().getTime();
    if (now >= nextErasureAt) {
      nextErasureAt = now + settings.erasureEveryMs;
      await eraseExpired(rt);
    }
  }

  function pass(wanted: Wanted): Promise<void> {
    if (queued) {
      // A pass not started yet will see the new work too.
      queued.wanted.timers ||= wanted.timers;
      queued.wanted.effects ||= wanted.effects;
      return queued.promise;
    }
    const mine = { ...wanted };
    const promise = chain.then(() => {
      queued = null;
      return drain(mine);
    });
    queued = { promise, wanted: mine };
    chain = promise.catch(() => undefined);
    return promise;
  }

  function inBackground(wanted: Wanted): void {
    pass(wanted).catch((e) => rt.log.error('Tâches de fond en échec', { error: e instanceof Error ? e.stack : String(e) }));
  }

  return {
    start() {
      if (started) return;
      started = true;
      poll = setInterval(() => inBackground(EVERYTHING), settings.pollMs);
      poll.unref();
      inBackground(EVERYTHING);
    },
    async stop() {
      started = false;
      if (poll) clearInterval(poll);
      if (kickTimer) clearTimeout(kickTimer);
      poll = kickTimer = null;
      await chain;
    },
    kick(work) {
      if (!started) return;
      kicked[work] = true;
      if (kickTimer) return;
      // Kicks come from inside the committing transaction: look a moment later, once it has
      // committed, for the work of every kick received meanwhile.
      kickTimer = setTimeout(() => {
        kickTimer = null;
        const wanted = kicked;
        kicked = { timers: false, effects: false };
        if (started) inBackground(wanted);
      }, 10);
      kickTimer.unref();
    },
    runDue: () => pass(EVERYTHING),
  };
}
