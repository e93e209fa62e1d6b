import { computed, inject, onBeforeUnmount, onMounted, type ComputedRef, type InjectionKey } from 'vue';

/**
 * Whether the module this component belongs to is the one its slot shows.
 *
 * A rotating slot keeps every module it has shown mounted and laid out, stacked,
 * with all but the current one under `content-visibility: hidden` (ModulePane).
 * That is what makes a turn cost a paint: the old design (KeepAlive) moved the
 * outgoing module's DOM into a detached fragment and back, and every return
 * restyled and laid out the whole subtree, 35–121 ms at 3840×2160 (PERFORMANCE.md).
 *
 * A hidden pane's components are paused as well (ModulePane), so they neither
 * re-render nor run watchers. Timers and animations are not effects, so components
 * that own some (charts, the fault ticker) and the map's keyboard listen here.
 */
export interface PaneVisibility {
  shown: ComputedRef<boolean>;
  /**
   * Shown, or warming for its turn with its components caught up. Charts draw for
   * this, not for `shown`: a chart that waited for `shown` drew everything that
   * changed while its module was away at the turn itself, one 15–20 ms frame per
   * chart at 4K, and that was where the turn's long tasks came from (PERFORMANCE.md).
   * Canvas drawing needs no layout or paint, so it can happen in a hidden pane; the
   * turn is then left with the compositor's work. The keyboard and the fault ticker
   * stay on `shown`: a hidden pane must neither take keys nor scroll.
   */
  drawable: ComputedRef<boolean>;
  /** Called on every turn into or out of view; returns the unsubscribe. */
  listen(show: () => void, hide: () => void): () => void;
  /** Called each time the pane becomes drawable; returns the unsubscribe. */
  listenDrawable(start: () => void): () => void;
}

export const SHOWN_KEY: InjectionKey<PaneVisibility> = Symbol('wall-module-shown');

const TRUE = computed(() => true);
const ALWAYS: PaneVisibility = { shown: TRUE, drawable: TRUE, listen: () => () => undefined, listenDrawable: () => () => undefined };

/** Outside a rotating slot (wide walls, ?screen=, tests) a module is always shown. */
export function usePane(): PaneVisibility {
  return inject(SHOWN_KEY, ALWAYS);
}

export function useShown(): ComputedRef<boolean> {
  return usePane().shown;
}

/**
 * Calls `show` / `hide` on every turn into or out of view, and `show` once at mount
 * when mounted visible. Not a watcher: a hidden pane's watchers are paused, and a
 * paused watcher would hear of the turn only after it was over. The pane calls
 * `hide` before it pauses and `show` after it resumes.
 */
export function onShownChange(show: () => void, hide: () => void): ComputedRef<boolean> {
  const pane = usePane();
  onMounted(() => {
    if (pane.shown.value) show();
  });
  const off = pane.listen(show, hide);
  onBeforeUnmount(off);
  return pane.shown;
}

/**
 * Calls `start` each time the pane becomes drawable (shown, or warmed up for its
 * turn). Not a watcher, for the reason onShownChange gives.
 */
export function onDrawable(start: () => void): ComputedRef<boolean> {
  const pane = usePane();
  const off = pane.listenDrawable(start);
  onBeforeUnmount(off);
  return pane.drawable;
}
