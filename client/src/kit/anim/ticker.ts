/**
 * One requestAnimationFrame loop for every animated number on the wall. It runs
 * only while something is moving, so an idle wall costs no frames at all.
 */
export type TickFn = (dtSec: number) => boolean;

const active = new Set<TickFn>();
let handle = 0;
let last = 0;

/** A hidden tab or a stalled frame should land on the target, not replay the gap. */
const MAX_DT = 0.1;

function frame(t: number): void {
  const dt = last === 0 ? 1 / 60 : Math.min(MAX_DT, (t - last) / 1000);
  last = t;
  for (const fn of active) {
    if (!fn(dt)) active.delete(fn);
  }
  handle = active.size > 0 ? requestAnimationFrame(frame) : 0;
  if (handle === 0) last = 0;
}

/** fn returns true while it still needs frames. */
export function schedule(fn: TickFn): void {
  active.add(fn);
  if (handle === 0) handle = requestAnimationFrame(frame);
}

export function unschedule(fn: TickFn): void {
  active.delete(fn);
  if (active.size === 0 && handle !== 0) {
    cancelAnimationFrame(handle);
    handle = 0;
    last = 0;
  }
}
