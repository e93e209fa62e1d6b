import { onBeforeUnmount, shallowRef, watch, type ShallowRef } from 'vue';

/** How long each tooltip stays up during the tour: long enough to read a park's name aloud. */
export const TOUR_CYCLE_MS = 4_000;

/**
 * The demo tour's automatic tooltip cycling: while `active`, steps through
 * `count` stops; restarts from the first whenever the list or the tour changes.
 * Returns -1 when inactive, so nothing is emphasised for a duty officer.
 */
export function useTourCycle(count: () => number, active: () => boolean, everyMs = TOUR_CYCLE_MS): ShallowRef<number> {
  const index = shallowRef(-1);
  let timer: ReturnType<typeof setInterval> | undefined;
  watch(
    [active, count] as const,
    ([on, n]) => {
      clearInterval(timer);
      timer = undefined;
      index.value = on && n > 0 ? 0 : -1;
      if (on && n > 1) timer = setInterval(() => (index.value = (index.value + 1) % n), everyMs);
    },
    { immediate: true },
  );
  onBeforeUnmount(() => clearInterval(timer));
  return index;
}
