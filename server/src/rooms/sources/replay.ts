import type { ReplayMeta } from '@futian/shared';
import type { RawReportRow, Store } from '../../store/types.js';
import type { Room, RoomSource } from '../room.js';

const PAGE = 5000;

/**
 * Feeds a replay room from stored raw reports on its virtual clock: each
 * driver tick moves virtual time by `tickMs × speed` and applies the reports
 * that are now due, in (ts, device) order, paging through the store.
 */
export class StoredReportsFeed implements RoomSource {
  private after: { ts: number; device: number } | null = null;
  /** Reports fetched but not yet due at the current virtual time. */
  private pending: RawReportRow[] = [];

  constructor(
    private readonly d: {
      store: Store;
      /** The replay's metadata, shared with its service: `state` and `cursor` move here. */
      meta: ReplayMeta;
      tickMs: number;
      /** Called once when the range is done or the store failed. */
      onEnd: (state: 'finished' | 'stopped', err?: unknown) => void;
    },
  ) {}

  async step(room: Room): Promise<void | 'ended'> {
    const { meta } = this.d;
    if (meta.state !== 'running') return 'ended';
    try {
      const target = Math.min(meta.to, room.clock.now() + this.d.tickMs * meta.speed);
      for (;;) {
        if (this.pending.length === 0) {
          this.pending = await this.d.store.reportsPage(meta.from, meta.to, this.after, PAGE);
          const last = this.pending.at(-1);
          if (last) this.after = { ts: last.ts, device: last.device };
          if (this.pending.length === 0) break;
        }
        let i = 0;
        for (; i < this.pending.length && this.pending[i]!.ts < target; i++) {
          const row = this.pending[i]!;
          room.advanceTo(row.ts);
          room.observeRow(row, row.ts, true);
        }
        this.pending = this.pending.slice(i);
        if (this.pending.length > 0) break;
      }
      room.advanceTo(target);
      meta.cursor = target;
      room.pipeline.publisher.setReplay({ ...meta });
      if (target >= meta.to && this.pending.length === 0) {
        this.d.onEnd('finished');
        return 'ended';
      }
      return undefined;
    } catch (err) {
      this.d.onEnd('stopped', err);
      return 'ended';
    }
  }
}
