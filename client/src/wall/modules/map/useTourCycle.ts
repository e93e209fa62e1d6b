import type { ShallowRef } from 'vue';
import { useCycle } from '../../../kit/anim/useCycle';

/** How long each tooltip stays up during the tour: long enough to read a park's name aloud. */
export const TOUR_CYCLE_MS = 4_000;

/**
 * The demo tour's automatic tooltip cycling: while `active`, steps through
 * `count` stops; restarts from the first whenever the list or the tour changes.
 * Returns -1 when inactive, so nothing is emphasised for a duty officer.
 */
export function useTourCycle(count: () => number, active: () => boolean, everyMs = TOUR_CYCLE_MS): ShallowRef<number> {
  return useCycle(count, active, everyMs);
}
