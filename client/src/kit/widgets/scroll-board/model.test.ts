import { describe, expect, it } from 'vitest';
import { boardKeyframes, MIN_HOLD_S, planChanged, scrollPlan, SLIDE_S, type BoardLayout } from './model';

// Four rows of 120 CSS px in a 400 px viewport; at 24 px/s a crawl took 5 s a row.
const FOUR: BoardLayout = { tops: [0, 120, 240, 360], loopPx: 480, viewportPx: 400, dpr: 1 };
const at = (l: Partial<BoardLayout>, speed = 24) => scrollPlan({ ...FOUR, ...l }, speed);

describe('scrollPlan', () => {
  it('stands still when the list fits', () => {
    expect(at({ tops: [0, 100, 200], loopPx: 300 })).toEqual({ scroll: false, durationS: 0, loopPx: 0, rows: [] });
    expect(at({ viewportPx: 480 }).scroll).toBe(false);
  });

  it('rests each row at the top edge for as long as the crawl took to pass it, less the slide', () => {
    const p = at({});
    expect(p.scroll).toBe(true);
    expect(p.rows.map((r) => r.y)).toEqual([0, 120, 240, 360]);
    expect(p.rows.map((r) => r.holdS)).toEqual([5 - SLIDE_S, 5 - SLIDE_S, 5 - SLIDE_S, 5 - SLIDE_S]);
    // The same average pace as the crawl: one copy passes in loopPx / speed.
    expect(p.durationS).toBe(20);
    expect(p.loopPx).toBe(480);
  });

  it('holds a long row longer, and a short row at least long enough to read its title', () => {
    const p = at({ tops: [0, 20, 260], loopPx: 380, viewportPx: 300 });
    expect(p.rows.map((r) => r.holdS)).toEqual([MIN_HOLD_S, 10 - SLIDE_S, 5 - SLIDE_S]);
  });

  it('rests on whole device pixels, so resting text is not resampled', () => {
    expect(at({ tops: [0, 162.79, 325.58], loopPx: 488.37, viewportPx: 300 }).rows.map((r) => r.y)).toEqual([0, 163, 326]);
    expect(at({ tops: [0, 162.79, 325.58], loopPx: 488.37, viewportPx: 300, dpr: 2 }).rows.map((r) => r.y)).toEqual([0, 163, 325.5]);
  });

  it('does not scroll on nonsense sizes (hidden, detached, zero speed, rows out of order)', () => {
    expect(at({ loopPx: 0 }).scroll).toBe(false);
    expect(at({ viewportPx: 0 }).scroll).toBe(false);
    expect(at({}, 0).scroll).toBe(false);
    expect(at({ loopPx: Number.NaN }).scroll).toBe(false);
    expect(at({ tops: [] }).scroll).toBe(false);
    expect(at({ tops: [0, 300, 200] }).scroll).toBe(false);
    expect(at({ tops: [0, Number.NaN] }).scroll).toBe(false);
    expect(at({ tops: [0, 500] }).scroll).toBe(false);
  });
});

describe('planChanged', () => {
  it('ignores sub-pixel re-measures, so the board never restarts with a jump', () => {
    const a = at({});
    expect(planChanged(a, at({ tops: [0, 120.3, 240.2, 360.4], loopPx: 480.4 }))).toBe(false);
    expect(planChanged(a, at({ tops: [0, 120, 240, 360, 480], loopPx: 600 }))).toBe(true);
    expect(planChanged(a, at({ tops: [0, 200, 240, 360] }))).toBe(true);
    expect(planChanged(a, at({ loopPx: 520 }))).toBe(true);
    expect(planChanged(a, at({ tops: [0, 100, 200], loopPx: 300 }))).toBe(true);
    expect(planChanged(at({ tops: [0, 100, 200], loopPx: 300 }), at({ tops: [0, 100], loopPx: 200 }))).toBe(false);
  });
});

describe('boardKeyframes', () => {
  const k = boardKeyframes(at({}));

  it('is a rest and a slide per row, ending one loop up on the next copy’s first row (the seam)', () => {
    expect(k.map((f) => f.transform)).toEqual([
      'translate3d(0, 0px, 0)', 'translate3d(0, 0px, 0)',
      'translate3d(0, -120px, 0)', 'translate3d(0, -120px, 0)',
      'translate3d(0, -240px, 0)', 'translate3d(0, -240px, 0)',
      'translate3d(0, -360px, 0)', 'translate3d(0, -360px, 0)',
      'translate3d(0, -480px, 0)',
    ]);
    expect(k[0]!.offset).toBe(0);
    expect(k.at(-1)!.offset).toBe(1);
  });

  it('puts the rests and slides at their share of the loop, slides eased, offsets rising', () => {
    expect(k[1]!.offset).toBeCloseTo((5 - SLIDE_S) / 20, 6);
    expect(k[2]!.offset).toBeCloseTo(0.25, 6);
    expect(k[0]!.easing).toBe('linear');
    expect(k[1]!.easing).toBe('ease-in-out');
    const offsets = k.map((f) => f.offset as number);
    expect(offsets.every((o, i) => i === 0 || o > offsets[i - 1]!)).toBe(true);
  });

  it('is empty for a board that stands still', () => {
    expect(boardKeyframes(at({ viewportPx: 1000 }))).toEqual([]);
  });
});
