import type { ReplayMeta } from '@futian/shared';
import type { RawReportRow, Store } from '../../store/types.js';
import type { Room, RoomSource } from '../room.js';

/**
 * Rows per store read. A read is synchronous on SQLite and cannot be cut, so
 * it is kept small enough (about a millisecond) to sit inside one slice.
 */
const PAGE = 1000;
/** Real time one slice of a step may take before it gives the event loop back. */
export const SLICE_MS = 5;
/** Rows applied between clock checks: reading the clock per row would cost more than the rows. */
const CHECK_EVERY = 32;

/** Lets timers, sockets and ingest run before the next slice (setImmediate runs after pending I/O). */
const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Feeds a replay room from stored raw reports on its virtual clock: each
 * driver tick moves virtual time by `tickMs × speed` and applies the reports
 * that are now due, in (ts, device) order, paging through the store.
 *
 * A step works in slices of at most `SLICE_MS` and yields between them
 * (issue #41: four replays at 3,600× each applied ~470,000 rows per tick in
 * one synchronous run and froze the live room for seconds). A replay that
 * cannot keep its speed therefore runs slower instead of stalling the live
 * wall; the driver skips ticks while a step is still running.
 */
export class StoredReportsFeed implements RoomSource {
  private after: { ts: number; device: number } | null = null;
  /** Reports fetched but not yet due at the current virtual time, from `pos` on. */
  private pending: RawReportRow[] = [];
  private pos = 0;

  constructor(
    private readonly d: {
      store: Store;
      /** The replay's metadata, shared with its service: `state` and `cursor` move here. */
      meta: ReplayMeta;
      tickMs: number;
      /** Called once when the range is done or the store failed. */
      onEnd: (state: 'finished' | 'stopped', err?: unknown) => void;
      /** Real ms per slice; tests shrink it. */
      sliceMs?: number;
    },
  ) {}

  async step(room: Room): Promise<void | 'ended'> {
    const { meta } = this.d;
    const sliceMs = this.d.sliceMs ?? SLICE_MS;
    if (meta.state !== 'running') return 'ended';
    try {
      const target = Math.min(meta.to, room.clock.now() + this.d.tickMs * meta.speed);
      let sliceEnd = performance.now() + sliceMs;
      for (;;) {
        if (this.pos >= this.pending.length) {
          this.pending = await this.d.store.reportsPage(meta.from, meta.to, this.after, PAGE);
          this.pos = 0;
          const last = this.pending.at(-1);
          if (last) this.after = { ts: last.ts, device: last.device };
          if (this.pending.length === 0) break;
        }
        let n = 0;
        while (this.pos < this.pending.length && this.pending[this.pos]!.ts < target) {
          const row = this.pending[this.pos++]!;
          room.advanceTo(row.ts);
          room.observeRow(row, row.ts, true);
          if (++n % CHECK_EVERY === 0 && performance.now() >= sliceEnd) break;
        }
        if (performance.now() >= sliceEnd) {
          // Walls in the room see progress between slices, not only at the end of the step.
          meta.cursor = room.clock.now();
          await yieldTurn();
          // Stopped, or closed with the server, while this step waited its turn.
          if (meta.state !== 'running') return 'ended';
          sliceEnd = performance.now() + sliceMs;
          continue;
        }
        if (this.pos < this.pending.length) break;
      }
      room.advanceTo(target);
      meta.cursor = target;
      room.pipeline.publisher.setReplay({ ...meta });
      if (target >= meta.to && this.pos >= this.pending.length) {
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
