/**
 * Slows repeated login failures. After FREE failures for the same account or the
 * same address within the window, each further attempt must wait 2^(n−FREE) s
 * (capped), and is answered 429 with Retry-After until then. A success clears the
 * account's counter. Memory is bounded: old entries are dropped.
 */
const FREE = 3;
const WINDOW_MS = 15 * 60_000;
const MAX_DELAY_MS = 5 * 60_000;
const MAX_KEYS = 10_000;

interface Entry {
  failures: number;
  last: number;
  blockedUntil: number;
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Ms the caller must still wait for any of these keys, 0 if allowed. */
  retryAfter(keys: string[]): number {
    const t = this.now();
    let wait = 0;
    for (const k of keys) {
      const e = this.entries.get(k);
      if (e && e.blockedUntil > t) wait = Math.max(wait, e.blockedUntil - t);
    }
    return wait;
  }

  fail(keys: string[]): void {
    const t = this.now();
    for (const k of keys) {
      let e = this.entries.get(k);
      if (!e || t - e.last > WINDOW_MS) e = { failures: 0, last: t, blockedUntil: 0 };
      e.failures++;
      e.last = t;
      if (e.failures > FREE) e.blockedUntil = t + Math.min(MAX_DELAY_MS, 1000 * 2 ** (e.failures - FREE - 1));
      this.entries.delete(k);
      this.entries.set(k, e);
    }
    while (this.entries.size > MAX_KEYS) this.entries.delete(this.entries.keys().next().value!);
  }

  succeed(keys: string[]): void {
    for (const k of keys) this.entries.delete(k);
  }
}
