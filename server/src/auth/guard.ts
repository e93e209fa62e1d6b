/**
 * The login guard: counts an attempt BEFORE the password is checked, so
 * concurrent guesses cannot get around the limit (the old throttle was read
 * before the scrypt check and written after it, and 40 parallel guesses were
 * all checked).
 *
 * Budgets, each with FREE attempts and then a doubling wait:
 * - a known device (a `wall_device` cookie signed by this server after a
 *   successful sign-in to this account) has a budget of its own, and nothing
 *   else counts against it: nobody elsewhere, nor on the same address, can
 *   slow the right user at their own desk;
 * - any other attempt counts against (account, address), the address (spraying
 *   many accounts) and the account as a whole (guessing from many addresses:
 *   a slowdown capped at one minute, never a lockout).
 *
 * While attempts are in flight they count as failures; beyond FREE only one
 * probe at a time may run, and only once its wait is over.
 */
export interface Budget {
  free: number;
  maxDelayMs: number;
  /** A failure older than this is forgotten. */
  windowMs: number;
}

export const BUDGETS = {
  device: { free: 5, maxDelayMs: 60_000, windowMs: 15 * 60_000 },
  pair: { free: 3, maxDelayMs: 5 * 60_000, windowMs: 15 * 60_000 },
  address: { free: 10, maxDelayMs: 5 * 60_000, windowMs: 15 * 60_000 },
  account: { free: 10, maxDelayMs: 60_000, windowMs: 15 * 60_000 },
} satisfies Record<string, Budget>;

interface Entry {
  budget: Budget;
  failures: number;
  inflight: number;
  last: number;
  blockedUntil: number;
}

export interface Ticket {
  keys: Array<{ key: string; budget: Budget }>;
}

export type Reservation = { ok: true; ticket: Ticket } | { ok: false; retryAfterMs: number };

const MAX_KEYS = 20_000;

/** The keys an attempt counts against. */
export function attemptKeys(account: string, address: string, device: string | null): Ticket['keys'] {
  const a = account.toLowerCase();
  if (device) return [{ key: `d:${device}\u0000${a}`, budget: BUDGETS.device }];
  return [
    { key: `p:${a}\u0000${address}`, budget: BUDGETS.pair },
    { key: `a:${address}`, budget: BUDGETS.address },
    { key: `u:${a}`, budget: BUDGETS.account },
  ];
}

export function backoffMs(b: Budget, failures: number): number {
  const over = failures - b.free + 1;
  return over <= 0 ? 0 : Math.min(b.maxDelayMs, 1000 * 2 ** over);
}

export class LoginGuard {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Reserves an attempt on every key, or says how long to wait. Synchronous: nothing can interleave. */
  reserve(keys: Ticket['keys']): Reservation {
    const t = this.now();
    let wait = 0;
    for (const { key, budget } of keys) {
      const e = this.fresh(key, budget, t);
      if (!e) continue;
      const used = e.failures + e.inflight;
      if (used < budget.free) continue;
      // Past the free attempts: one probe at a time, after the wait.
      if (e.inflight > 0) wait = Math.max(wait, 1000);
      else if (e.blockedUntil > t) wait = Math.max(wait, e.blockedUntil - t);
    }
    if (wait > 0) return { ok: false, retryAfterMs: wait };
    for (const { key, budget } of keys) {
      const e = this.fresh(key, budget, t) ?? { budget, failures: 0, inflight: 0, last: t, blockedUntil: 0 };
      e.inflight++;
      this.entries.delete(key);
      this.entries.set(key, e);
    }
    this.bound();
    return { ok: true, ticket: { keys } };
  }

  /** Ends a reserved attempt. A success clears its keys; a failure counts and sets the wait. */
  settle(ticket: Ticket, ok: boolean): void {
    const t = this.now();
    for (const { key, budget } of ticket.keys) {
      const e = this.entries.get(key);
      if (!e) continue;
      e.inflight = Math.max(0, e.inflight - 1);
      if (ok) {
        // The address budget is shared with others on that address: a success there proves nothing about them.
        if (!key.startsWith('a:')) e.failures = 0;
        e.blockedUntil = 0;
      } else {
        e.failures++;
        e.last = t;
        e.blockedUntil = t + backoffMs(budget, e.failures);
      }
      if (e.failures === 0 && e.inflight === 0) this.entries.delete(key);
    }
  }

  /** An attempt that never reached the check (bad input, a busy queue): releases without counting. */
  release(ticket: Ticket): void {
    for (const { key } of ticket.keys) {
      const e = this.entries.get(key);
      if (!e) continue;
      e.inflight = Math.max(0, e.inflight - 1);
      if (e.failures === 0 && e.inflight === 0) this.entries.delete(key);
    }
  }

  private fresh(key: string, budget: Budget, t: number): Entry | undefined {
    const e = this.entries.get(key);
    if (e && e.inflight === 0 && t - e.last > budget.windowMs && e.blockedUntil <= t) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private bound(): void {
    // Oldest first; never an entry with an attempt in flight.
    for (const [k, e] of this.entries) {
      if (this.entries.size <= MAX_KEYS) break;
      if (e.inflight === 0) this.entries.delete(k);
    }
  }
}
