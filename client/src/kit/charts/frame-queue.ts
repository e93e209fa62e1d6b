/**
 * One queue for every chart's redraw, with a time budget per animation frame.
 *
 * Why: each chart throttles itself to two redraws a second, and a non-lazy
 * setOption repaints its canvas synchronously. Charts that mounted together keep
 * throttling in step, so on a 32:9 wall a dozen of them repainted in the same frame.
 * Under software raster at 7680×2160 that frame took 60–120 ms, which is the
 * long task the wall bench kept finding. Here a frame runs queued redraws until the
 * budget is spent (always at least one, so the queue drains), and the rest wait for
 * the next frame. A chart is at most a few frames late; no frame carries them all.
 */
export interface FrameQueueDeps {
  now: () => number;
  requestFrame: (cb: () => void) => number;
  cancelFrame: (handle: number) => void;
  /** Where a job's error goes; by default rethrown in a microtask, so it shows as a page error. */
  report?: (err: unknown) => void;
}

export interface FrameQueue {
  /** Queue a job for the next frame with budget left; a job already queued keeps its place. */
  schedule(job: () => void): void;
  /** Drop a queued job (an unmounted chart). */
  cancel(job: () => void): void;
  readonly pending: number;
}

export function createFrameQueue(budgetMs: number, deps: FrameQueueDeps): FrameQueue {
  // A Set keeps insertion order, so jobs run first come, first served, and a
  // chart that asks twice before its turn is still drawn once.
  const jobs = new Set<() => void>();
  const report =
    deps.report ??
    ((err: unknown): void =>
      queueMicrotask(() => {
        throw err;
      }));
  let handle = 0;
  /** Inside frame(): a job scheduled now is picked up by this frame's loop or its follow-up request. */
  let running = false;

  const frame = (): void => {
    handle = 0;
    running = true;
    const start = deps.now();
    for (const job of jobs) {
      jobs.delete(job);
      try {
        job();
      } catch (err) {
        // One broken chart must not stall the others: report it where page errors go, and go on.
        report(err);
      }
      if (deps.now() - start >= budgetMs) break;
    }
    running = false;
    if (jobs.size > 0) handle = deps.requestFrame(frame);
  };

  return {
    schedule(job) {
      jobs.add(job);
      if (handle === 0 && !running) handle = deps.requestFrame(frame);
    },
    cancel(job) {
      jobs.delete(job);
      if (jobs.size === 0 && handle !== 0) {
        deps.cancelFrame(handle);
        handle = 0;
      }
    },
    get pending() {
      return jobs.size;
    },
  };
}

/**
 * The wall's chart queue. 8 ms is the per-update target for all main-thread work;
 * one large chart can exceed it alone, and then it has the frame to itself.
 */
export const chartFrames: FrameQueue = createFrameQueue(8, {
  now: () => performance.now(),
  requestFrame: (cb) => requestAnimationFrame(cb),
  cancelFrame: (h) => cancelAnimationFrame(h),
});
