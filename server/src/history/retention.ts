import type { Retention } from '../config/config.js';
import type { Logger } from '../platform/logger.js';
import type { Store } from '../store/types.js';

/**
 * Deletes expired history in small slices with a yield between them, so pruning
 * a day's backlog never holds the event loop (and with it, ingest) for more than
 * one slice, a few milliseconds.
 */
export class Pruner {
  private running = false;
  deletedTotal = 0;

  constructor(
    private readonly store: Store,
    private readonly retention: Retention,
    private readonly now: () => number,
    private readonly log: Logger,
    private readonly slice = 2000,
  ) {}

  async run(maxSlices = 500): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let deleted = 0;
    try {
      const t = this.now();
      const cutoffs = {
        raw: t - this.retention.rawMs,
        samples: t - this.retention.rawMs,
        rollup1m: t - this.retention.rollup1mMs,
        rollup1h: t - this.retention.rollup1hMs,
      };
      for (let i = 0; i < maxSlices; i++) {
        const n = await this.store.prune(cutoffs, this.slice);
        deleted += n;
        if (n < this.slice) break;
        await new Promise<void>((r) => setImmediate(r));
      }
    } catch (err) {
      this.log.error({ err }, 'prune failed');
    } finally {
      this.running = false;
    }
    this.deletedTotal += deleted;
    if (deleted > 0) this.log.info({ deleted }, 'history pruned');
    return deleted;
  }
}
