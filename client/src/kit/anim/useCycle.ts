import { onBeforeUnmount, shallowRef, watch, type ShallowRef } from 'vue';

/**
 * An index that steps through `count` stops from one timer while `active`, and
 * restarts from the first whenever the count or `active` changes. -1 while
 * inactive. One interval, and only while there is something to step: a wall runs
 * for weeks, so nothing here ticks for nobody.
 */
export function useCycle(count: () => number, active: () => boolean, everyMs: number): ShallowRef<number> {
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
