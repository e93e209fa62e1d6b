import { describe, expect, it } from 'vitest';
import { DAMAGE_EVENT, DRAW_EVENT, drawnFrames, parseRect, regions, summarize, type TraceEvent } from './damage-report';

const draw = (ts: number, durMs: number): TraceEvent => ({ name: DRAW_EVENT, ts, dur: durMs * 1000 });
const dmg = (ts: number, rect: string): TraceEvent => ({ name: DAMAGE_EVENT, ts, args: { root_damage_rect: rect } });

describe('compositor frames from a trace', () => {
  it('parses viz rectangles and rejects anything else', () => {
    expect(parseRect('1001,461 276x127')).toEqual({ x: 1001, y: 461, w: 276, h: 127 });
    expect(parseRect('-4,0 10x2')).toEqual({ x: -4, y: 0, w: 10, h: 2 });
    expect(parseRect('1001,461')).toBeNull();
    expect(parseRect(undefined)).toBeNull();
  });

  it('pairs each draw with the damage reported inside it, in any event order', () => {
    const events = [
      dmg(50, '0,0 10x10'), // before any draw: the trace began mid-frame
      draw(2000, 6),
      dmg(2500, '0,0 3840x2073'),
      draw(100, 1),
      dmg(150, '10,10 100x20'),
      draw(9000, 2), // no damage reported inside it
    ];
    const f = drawnFrames(events);
    expect(f.map((x) => [x.ts, x.ms, x.damage?.w ?? null])).toEqual([
      [100, 1, 100],
      [2000, 6, 3840],
      [9000, 2, null],
    ]);
  });

  it('sums draw time per second, area per frame and the share of big frames', () => {
    const f = drawnFrames([draw(0, 4), dmg(10, '0,0 1000x1000'), draw(100_000, 36), dmg(100_010, '0,0 3000x1000')]);
    const s = summarize(f, 2, 2);
    expect(s.frames).toBe(2);
    expect(s.framesPerS).toBe(1);
    expect(s.drawMsPerS).toBe(20);
    expect(s.meanMp).toBe(2);
    expect(s.big).toEqual({ frames: 1, drawShare: 0.9 });
    expect(s.slowestMs).toBe(36);
  });

  it('groups damage by place, most draw time first', () => {
    const f = drawnFrames([
      draw(0, 1), dmg(1, '1210,1410 610x420'),
      draw(10, 1), dmg(11, '1250,1450 620x410'),
      draw(20, 30), dmg(21, '48,108 3171x1880'),
    ]);
    expect(regions(f)).toEqual([
      { key: '0,0 3000x1800', frames: 1, drawMs: 30, meanMp: (3171 * 1880) / 1e6 },
      { key: '1200,1400 600x400', frames: 2, drawMs: 2, meanMp: (610 * 420 + 620 * 410) / 2 / 1e6 },
    ]);
  });
});
