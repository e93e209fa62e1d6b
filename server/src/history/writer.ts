import type { Logger } from '../platform/logger.js';
import type { SampleRow, Store, TransitionRow, RollupRow, RollupTier } from '../store/types.js';
import { RollupAccumulator } from './rollup.js';

/**
 * Batches derived history (transitions, 10-second samples, rollups) and writes it
 * in one transaction per flush. Raw reports are not written here: they are
 * committed by the ingest request itself, because a 202 promises they are stored.
 * Derived rows can be recomputed from raw reports, so losing the last second of
 * them on a crash is acceptable; losing an accepted report is not.
 */
export class HistoryWriter {
  private transitions: TransitionRow[] = [];
  private samples: SampleRow[] = [];
  private rollups: Array<{ tier: RollupTier; row: RollupRow }> = [];
  private readonly acc = new RollupAccumulator();
  private flushing: Promise<void> | null = null;
  /** Open buckets are re-written only when a sample moved them. */
  private openDirty = false;
  /** Bounded: if the store stalls, the oldest derived rows are dropped and counted. */
  private readonly maxPending = 200_000;
  dropped = 0;
  written = 0;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
  ) {}

  transition(t: TransitionRow): void {
    this.transitions.push(t);
    this.bound();
  }

  sample(s: SampleRow): void {
    this.samples.push(s);
    this.acc.add(s, this.rollups);
    this.openDirty = true;
    this.bound();
  }

  get pending(): number {
    return this.transitions.length + this.samples.length + this.rollups.length;
  }

  async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    const batch = {
      transitions: this.transitions,
      samples: this.samples,
      rollups: this.openDirty ? [...this.rollups, ...this.acc.openRows()] : this.rollups,
    };
    this.openDirty = false;
    this.transitions = [];
    this.samples = [];
    this.rollups = [];
    const n = batch.transitions.length + batch.samples.length + batch.rollups.length;
    if (n === 0) return;
    this.flushing = this.store
      .writeHistory(batch)
      .then(() => {
        this.written += n;
      })
      .catch((err: unknown) => {
        this.log.error({ err, rows: n }, 'history flush failed; derived rows dropped');
        this.dropped += n;
      })
      .finally(() => {
        this.flushing = null;
      });
    return this.flushing;
  }

  private bound(): void {
    const over = this.pending - this.maxPending;
    if (over <= 0) return;
    const cut = Math.min(over, this.transitions.length);
    this.transitions.splice(0, cut);
    this.dropped += cut;
  }
}
