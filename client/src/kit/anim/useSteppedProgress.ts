import { onScopeDispose, shallowRef, watch, type Ref } from 'vue';
import { msToNextStep, steppedFraction, type SteppedClock } from './stepped';

export interface ProgressSource {
  /** A new key restarts the bar (a new turn, a new scene). */
  key: string | number;
  /** How far in the source already is when it is read (a screen joining mid-scene). */
  elapsedMs: number;
  durationMs: number;
}

/**
 * A bar's fill (0..1) that advances in whole steps from one timer, for a turn or a
 * scene whose length is known (stepped.ts says why not a CSS animation). Null stops
 * it at 0. The clock restarts whenever the key, elapsed time or duration changes.
 */
export function useSteppedProgress(source: () => ProgressSource | null, stepMs = 1000): Readonly<Ref<number>> {
  const fill = shallowRef(0);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let clock: SteppedClock | null = null;

  const tick = (): void => {
    timer = undefined;
    if (!clock) return;
    const now = performance.now();
    fill.value = steppedFraction(clock, now);
    const wait = msToNextStep(clock, now);
    if (wait !== null) timer = setTimeout(tick, wait);
  };

  watch(
    // One string, so the watch fires when a part changes, not whenever the getter re-runs.
    () => {
      const s = source();
      return s ? `${s.key}|${s.elapsedMs}|${s.durationMs}` : '';
    },
    () => {
      const s = source();
      clearTimeout(timer);
      timer = undefined;
      clock = s ? { originMs: performance.now() - s.elapsedMs, durationMs: s.durationMs, stepMs } : null;
      if (clock) tick();
      else fill.value = 0;
    },
    { immediate: true },
  );

  onScopeDispose(() => clearTimeout(timer));
  return fill;
}
