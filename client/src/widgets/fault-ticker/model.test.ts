import { describe, expect, it } from 'vitest';
import { events } from './fixture';
import { initialRows, offsetAt, plan, QUEUE_MAX, rowVM, TickerQueue } from './model';

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

describe('plan and offsetAt', () => {
  const P = { rowPx: 44, viewportPx: 220, leadPx: 20 };

  it('moves at the same speed whatever waits (no speed-up under bursts)', () => {
    expect(offsetAt(0, 1000, 30, 500)).toBe(15);
    expect(offsetAt(0, 10, 30, 5000)).toBe(10);
  });

  it('drops rows that scrolled out at the top without moving what is on screen', () => {
    const p = plan({ offset: 46, rows: 10 }, { ...P, queued: 0 });
    expect(p.removeTop).toBe(1);
    expect(p.offset).toBe(2);
    expect(p.reach).toBe(9 * 44 - 220);
  });

  it('lets a queued row join only when the tail is about to show', () => {
    expect(plan({ offset: 0, rows: 10 }, { ...P, queued: 3 }).append).toBe(false);
    const p = plan({ offset: 200, rows: 10 }, { ...P, queued: 3 });
    expect(p.append).toBe(true);
    expect(p.reach).toBe(11 * 44 - 220 - 4 * 44);
  });

  it('stays put when the list fits, and stops at the end when nothing waits', () => {
    expect(plan({ offset: 0, rows: 3 }, { ...P, queued: 0 })).toEqual({ removeTop: 0, append: false, offset: 0, reach: 0 });
    // Never scrolls back: at the end, the end is where it is.
    const end = plan({ offset: 20, rows: 5 }, { ...P, queued: 0 });
    expect(end).toEqual({ removeTop: 0, append: false, offset: 20, reach: 20 });
  });

  it('never stalls through a sustained burst: housekeeping at 4 Hz keeps the end ahead of the scroll', () => {
    const speed = 30;
    const tickMs = 250;
    let rows = 5;
    let queued = 200;
    let from = 0;
    let to = 0;
    let started = 0;
    let stalled = 0;
    let travelled = 0;
    for (let now = 0; now <= 20_000; now += tickMs) {
      const offset = offsetAt(from, to, speed, now - started);
      if (now > 0 && offset >= to && queued > 0) stalled++;
      travelled += offset - from;
      const p = plan({ offset, rows }, { ...P, queued, leadPx: speed * (tickMs / 1000) * 2 });
      rows = rows - p.removeTop + (p.append ? 1 : 0);
      if (p.append) queued--;
      from = p.offset;
      to = p.reach;
      started = now;
      expect(rows).toBeLessThanOrEqual(Math.ceil(P.viewportPx / P.rowPx) + 3);
    }
    expect(stalled).toBe(0);
    // Twenty seconds at 30 px/s, with 200 rows waiting the whole time.
    expect(travelled).toBeCloseTo(600, 6);
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
