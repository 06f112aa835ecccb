/** How the background jobs pace themselves. Defaults suit production; tests may shorten them. */
export interface JobsSettings {
  /** Time between two looks for due work when nothing kicks the jobs. */
  pollMs: number;
  /** Rows claimed at once. */
  batchSize: number;
  /** How long a claimed row is reserved for the process that claimed it. */
  leaseMs: number;
  /** Waits before the 2nd, 3rd… attempt of a failed effect; after the last one it is dead. */
  backoffMs: number[];
  /** Time between two erasures of what has been kept long enough (closed dossiers past their retention). */
  erasureEveryMs: number;
  /** Where callouts find their URLs (GUICHET_CALLOUT_<SERVICE>_URL). */
  env: NodeJS.ProcessEnv;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** 30 s, 2 min, 10 min, 1 h, 6 h: six attempts over about seven hours, then the effect is dead. */
export const DEFAULT_BACKOFF_MS = [30 * SECOND, 2 * MINUTE, 10 * MINUTE, HOUR, 6 * HOUR];

export function jobsSettings(overrides: Partial<JobsSettings> = {}): JobsSettings {
  return { pollMs: SECOND, batchSize: 50, leaseMs: 2 * MINUTE, backoffMs: DEFAULT_BACKOFF_MS, erasureEveryMs: HOUR, env: process.env, ...overrides };
}

/** The wait after the n-th failure (1-based), or null when there is no further attempt. */
export function backoffAfter(settings: JobsSettings, failures: number): number | null {
  return failures <= settings.backoffMs.length ? settings.backoffMs[failures - 1] : null;
}
