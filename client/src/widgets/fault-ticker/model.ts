import type { DeviceKind, EffectiveStatus, FaultEvent } from '@futian/shared';

/**
 * The fault ticker's pure parts. The scroll clock is decoupled from data arrival:
 * the list moves at a constant speed over a stable, keyed list of rows; new events
 * wait in a bounded queue and join at the end only when the tail is about to come
 * into view. A burst therefore lengthens the queue, never the speed or the jump.
 */

/** Rows a ticker holds at most in its queue; beyond this the oldest waiting are dropped and counted. */
export const QUEUE_MAX = 40;

export class TickerQueue {
  private lastId = Number.NEGATIVE_INFINITY;
  private waiting: FaultEvent[] = [];
  /** Events that arrived faster than the ticker can show them, since start. */
  dropped = 0;

  constructor(private readonly max = QUEUE_MAX) {}

  /**
   * Accepts the store's newest-first list (bounded by the server) and queues, in
   * time order, the events not seen before. Ids are monotonic per server, so
   * "newer than the last seen id" is exact even when the list is re-sent whole.
   */
  offer(newestFirst: readonly FaultEvent[]): number {
    const fresh: FaultEvent[] = [];
    for (const e of newestFirst) {
      if (e.id <= this.lastId) break;
      fresh.push(e);
    }
    if (fresh.length === 0) return 0;
    this.lastId = fresh[0]!.id;
    fresh.reverse();
    this.waiting.push(...fresh);
    const over = this.waiting.length - this.max;
    if (over > 0) {
      this.waiting.splice(0, over);
      this.dropped += over;
    }
    return fresh.length;
  }

  /** Marks everything up to these events as seen without queueing (the initial fill). */
  seed(newestFirst: readonly FaultEvent[]): void {
    const top = newestFirst[0];
    if (top && top.id > this.lastId) this.lastId = top.id;
  }

  take(): FaultEvent | undefined {
    return this.waiting.shift();
  }

  get length(): number {
    return this.waiting.length;
  }
}

/** The newest events that fill a viewport, oldest first (the ticker's initial rows). */
export function initialRows(newestFirst: readonly FaultEvent[], fit: number): FaultEvent[] {
  return newestFirst.slice(0, Math.max(0, fit)).reverse();
}

export interface ScrollState {
  /** px the list has scrolled up past its first row's top. */
  offset: number;
  rows: number;
}

export interface Plan {
  /** Rows scrolled out at the top, to be removed now. */
  removeTop: number;
  /** One queued row should join at the end now. */
  append: boolean;
  /** Offset after removing those rows: the same picture, measured from the new first row. */
  offset: number;
  /** Where the scroll stops unless more rows join: the list's end at the viewport's bottom. */
  reach: number;
}

/**
 * The ticker's housekeeping, run a few times a second (the motion itself is a
 * linear compositor animation from offset to reach at a constant px/s, so no
 * script runs per frame). A queued row joins while the tail is still `leadPx`
 * below the viewport, which must exceed one housekeeping interval of travel:
 * then the animation's end is always pushed further before it is reached, and
 * the list never pauses or restarts while rows are waiting.
 */
export function plan(s: ScrollState, p: { rowPx: number; viewportPx: number; queued: number; leadPx: number }): Plan {
  let removeTop = 0;
  let offset = Math.max(0, s.offset);
  while (offset >= p.rowPx && removeTop < s.rows) {
    offset -= p.rowPx;
    removeTop++;
  }
  const rows = s.rows - removeTop;
  const tail = rows * p.rowPx - (offset + p.viewportPx);
  const append = p.queued > 0 && tail < p.rowPx + p.leadPx;
  const reach = Math.max(offset, (rows + (append ? 1 : 0)) * p.rowPx - p.viewportPx);
  return { removeTop, append, offset, reach };
}

/** Offset of a linear scroll from `from` toward `to` at `speed` px/s, `elapsedMs` after it started. */
export function offsetAt(from: number, to: number, speed: number, elapsedMs: number): number {
  return Math.min(to, from + (speed * Math.max(0, elapsedMs)) / 1000);
}

export interface RowVM {
  id: number;
  time: string;
  kind: DeviceKind;
  deviceId: string;
  scope: string;
  from: EffectiveStatus;
  to: EffectiveStatus;
  /** A recovery (→ online) reads differently from a new fault. */
  recovery: boolean;
}

const timeFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** A row as printed: Beijing time, so the text never changes while it scrolls. */
export function rowVM(e: FaultEvent, scopeName: (scope: string) => string): RowVM {
  return {
    id: e.id,
    time: timeFmt.format(e.ts),
    kind: e.kind,
    deviceId: e.deviceId,
    scope: scopeName(e.scope),
    from: e.from,
    to: e.to,
    recovery: e.to === 'online',
  };
}
