/**
 * A progress bar's fill in whole steps of time.
 *
 * Why steps, and why from a timer rather than a CSS animation: with `--disable-gpu`
 * (these machines, and a wall PC without a working GPU driver) Chromium's GPU process
 * composites in software, and it redraws the bounding box of everything that changed
 * in a frame as one rectangle. A bar filling on the compositor changes in every frame
 * (or, stepped, in every step), so whatever else changed in that frame, a number on
 * the far side of the wall say, is composited together with the whole box between the
 * two: 3–7 megapixels at 3840×2160, 20–100 ms of a core each time. A running CSS
 * animation also keeps the renderer's compositor ticking at 60 frames a second and
 * promotes the layers above it. One step a second from a timer costs one small paint.
 */
export interface SteppedClock {
  /** performance.now() at 0 % */
  originMs: number;
  durationMs: number;
  stepMs: number;
}

/** The fill (0..1) shown at `nowMs`: the last whole step reached. */
export function steppedFraction(c: SteppedClock, nowMs: number): number {
  if (!(c.durationMs > 0) || !(c.stepMs > 0)) return 0;
  const steps = Math.max(1, Math.round(c.durationMs / c.stepMs));
  const elapsed = nowMs - c.originMs;
  // A hair of slack: a timer that fires on the boundary must not show the step before it.
  const k = Math.floor((elapsed / c.durationMs) * steps + 1e-6);
  return Math.min(1, Math.max(0, k / steps));
}

/** Ms from `nowMs` to the next step, or null once the bar is full. */
export function msToNextStep(c: SteppedClock, nowMs: number): number | null {
  if (steppedFraction(c, nowMs) >= 1) return null;
  const steps = Math.max(1, Math.round(c.durationMs / c.stepMs));
  const stepLen = c.durationMs / steps;
  const elapsed = Math.max(0, nowMs - c.originMs);
  const next = (Math.floor(elapsed / stepLen + 1e-6) + 1) * stepLen;
  return Math.max(0, next - elapsed);
}
