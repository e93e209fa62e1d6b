/**
 * Pure summaries for `pnpm bench turn-raster`: how much CPU Chromium's raster workers
 * and the renderer's main thread spent in one traced window.
 */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  /** Microseconds. */
  dur?: number;
  /** Thread time in microseconds, when the trace recorded it. */
  tdur?: number;
  args?: { name?: string };
}

export interface WindowCpu {
  /** Thread time of `RasterTask` events, on whichever threads ran them (ms). */
  rasterMs: number;
  /** Thread time of the renderer main thread's top-level tasks (ms). */
  mainMs: number;
}

/**
 * Thread time, not wall time: on a shared 2-core machine a raster task that waited
 * for a CPU would otherwise count its wait as raster. Falls back to wall time for an
 * event recorded without thread time.
 */
export function windowCpu(events: readonly TraceEvent[]): WindowCpu {
  const threadName = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name' && e.args?.name) threadName.set(`${e.pid}:${e.tid}`, e.args.name);
  let raster = 0;
  let main = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const us = e.tdur ?? e.dur;
    if (e.name === 'RasterTask') raster += us;
    else if (e.name === 'RunTask' && threadName.get(`${e.pid}:${e.tid}`) === 'CrRendererMain') main += us;
  }
  return { rasterMs: raster / 1000, mainMs: main / 1000 };
}
