import type { Logger } from '../platform/logger.js';
import type { AuditRepo } from '../store/audit-types.js';
import { SYSTEM_ACTOR, type AuditLog } from './log.js';

/**
 * Removes audit rows past the retention period, oldest first, a batch per
 * transaction with a yield between, so a year's backlog never holds the event
 * loop for more than one batch. Each batch moves the anchor (the last pruned
 * row's id and hash) in the same transaction: verification of what remains
 * starts from it. The database itself refuses to delete anything younger.
 */
export class AuditPruner {
  private running = false;
  deletedTotal = 0;

  constructor(
    private readonly repo: AuditRepo,
    private readonly audit: AuditLog,
    private readonly retentionMs: number,
    private readonly now: () => number,
    private readonly log: Logger,
    private readonly batch = 2000,
  ) {}

  /**
   * Writes the configured retention where the database's delete trigger reads
   * it. A changed period is itself audited: an assessor asks when and to what.
   */
  async init(): Promise<void> {
    const before = await this.repo.setRetention(this.retentionMs);
    if (before !== this.retentionMs) {
      await this.audit.record(SYSTEM_ACTOR, {
        action: 'audit.retention',
        target: 'audit',
        outcome: 'ok',
        detail: { retentionDays: this.retentionMs / 86_400_000, previousDays: before === null ? null : before / 86_400_000 },
      });
    }
  }

  async run(maxBatches = 500): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let deleted = 0;
    try {
      const cutoff = this.now() - this.retentionMs;
      for (let i = 0; i < maxBatches; i++) {
        const n = await this.repo.prune(cutoff, this.batch);
        deleted += n;
        if (n < this.batch) break;
        await new Promise<void>((r) => setImmediate(r));
      }
    } catch (err) {
      this.log.error({ err }, 'audit prune failed');
    } finally {
      this.running = false;
    }
    this.deletedTotal += deleted;
    if (deleted > 0) {
      const anchor = await this.repo.anchor();
      this.log.info({ deleted, anchor }, 'audit pruned');
    }
    return deleted;
  }
}
