import { describe, expect, it } from 'vitest';
import { chromiumRole } from './sched.js';
import { aroundTurns, busyJiffies, groupsDuring, startThreadSampler, threadGroup, type GroupSamples } from './threads.js';

describe('chromiumRole and threadGroup', () => {
  it('names Chromium processes by their --type and leaves other processes out', () => {
    expect(chromiumRole('/usr/lib/chromium/chromium\0--type=renderer\0--lang=en')).toBe('renderer');
    expect(chromiumRole('/usr/lib/chromium/chromium\0--type=gpu-process')).toBe('gpu');
    expect(chromiumRole('/usr/lib/chromium/chromium\0--type=utility\0--utility-sub-type=network')).toBe('utility');
    expect(chromiumRole('/usr/lib/chromium/chromium\0--headless')).toBe('browser');
    expect(chromiumRole('node\0server.js')).toBeNull();
  });

  it('folds a pool’s numbered threads into one group and keeps the main thread apart', () => {
    expect(threadGroup('renderer', false, 'CompositorTileW\n')).toBe('renderer: raster');
    expect(threadGroup('renderer', false, 'ThreadPoolForeg3\n')).toBe('renderer: ThreadPoolForeg');
    expect(threadGroup('renderer', true, 'chromium\n')).toBe('renderer: main');
    expect(threadGroup('gpu', false, 'VizCompositorTh\n')).toBe('gpu: VizCompositorTh');
    expect(threadGroup('server', false, 'V8Worker\n')).toBe('server');
  });
});

describe('busyJiffies', () => {
  it('counts user, nice, system, irq, softirq and steal, not idle or iowait', () => {
    expect(busyJiffies('cpu  100 2 30 5000 40 1 3 7 0 0\ncpu0 50 1 15 2500 20 0 1 3 0 0\n')).toBe(100 + 2 + 30 + 1 + 3 + 7);
  });
});

// Two groups sampled every 50 ms: raster runs 5 ms a sample, but 40 in the sample
// ending at 1,100; main runs 10 ms a sample. The machine is busy for both, plus
// 20 ms a sample of something else.
function synthetic(): GroupSamples {
  const rows: number[][] = [];
  let raster = 0;
  let main = 0;
  let busy = 0;
  for (let t = 1000 - 500; t <= 1000 + 2500; t += 50) {
    rows.push([t, busy, main, raster]);
    const r = t === 1050 ? 40 : 5;
    raster += r;
    main += 10;
    busy += r + 10 + 20;
  }
  return { groups: ['renderer: main', 'renderer: raster'], rows };
}

describe('groupsDuring', () => {
  it('splits the smallest sampled window around a task by group, largest first, with the rest of the machine', () => {
    const w = groupsDuring(synthetic(), 1060, 30)!;
    expect(w.windowMs).toBe(50);
    expect(w.machineBusyMs).toBe(70);
    expect(w.byGroup).toEqual([
      ['renderer: raster', 40],
      ['rest of the machine', 20],
      ['renderer: main', 10],
    ]);
  });

  it('returns null outside the samples', () => {
    expect(groupsDuring(synthetic(), 0, 30)).toBeNull();
    expect(groupsDuring(synthetic(), 3490, 30)).toBeNull();
  });
});

describe('aroundTurns', () => {
  it('puts the burst after a turn into the after-turn rate and not into the rest', () => {
    const rows = aroundTurns(synthetic(), [1000], 200, 500, 3500);
    const raster = rows.find((r) => r.group === 'renderer: raster')!;
    // After the turn: samples 1000–1200, 5+40+5+5 ms in 200 ms.
    expect(raster.afterTurn).toBeCloseTo(275);
    expect(raster.beforeTurn).toBeCloseTo(100);
    expect(raster.otherwise).toBeCloseTo(100);
    const main = rows.find((r) => r.group === 'renderer: main')!;
    expect(main.afterTurn).toBeCloseTo(200);
    expect(main.otherwise).toBeCloseTo(200);
    expect(rows.find((r) => r.group === 'rest of the machine')!.otherwise).toBeCloseTo(400);
  });

  it('puts a burst in the span before a turn into the before-turn rate', () => {
    // The 40 ms sample ends at 1,100: a turn at 1,200 has it in its 200 ms before.
    const raster = aroundTurns(synthetic(), [1200], 200, 500, 3500).find((r) => r.group === 'renderer: raster')!;
    expect(raster.beforeTurn).toBeCloseTo(275);
    expect(raster.afterTurn).toBeCloseTo(100);
    expect(raster.otherwise).toBeCloseTo(100);
  });
});

describe('startThreadSampler', () => {
  it('sees this process’s CPU grow in its own group while it spins', async () => {
    const sampler = startThreadSampler(() => ({ server: process.pid }), 20);
    const until = Date.now() + 400;
    let x = 0;
    while (Date.now() < until) x += Math.sqrt(x + 1);
    // Let the interval take a sample after the spin.
    await new Promise((r) => setTimeout(r, 60));
    const s = sampler.stop();
    expect(x).toBeGreaterThan(0);
    const g = s.groups.indexOf('server');
    expect(g).toBeGreaterThanOrEqual(0);
    const first = s.rows[0]!;
    const last = s.rows[s.rows.length - 1]!;
    // 400 ms of spinning on the main thread: most of it must be counted.
    expect(last[2 + g]! - first[2 + g]!).toBeGreaterThan(200);
    expect(last[1]! - first[1]!).toBeGreaterThan(200);
    for (const r of s.rows) expect(r).toHaveLength(2 + s.groups.length);
  });
});
