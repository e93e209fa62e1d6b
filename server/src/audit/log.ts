import type { AuditEntry } from '@futian/shared';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { OpsRepo } from '../store/ops-types.js';

/**
 * The audit trail: every console action, who did it, when, and which screens it
 * touched. Persisted before listeners (the console's live audit view) hear of it.
 */
export class AuditLog {
  private readonly listeners = new Set<(e: AuditEntry) => void>();

  constructor(
    private readonly repo: OpsRepo,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  async record(user: string, action: string, screens: string[], detail: Record<string, unknown> = {}): Promise<AuditEntry> {
    const e = await this.repo.insertAudit({ ts: this.clock.now(), user, action, screens, detail });
    this.log.info({ audit: e.id, user, action, screens }, 'console action');
    for (const fn of this.listeners) fn(e);
    return e;
  }

  list(before: number | null, limit: number): Promise<AuditEntry[]> {
    return this.repo.listAudit(before, Math.min(Math.max(limit, 1), 500));
  }

  onRecord(fn: (e: AuditEntry) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
