/**
 * The scrolling board holds each row still at the top edge, then slides the list up
 * by exactly that row, and so on around a loop: the track holds the list twice and
 * the last slide lands on the second copy's first row, which looks the same as the
 * first copy's, so the loop has no seam.
 *
 * Why hold-and-slide, not a constant crawl: a row standing still is read from across
 * a control room; a crawling one is not. And a crawl changes pixels in every frame,
 * so the compositor redraws the whole wall at 60 fps for as long as the board is on
 * screen. A wall without a working GPU (software compositing, as in a VM or with a
 * blocklisted driver) pays that in CPU: at 3840×2160 the crawling board kept
 * Chromium's GPU process at 90 % of a core (`pnpm bench wall`'s process table).
 * Holding still produces no damage, so no frames. The slides run as a Web
 * Animation of transform, on the compositor: no script, style or layout per frame,
 * so a burst of deltas cannot make the board stutter or change pace.
 */
export interface ScrollPlan {
  /** False when the list fits: it then stands still and is shown once. */
  scroll: boolean;
  /** Seconds for one copy to pass. */
  durationS: number;
  /** CSS px from the first copy's first row to the second copy's: one loop's travel. */
  loopPx: number;
  /**
   * One entry per row: where the track rests to show it at the top edge (CSS px,
   * a whole number of device pixels, so resting text is drawn crisp) and for how long.
   */
  rows: ReadonlyArray<{ y: number; holdS: number }>;
}

/**
 * A slide's length. Every frame of a slide redraws the board's whole viewport, which a
 * wall without a working GPU composites in software (about 6 ms of a core per frame at
 * 3840×2160), so the cost follows the frames a slide takes: 0.3 s is 18 frames, still
 * read as motion (docs/PERFORMANCE.md, "The turn bar and the slides").
 */
export const SLIDE_S = 0.3;
/** Shortest rest for a row, however short it is: time to read a title. */
export const MIN_HOLD_S = 2.5;

/** The plan of a board that stands still: the list fits, or there is nothing to measure. */
export const STILL: ScrollPlan = { scroll: false, durationS: 0, loopPx: 0, rows: [] };

export interface BoardLayout {
  /** The rows' tops in one copy, CSS px from the first row's top (so the first is 0), in order. */
  tops: readonly number[];
  /** CSS px from the first row's top to where the same row starts in the next copy. */
  loopPx: number;
  /** The visible height, CSS px. */
  viewportPx: number;
  /** Device pixels per CSS px. */
  dpr: number;
}

/**
 * `speedPx` is the old crawl's pace in CSS px per second (design px/s × u, so the pace
 * is the same on a 1080p and a 4K wall). A row rests for as long as that crawl took
 * to pass it, less the slide, so a long row is held longer and the average pace is
 * unchanged.
 */
export function scrollPlan(l: BoardLayout, speedPx: number): ScrollPlan {
  const { tops, loopPx, viewportPx } = l;
  const dpr = l.dpr > 0 ? l.dpr : 1;
  if (!(loopPx > 0) || !(viewportPx > 0) || !(speedPx > 0) || loopPx <= viewportPx || tops.length === 0) return STILL;
  if (!tops.every((t, i) => Number.isFinite(t) && t >= 0 && t < loopPx && (i === 0 || t > tops[i - 1]!))) return STILL;
  const rows = tops.map((top, i) => {
    const height = (tops[i + 1] ?? loopPx) - top;
    // Rounded to 0.1 s: re-measuring the same list must not restart the loop.
    return { y: Math.round(top * dpr) / dpr, holdS: round(Math.max(MIN_HOLD_S, height / speedPx - SLIDE_S), 1) };
  });
  // Rests are whole tenths and so is the slide, so rounding only clears float noise;
  // boardKeyframes places every rest and slide as a share of this one duration.
  const durationS = round(rows.reduce((s, r) => s + r.holdS + SLIDE_S, 0), 1);
  return { scroll: true, durationS, loopPx, rows };
}

/** True when a new plan differs enough to be worth restarting the loop for: a row moved by a pixel or more. */
export function planChanged(prev: ScrollPlan, next: ScrollPlan): boolean {
  if (prev.scroll !== next.scroll) return true;
  if (!next.scroll) return false;
  if (prev.rows.length !== next.rows.length || Math.abs(prev.loopPx - next.loopPx) >= 1) return true;
  if (Math.abs(prev.durationS - next.durationS) > Math.max(0.2, prev.durationS * 0.02)) return true;
  return prev.rows.some((r, i) => Math.abs(r.y - next.rows[i]!.y) >= 1);
}

/**
 * The loop as Web Animation keyframes on the track: each row rests, then an eased
 * slide to the next row's rest; the last slide ends one loop up, on the next copy's
 * first row, which looks the same as the first, so the wrap to 0 has no seam. A rest
 * is two keyframes with the same transform, which the compositor draws once and then
 * leaves alone.
 */
export function boardKeyframes(plan: ScrollPlan): Keyframe[] {
  if (!plan.scroll || plan.rows.length === 0) return [];
  const total = plan.durationS;
  const at = (y: number): string => `translate3d(0, ${round(-y, 3) || 0}px, 0)`;
  const out: Keyframe[] = [];
  let t = 0;
  for (const r of plan.rows) {
    out.push({ offset: round(t / total, 6), transform: at(r.y), easing: 'linear' });
    t += r.holdS;
    out.push({ offset: round(t / total, 6), transform: at(r.y), easing: 'ease-in-out' });
    t += SLIDE_S;
  }
  out.push({ offset: 1, transform: at(plan.loopPx) });
  return out;
}

function round(x: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}
