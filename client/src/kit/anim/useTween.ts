import { onScopeDispose, shallowRef, watch, type Ref, type WatchSource } from 'vue';
import { schedule, unschedule } from './ticker';
import { settled, stepSpring, type SpringState } from './spring';

export interface TweenOptions {
  decimals: number;
  /** Roll up from this value on first show; omit to start at the target. */
  from?: number;
}

/**
 * The displayed value of a number that rolls toward its latest target. A new
 * target mid-roll continues from what is on screen. Null targets (no data) show
 * immediately as null, and the next real value appears without a roll from zero.
 */
export function useTween(target: WatchSource<number | null>, opts: TweenOptions): Readonly<Ref<number | null>> {
  const display = shallowRef<number | null>(null);
  const eps = 0.5 * 10 ** -opts.decimals;
  let spring: SpringState | null = null;

  const tick = (dt: number): boolean => {
    if (!spring) return false;
    stepSpring(spring, dt);
    if (settled(spring, eps)) {
      spring.x = spring.target;
      spring.v = 0;
      display.value = spring.target;
      return false;
    }
    display.value = spring.x;
    return true;
  };

  watch(
    target,
    (next) => {
      if (next === null || !Number.isFinite(next)) {
        spring = null;
        unschedule(tick);
        display.value = null;
        return;
      }
      if (!spring) {
        const start = display.value ?? opts.from ?? next;
        spring = { x: start, v: 0, target: next };
        display.value = start;
      } else {
        spring.target = next;
      }
      if (spring.x !== spring.target) schedule(tick);
    },
    { immediate: true },
  );

  onScopeDispose(() => unschedule(tick));
  return display;
}
