/**
 * A critically damped spring toward a target. Retargeting keeps position and
 * velocity, so a burst of new targets bends the motion instead of restarting it:
 * no jump, no stutter, no overshoot. The step is the exact solution, so a long
 * frame (a busy main thread) cannot make it unstable.
 */
export interface SpringState {
  x: number;
  v: number;
  target: number;
}

/** Rad/s; ~0.8 s to settle within a display step for typical counts. */
export const DEFAULT_OMEGA = 7;

export function stepSpring(s: SpringState, dtSec: number, omega = DEFAULT_OMEGA): void {
  const y0 = s.x - s.target;
  const e = Math.exp(-omega * dtSec);
  const c = s.v + omega * y0;
  s.x = s.target + (y0 + c * dtSec) * e;
  s.v = (s.v - omega * c * dtSec) * e;
}

/** Close enough that the displayed (rounded) value can no longer change. */
export function settled(s: SpringState, epsilon: number): boolean {
  return Math.abs(s.x - s.target) < epsilon && Math.abs(s.v) < epsilon * 4;
}
