import type { DeviceKind, EffectiveStatus, FaultEvent } from '@futian/shared';

/**
 * The fault ticker's pure parts. The ticker's clock is decoupled from data arrival:
 * new events wait in a bounded queue and join a stable, keyed list of rows one at a
 * time, at a fixed cadence (see `step`). A burst therefore lengthens the queue, never
 * the pace or the jump.
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

/**
 * How the ticker moves: one row at a time. A step lets one queued event join below
 * the viewport and slides the list up by that row (an eased Web Animation of
 * transform), then the list rests until the next step is due. Steps come at most one
 * per period, period = row height / speed, so rows join at the pace the old constant
 * crawl had, and a burst only lengthens the queue: never the pace, never a jump.
 *
 * Why steps and not a constant crawl: a resting row is read from across the room,
 * and a rest changes no pixels. A crawl changes pixels in every frame, which a wall
 * without a working GPU (software compositing) pays for in CPU: at 3840×2160 the
 * crawling ticker kept Chromium's GPU process at 20–48 % of a core whenever the
 * infrastructure module was on screen at 10× feeds, against 2 % with the ticker
 * hidden. Steps with 0.8 s slides took 12–26 %, with 0.45 s slides 8–16 %: the cost
 * follows the share of time something moves (docs/PERFORMANCE.md, "The fault ticker").
 * Each frame of a slide costs about 6 ms of a core at 3840×2160 (the ticker's whole
 * viewport is redrawn), so 0.3 s, 18 frames, is the slide ("The turn bar and the slides").
 */
export const SLIDE_MS = 300;
/** A slide takes at most this share of a period, so even a ticker with short rows rests between steps. */
export const MAX_SLIDE_SHARE = 0.6;

export interface Cadence {
  /** ms between steps while anything waits: one row's height at the design speed. */
  periodMs: number;
  /** ms a step's slide takes; 0 under reduced motion (the row then appears in place of the slide). */
  slideMs: number;
}

/** `rowPx` and `speedPx` in CSS px (design px × u), so the pace is the same on every wall size. */
export function cadence(rowPx: number, speedPx: number, reducedMotion = false): Cadence | null {
  if (!(rowPx > 0) || !(speedPx > 0) || !Number.isFinite(rowPx / speedPx)) return null;
  const periodMs = (rowPx / speedPx) * 1000;
  return { periodMs, slideMs: reducedMotion ? 0 : Math.min(SLIDE_MS, periodMs * MAX_SLIDE_SHARE) };
}

export interface ScrollState {
  /** CSS px the list rests scrolled up past its first row's top. */
  offset: number;
  rows: number;
}

export interface StepGeometry {
  rowPx: number;
  viewportPx: number;
  /** Events waiting in the queue. */
  queued: number;
  /** Device pixels per CSS px: rests land on whole device pixels, so resting text is crisp. */
  dpr: number;
}

export interface Step {
  /** Rows scrolled out at the top, to be removed now. */
  removeTop: number;
  /** One queued row joins at the end now. */
  append: boolean;
  /** Offset after removing those rows: the same picture, measured from the new first row. */
  offset: number;
  /** Where the list rests after this step's slide; equal to `offset` when it does not move. */
  target: number;
}

/** Offset at which the last of `rows` rows ends at the viewport's bottom (≤ 0 while they fit). */
export function endOffset(rows: number, g: Pick<StepGeometry, 'rowPx' | 'viewportPx'>): number {
  return rows * g.rowPx - g.viewportPx;
}

/**
 * Gap after a row joined in place (the list does not yet fill the viewport). Nothing
 * moves then, so there is no pace to keep: empty space fills at once, in a quick
 * cascade the eye can follow, instead of one row per period (a burst into a
 * half-empty ticker would otherwise take ten seconds to show).
 */
export const FILL_MS = 150;

/**
 * When the next step may run: one period after the last slide, so slides keep the
 * cadence whatever arrives, and `FILL_MS` after the last in-place join.
 */
export function nextStepAt(c: Cadence, lastSlideAt: number, lastJoinAt: number): number {
  return Math.max(lastSlideAt + c.periodMs, lastJoinAt + FILL_MS);
}

/** Anything left to do: an event waits, or rows below the viewport have not been shown yet. */
export function stepDue(s: ScrollState, g: StepGeometry): boolean {
  return g.queued > 0 || endOffset(s.rows, g) > s.offset + 0.5 / (g.dpr > 0 ? g.dpr : 1);
}

/**
 * One step of the ticker. Rows that scrolled out leave; one queued event joins; the
 * list then slides so the newest row's bottom meets the viewport's bottom, by at
 * most one row (after a resize shows less, the rest is caught up one row per step,
 * never in one jump). While the rows do not fill the viewport, a row joins in place.
 */
export function step(s: ScrollState, g: StepGeometry): Step {
  const dpr = g.dpr > 0 ? g.dpr : 1;
  let removeTop = 0;
  let offset = Math.max(0, s.offset);
  // 1e-6: a rest snapped to device pixels may sit a hair short of a whole row.
  while (g.rowPx > 0 && offset + 1e-6 >= g.rowPx && removeTop < s.rows) {
    offset -= g.rowPx;
    removeTop++;
  }
  offset = Math.max(0, offset);
  const append = g.queued > 0;
  const end = endOffset(s.rows - removeTop + (append ? 1 : 0), g);
  const target = end > offset ? Math.round(Math.min(end, offset + g.rowPx) * dpr) / dpr : offset;
  return { removeTop, append, offset, target: Math.max(offset, target) };
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
