import { inject, type InjectionKey } from 'vue';

/**
 * How much room a module has, so it can choose its own arrangement:
 * - single: alone on the canvas (?screen=), the full design width;
 * - column: the overview's side column on 16:9 (about 560 design px wide);
 * - rotation: the rotating slot beside the overview on 16:9 (about 1,290 px);
 * - wide: one of five side-by-side slots on a spliced wall (720–1,400 px).
 * Modules refine this with CSS container queries on their own box.
 */
export type SlotVariant = 'single' | 'column' | 'rotation' | 'wide';

export interface SlotInfo {
  key: string;
  variant: SlotVariant;
}

export const SLOT_KEY: InjectionKey<SlotInfo> = Symbol('wall-slot');

export function useSlot(): SlotInfo {
  return inject(SLOT_KEY, { key: 'single', variant: 'single' });
}
