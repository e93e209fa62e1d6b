import { computed, inject, shallowRef, type InjectionKey, type Ref, type ShallowRef } from 'vue';
import { darkTheme, type Theme } from '../theme/theme';

/** Server-corrected wall time in epoch ms, ticking once a second (one timer, in the app's shell). */
export const NOW_KEY: InjectionKey<Readonly<Ref<number>>> = Symbol('wall-now');

/**
 * What kit components need of the design canvas: u, real CSS px per design px.
 * The wall's canvas metrics (wall/layout/presets.ts) carry more; kit reads only this.
 */
export interface CanvasScale {
  u: number;
}

export const CANVAS_KEY: InjectionKey<Readonly<ShallowRef<CanvasScale>>> = Symbol('wall-canvas');

/**
 * Widgets rendered outside an app's shell (tests, a future widget gallery) still
 * work: they get a frozen clock and a 1080p canvas (u = 1) instead of throwing.
 */
export function useNow(): Readonly<Ref<number>> {
  return inject(NOW_KEY, () => shallowRef(Date.now()), true);
}

/**
 * The clock a figure's age is read against. Live: the wall's clock (NOW_KEY). In a
 * replay room: the replay's clock, the data time it has reached, with its speed;
 * ages and stale marks then speak of the replayed data, not of how long ago it
 * happened in wall-clock terms.
 */
export interface DataClock {
  now: number;
  replay: { speed: number } | null;
}

export const DATA_CLOCK_KEY: InjectionKey<Readonly<Ref<DataClock>>> = Symbol('wall-data-clock');

/** Outside an app that provides one: the wall clock, live. */
export function useDataClock(): Readonly<Ref<DataClock>> {
  const provided = inject(DATA_CLOCK_KEY, null);
  if (provided) return provided;
  const now = useNow();
  return computed(() => ({ now: now.value, replay: null }));
}

export function useCanvas(): Readonly<ShallowRef<CanvasScale>> {
  return inject(CANVAS_KEY, () => shallowRef({ u: 1 }), true);
}

export const THEME_KEY: InjectionKey<Theme> = Symbol('wall-theme');

export function useTheme(): Theme {
  return inject(THEME_KEY, darkTheme);
}
