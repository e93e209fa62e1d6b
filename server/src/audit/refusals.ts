import type { Clock } from '../platform/clock.js';
import type { AuditLog } from './log.js';

interface Window {
  actor: string;
  action: string;
  address: string;
  reason: string;
  first: number;
  last: number;
  count: number;
}

/**
 * Refusals are audited in aggregate: one row per actor, action, address and
 * window, with a count. A thousand refused attempts from one address are one
 * row an auditor can read, not a thousand rows that bury the trail, and an
 * unenrolled client cannot grow the database by being refused.
 */
export class AuditRefusals {
  private readonly open = new Map<string, Window>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly windowMs: number,
  ) {
    this.timer = setInterval(() => void this.flush(false), Math.min(windowMs, 10_000));
    this.timer.unref?.();
  }

  note(actor: string, action: string, address: string, reason: string): void {
    const key = `${actor}\u0000${action}\u0000${address}`;
    const now = this.clock.now();
    const w = this.open.get(key);
    if (w) {
      w.count++;
      w.last = now;
      return;
    }
    this.open.set(key, { actor, action, address, reason, first: now, last: now, count: 1 });
  }

  /** Writes the windows that have closed, or all of them (at shutdown). */
  async flush(all: boolean): Promise<void> {
    const now = this.clock.now();
    for (const [key, w] of this.open) {
      if (!all && now - w.first < this.windowMs) continue;
      this.open.delete(key);
      await this.audit.record(w.actor, w.action, [], {
        outcome: 'refused',
        reason: w.reason,
        address: w.address,
        count: w.count,
        from: w.first,
        to: w.last,
      });
    }
  }

  async dispose(): Promise<void> {
    clearInterval(this.timer);
    await this.flush(true);
  }
}
