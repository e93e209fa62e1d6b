/**
 * Time source for the feeds. Feeds never read the wall clock themselves: the
 * runner passes `now` into every tick, so a run can be replayed from a list of
 * tick times, and tests can drive the whole thing with fake timers.
 */
export interface Clock {
  now(): number;
}

/** Reads Date.now() on every call, so vitest fake timers move it too. */
export const systemClock: Clock = { now: () => Date.now() };

export interface ManualClock extends Clock {
  set(t: number): void;
  advance(ms: number): number;
}

export function manualClock(start: number): ManualClock {
  let t = start;
  return {
    now: () => t,
    set: (v) => {
      t = v;
    },
    advance: (ms) => (t += ms),
  };
}
