import { describe, expect, it } from 'vitest';
import { events } from './fixture';
import { cadence, FILL_MS, initialRows, MAX_SLIDE_SHARE, nextStepAt, QUEUE_MAX, rowVM, SLIDE_MS, step, stepDue, TickerQueue } from './model';

describe('TickerQueue', () => {
  it('queues only unseen events, oldest first, and bounds the queue', () => {
    const q = new TickerQueue(5);
    q.seed(events(3));
    expect(q.offer(events(3))).toBe(0);
    expect(q.offer(events(6))).toBe(3);
    expect([q.take()!.id, q.take()!.id, q.take()!.id]).toEqual([4, 5, 6]);
    expect(q.take()).toBeUndefined();
    // A burst of 20 keeps the newest 5 and counts the rest.
    expect(q.offer(events(26))).toBe(20);
    expect(q.length).toBe(5);
    expect(q.dropped).toBe(15);
    expect(q.take()!.id).toBe(22);
  });
});

describe('cadence', () => {
  it('lets one row join per row height at the design speed, and rests between slides', () => {
    expect(cadence(44, 30)).toEqual({ periodMs: (44 / 30) * 1000, slideMs: SLIDE_MS });
    // The slide leaves most of the period as a rest at the design row height.
    expect(SLIDE_MS / cadence(44, 30)!.periodMs).toBeLessThan(0.35);
    // Compact rows step faster; the slide shrinks so a rest is always left.
    const c = cadence(12, 30)!;
    expect(c.periodMs).toBe(400);
    expect(c.slideMs).toBeCloseTo(400 * MAX_SLIDE_SHARE, 9);
    expect(cadence(44, 30, true)!.slideMs).toBe(0);
    // The same pace on a 4K wall: design px × u on both sides.
    expect(cadence(88, 60)!.periodMs).toBe(cadence(44, 30)!.periodMs);
  });

  it('refuses sizes it cannot step by', () => {
    expect(cadence(0, 30)).toBeNull();
    expect(cadence(44, 0)).toBeNull();
    expect(cadence(Number.NaN, 30)).toBeNull();
  });
});

describe('nextStepAt', () => {
  const c = cadence(44, 30)!;

  it('keeps one period between slides, whatever joined in place since', () => {
    expect(nextStepAt(c, 1000, Number.NEGATIVE_INFINITY)).toBe(1000 + c.periodMs);
    expect(nextStepAt(c, 1000, 1100)).toBe(1000 + c.periodMs);
  });

  it('fills empty space quickly: in-place joins follow each other FILL_MS apart', () => {
    expect(FILL_MS).toBeLessThan(c.periodMs / 4);
    expect(nextStepAt(c, Number.NEGATIVE_INFINITY, 5000)).toBe(5000 + FILL_MS);
    // Both rules hold at once: the later of the two wins.
    expect(nextStepAt(c, 5000, 5000 + c.periodMs - 10)).toBe(5000 + c.periodMs - 10 + FILL_MS);
    expect(nextStepAt(c, 5000, 5000)).toBe(5000 + c.periodMs);
  });
});

describe('step', () => {
  const G = { rowPx: 44, viewportPx: 220, dpr: 1 };

  it('lets a row join in place while the rows do not fill the viewport', () => {
    expect(step({ offset: 0, rows: 3 }, { ...G, queued: 2 })).toEqual({ removeTop: 0, append: true, offset: 0, target: 0 });
  });

  it('slides a full list up by exactly the row that joined', () => {
    expect(step({ offset: 0, rows: 5 }, { ...G, queued: 2 })).toEqual({ removeTop: 0, append: true, offset: 0, target: 44 });
  });

  it('drops rows that scrolled out at the top without moving what is on screen', () => {
    const s = step({ offset: 44, rows: 6 }, { ...G, queued: 1 });
    expect(s).toEqual({ removeTop: 1, append: true, offset: 0, target: 44 });
    // The second row was at 44 − 44 = 0 on screen before; it is the first row at 0 − 0 after.
  });

  it('catches up rows below the viewport one row per step, never in one jump', () => {
    // A shorter viewport after a resize: 220 px of rows not yet shown.
    const s = step({ offset: 0, rows: 10 }, { ...G, queued: 0 });
    expect(s.target - s.offset).toBe(44);
    expect(stepDue({ offset: 0, rows: 10 }, { ...G, queued: 0 })).toBe(true);
  });

  it('stands still when nothing waits and everything has been shown', () => {
    expect(stepDue({ offset: 0, rows: 5 }, { ...G, queued: 0 })).toBe(false);
    expect(stepDue({ offset: 0, rows: 3 }, { ...G, queued: 0 })).toBe(false);
    expect(step({ offset: 20, rows: 5 }, { ...G, queued: 0 })).toEqual({ removeTop: 0, append: false, offset: 20, target: 20 });
    expect(stepDue({ offset: 0, rows: 3 }, { ...G, queued: 1 })).toBe(true);
  });

  it('rests on whole device pixels, so resting text is crisp', () => {
    // u = 4/3 (a 2560-wide canvas): rows of 58.67 CSS px.
    const g = { rowPx: 44 * (4 / 3), viewportPx: 301, queued: 1 };
    for (const dpr of [1, 2]) {
      let s = { offset: 0, rows: 6 };
      for (let i = 0; i < 20; i++) {
        const p = step(s, { ...g, dpr });
        expect(Number.isInteger(p.target * dpr)).toBe(true);
        expect(p.target - p.offset).toBeLessThanOrEqual(g.rowPx + 0.5 / dpr);
        s = { offset: p.target, rows: s.rows - p.removeTop + (p.append ? 1 : 0) };
        expect(s.rows).toBeLessThanOrEqual(Math.ceil(g.viewportPx / g.rowPx) + 2);
      }
    }
  });

  it('keeps the pace through a sustained burst: one row per period, the same as the old 30 px/s crawl', () => {
    const c = cadence(G.rowPx, 30)!;
    let s = { offset: 0, rows: 5 };
    let queued = 200;
    let travelled = 0;
    let steps = 0;
    for (let now = 0; now < 20_000; now += c.periodMs) {
      const p = step(s, { ...G, queued });
      if (p.append) queued--;
      // Every step of a full list moves exactly one row: the same distance at the same cadence.
      expect(p.target - p.offset).toBe(44);
      travelled += p.target - p.offset;
      steps++;
      s = { offset: p.target, rows: s.rows - p.removeTop + (p.append ? 1 : 0) };
      expect(s.rows).toBeLessThanOrEqual(7);
    }
    expect(steps).toBe(Math.ceil(20_000 / c.periodMs));
    expect(Math.abs(travelled / 20 - 30)).toBeLessThan(44 / 20);
    expect(queued).toBe(200 - steps);
    expect(QUEUE_MAX).toBeGreaterThan(10);
  });
});

describe('rows', () => {
  it('fills the viewport with the newest events, oldest at the top', () => {
    expect(initialRows(events(8), 3).map((e) => e.id)).toEqual([6, 7, 8]);
  });

  it('prints Beijing time and marks recoveries', () => {
    const [e] = events(4);
    const r = rowVM(e!, (s) => (s === '440304006' ? '香蜜湖' : s));
    expect(r.time).toBe('12:00:28');
    expect(r.scope).toBe('香蜜湖');
    expect(r.recovery).toBe(true);
  });
});
