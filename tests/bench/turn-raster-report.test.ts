import { describe, expect, it } from 'vitest';
import { windowCpu, type TraceEvent } from './turn-raster-report';

const thread = (tid: number, name: string): TraceEvent => ({ name: 'thread_name', ph: 'M', pid: 1, tid, args: { name } });
const task = (tid: number, name: string, durMs: number, tdurMs?: number): TraceEvent => ({
  name,
  ph: 'X',
  pid: 1,
  tid,
  dur: durMs * 1000,
  ...(tdurMs === undefined ? {} : { tdur: tdurMs * 1000 }),
});

describe('raster and main-thread CPU in a traced window', () => {
  it('sums raster tasks on any thread by thread time, and only the main thread’s top-level tasks', () => {
    const events = [
      thread(10, 'CrRendererMain'),
      thread(11, 'ThreadPoolForegroundWorker'),
      task(11, 'RasterTask', 40, 25), // waited 15 ms for a CPU: counts 25
      task(12, 'RasterTask', 8), // no thread time recorded: wall time
      task(10, 'RunTask', 30, 20),
      task(11, 'RunTask', 50, 50), // a worker's task is not the main thread's
      task(10, 'Paint', 5, 5), // nested inside a RunTask: not counted twice
      { name: 'RasterTask', ph: 'B', pid: 1, tid: 11 }, // not a complete event
    ];
    expect(windowCpu(events)).toEqual({ rasterMs: 33, mainMs: 20 });
  });

  it('is zero for a window with nothing in it', () => {
    expect(windowCpu([thread(10, 'CrRendererMain')])).toEqual({ rasterMs: 0, mainMs: 0 });
  });
});
