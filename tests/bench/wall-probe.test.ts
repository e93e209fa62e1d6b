import { describe, expect, it } from 'vitest';
import { attributeLongTasks, type LoafEntry, type ProbeDump } from './wall-probe.js';

const loaf = (start: number, ms: number, scripts: LoafEntry['scripts'], scriptMs = scripts.reduce((a, s) => a + s.ms, 0)): LoafEntry => ({
  start,
  ms,
  blockingMs: ms - 50,
  renderMs: 5,
  styleLayoutMs: 3,
  scriptMs,
  scripts,
});

describe('attributeLongTasks', () => {
  const dump: ProbeDump = {
    frames: [],
    longtasks: [
      [1000, 70], // inside a forced-GC window
      [5000, 90], // a frame whose longest script is most of it
      [9000, 60], // a frame with little script: style/layout/GC
      [12000, 55], // no LoAF covers it
      [20000, 80], // outside [from, to)
    ],
    loafs: [
      loaf(4995, 100, [{ invoker: 'FrameRequestCallback', fn: 'setOption', url: 'useFigures-x.js', pos: 1234, ms: 70, forcedLayoutMs: 0 }]),
      loaf(8990, 75, [{ invoker: 'TimerHandler:setTimeout', fn: 'tick', url: 'wall-x.js', pos: 9, ms: 8, forcedLayoutMs: 0 }]),
    ],
    slowCallbacks: [],
    turns: [
      [500, 'structure'],
      [8800, 'infra'],
    ],
  };

  it('puts each long task down to the bench GC, a script, the browser, or nothing known', () => {
    const out = attributeLongTasks(dump, [[990, 1100]], 0, 15000);
    expect(out.map((c) => c.start)).toEqual([1000, 5000, 9000, 12000]);
    expect(out[0]!.cause).toMatch(/^bench: forced GC/);
    expect(out[1]!.cause).toBe('script setOption @ useFigures-x.js:1234 via FrameRequestCallback');
    expect(out[2]!.cause).toBe('not script: 8 ms script, 3 ms style+layout of 75 ms frame');
    expect(out[3]!.cause).toBe('no long animation frame recorded');
  });

  it('names the module the rotating slot showed when each task began, and how long after its turn', () => {
    const out = attributeLongTasks(dump, [[990, 1100]], 0, 15000);
    expect(out.map((c) => c.onScreen)).toEqual([
      { module: 'structure', sinceTurnMs: 500 },
      { module: 'structure', sinceTurnMs: 4500 },
      { module: 'infra', sinceTurnMs: 200 },
      { module: 'infra', sinceTurnMs: 3200 },
    ]);
    const before = attributeLongTasks({ ...dump, turns: [[9500, 'map']] }, [], 0, 15000);
    expect(before[0]!.onScreen).toBeUndefined();
    expect(before[3]!.onScreen).toEqual({ module: 'map', sinceTurnMs: 2500 });
  });

  it('does not blame the bench for a task that starts after its GC window', () => {
    const out = attributeLongTasks(dump, [[900, 999]], 0, 6000);
    expect(out[0]!.cause).toBe('no long animation frame recorded');
  });
});
