import { inject, shallowRef, type InjectionKey, type Ref, type ShallowRef } from 'vue';
import { canvasMetrics, LAYOUTS, type CanvasMetrics } from '../../wall/layout/presets';
import { darkTheme, type Theme } from '../theme/theme';

/** Server-corrected wall time in epoch ms, ticking once a second (one timer, in the shell). */
export const NOW_KEY: InjectionKey<Readonly<Ref<number>>> = Symbol('wall-now');
export const CANVAS_KEY: InjectionKey<Readonly<ShallowRef<CanvasMetrics>>> = Symbol('wall-canvas');

/**
 * Widgets rendered outside the shell (tests, a future widget gallery) still work:
 * they get a frozen clock and a 1080p canvas instead of throwing.
 */
export function useNow(): Readonly<Ref<number>> {
  return inject(NOW_KEY, () => shallowRef(Date.now()), true);
}

export function useCanvas(): Readonly<ShallowRef<CanvasMetrics>> {
  return inject(CANVAS_KEY, () => shallowRef(canvasMetrics(1920, 1080, LAYOUTS['1080p'])), true);
}

export const THEME_KEY: InjectionKey<Theme> = Symbol('wall-theme');

export function useTheme(): Theme {
  return inject(THEME_KEY, darkTheme);
}
