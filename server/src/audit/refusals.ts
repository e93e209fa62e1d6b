import type { Clock } from '../platform/clock.js';
import type { AuditOutcome } from '@futian/shared';
import type { Actor, AuditLog } from './log.js';

interface Window {
  actor: Actor;
  action: string;
  target: string;
  outcome: AuditOutcome;
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

  /**
   * Counts one refusal (or failure) into its window. The key is the actor,
   * address, action and target: one row per account, address and window for
   * failed logins.
   */
  note(actor: Actor, action: string, target: string, reason: string, outcome: AuditOutcome = 'refused'): void {
    const key = [actor.kind, actor.name, actor.address, action, target, outcome].join('\u0000');
    const now = this.clock.now();
    const w = this.open.get(key);
    if (w) {
      w.count++;
      w.last = now;
      return;
    }
    this.open.set(key, { actor, action, target, outcome, reason, first: now, last: now, count: 1 });
  }

  /** Writes the windows that have closed, or all of them (at shutdown). */
  async flush(all: boolean): Promise<void> {
    const now = this.clock.now();
    for (const [key, w] of this.open) {
      if (!all && now - w.first < this.windowMs) continue;
      this.open.delete(key);
      await this.audit.record(w.actor, {
        action: w.action,
        target: w.target,
        outcome: w.outcome,
        detail: { reason: w.reason, count: w.count, from: w.first, to: w.last },
      });
    }
  }

  async dispose(): Promise<void> {
    clearInterval(this.timer);
    await this.flush(true);
  }
}
