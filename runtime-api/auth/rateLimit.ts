/**
 * Counts attempts per key in a sliding window (login attempts per address and per e-mail).
 * In memory: each server process counts its own, which bounds guessing per process.
 */
export class RateLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(private readonly max: number, private readonly windowMs: number) {}

  /** Seconds to wait before the next attempt, or 0 when one is allowed now. */
  retryAfter(key: string, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < this.max) return 0;
    return Math.ceil((recent[0] + this.windowMs - now) / 1000);
  }

  record(key: string, now: number): void {
    this.attempts.set(key, [...this.recent(key, now), now]);
  }

  reset(key: string): void {
    this.attempts.delete(key);
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.attempts.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (kept.length === 0) this.attempts.delete(key);
    return kept;
  }
}
