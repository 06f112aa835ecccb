import { clearLoginFailures, recentLoginFailures, recordLoginFailure, type Database } from '../store';

/**
 * Wrong passwords counted per key (an address, an account) in a sliding window. The count is kept
 * in the database: with several server processes (WORKERS) or several servers on one database, a
 * guesser spreading attempts over them meets the same limit.
 */
export class LoginThrottle {
  constructor(private readonly db: Database, private readonly max: number, private readonly windowMs: number) {}

  /** Seconds to wait before the next attempt under any of `keys`, or 0 when one is allowed now. */
  async retryAfter(keys: string[], now: number): Promise<number> {
    const since = new Date(now - this.windowMs).toISOString();
    const recent = await this.db.read((m) => Promise.all(keys.map((key) => recentLoginFailures(m, key, since, this.max))));
    // With `max` failures in the window, the next attempt waits until the oldest of them leaves it.
    const waits = recent.filter((ats) => ats.length >= this.max).map((ats) => Date.parse(ats[ats.length - 1]) + this.windowMs - now);
    return waits.length === 0 ? 0 : Math.ceil(Math.max(...waits) / 1000);
  }

  async recordFailure(keys: string[], now: number): Promise<void> {
    const at = new Date(now).toISOString();
    await this.db.write((m) => recordLoginFailure(m, keys, at, new Date(now - this.windowMs).toISOString()));
  }

  async reset(key: string): Promise<void> {
    await this.db.write((m) => clearLoginFailures(m, key));
  }
}
