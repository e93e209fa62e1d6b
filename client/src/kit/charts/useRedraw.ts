import { effect, onBeforeUnmount, onMounted, shallowRef, stop, type ReactiveEffectRunner, type Ref } from 'vue';
import { onDrawable, usePane } from '../context/shown';
import { chartFrames } from './frame-queue';
import { chartStats, recordSlowDraw, SLOW_DRAW_MS } from './stats';
import type { ChartSize } from './types';

export interface RedrawOptions {
  /** At most one redraw per this many ms; the wall never needs more than 2/s. */
  minIntervalMs?: number;
}

/** What a renderer (ECharts, or a plain canvas) does at each point of the chart's life. */
export interface Renderer<T> {
  /** Mounted: create the drawing surface on the element. */
  mount(target: HTMLElement): void;
  /** The element's size changed (CSS px): resize at once, or the old bitmap is stretched for a beat. */
  resize(size: ChartSize): void;
  /** Draw a built value; `first` is the mount's own draw. */
  draw(value: T, first: boolean): void;
  /** Unmounted: release the surface. */
  dispose(): void;
}

/**
 * The life of one chart, whatever draws it: created on mount, redrawn through a
 * throttle and the shared frame queue, resized by a ResizeObserver, released on
 * unmount; nothing drawn while its pane is hidden or a container query hid it.
 *
 * `build` is tracked like a computed but not evaluated on every change: a change
 * only schedules a throttled flush, and the flush re-runs `build`. A wall receiving
 * ten deltas a second therefore rebuilds each chart at most twice a second.
 */
export function useRedraw<T>(
  el: Ref<HTMLElement | null>,
  u: () => number,
  build: (size: ChartSize) => T,
  renderer: Renderer<T>,
  opts: RedrawOptions = {},
) {
  const minInterval = opts.minIntervalMs ?? 500;
  const size = shallowRef<ChartSize>({ width: 0, height: 0, u: u() });
  let mounted = false;
  let runner: ReactiveEffectRunner<T> | null = null;
  let ro: ResizeObserver | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastFlush = 0;
  let pending = false;
  /**
   * Whether this chart's pane is shown or about to be (context/shown.ts): a rotating
   * slot's hidden pane draws nothing for nobody to see, until its warm-up before the
   * turn, when it draws what changed while it was away, so the turn need not. Told
   * explicitly, not read from a size: a hidden pane keeps its layout.
   */
  const pane = usePane();
  const drawable = pane.drawable;
  /**
   * Zero-size: a container query hid this tile (a compact variant), so drawing it is
   * wasted. On a 32:9 wall five of twelve charts were hidden and still redrew at
   * every update. Changes wait, as in a hidden pane, until the ResizeObserver sees a size.
   */
  let hidden = false;
  /** Whether the renderer has drawn the current build once; until then a flush must draw. */
  let drawn = false;
  /** Exposed for tests and the bench: how often the chart really redrew. */
  const updates = shallowRef(0);

  const flush = (): void => {
    timer = undefined;
    // A flush already queued when the pane turned away waits too: pending stays set for resume().
    if (!mounted || !runner || hidden || !drawable.value) return;
    pending = false;
    // Vue calls an effect's scheduler on every notification, even when a computed it
    // reads then hands back its previous value (stableComputed, the map's frame):
    // `dirty` re-checks those computeds, and a chart whose inputs kept their values
    // is not rebuilt or redrawn. A chart whose first draw waited (mounted hidden) has
    // a built value nobody has seen, so it draws whatever `dirty` says.
    if (drawn && !runner.effect.dirty) return;
    rebuildAndDraw(runner);
  };

  /** Rebuild and draw, timed: the one draw path of both the throttled flush and drawNow. */
  const rebuildAndDraw = (run: ReactiveEffectRunner<T>, adjust?: (value: T) => T): void => {
    drawn = true;
    lastFlush = performance.now();
    const value = run();
    // Counted first: ECharts fires 'finished' synchronously inside setOption, and
    // listeners that read the instance back (map labels) check `updates` to know it has an option.
    counted();
    const t = performance.now();
    renderer.draw(adjust ? adjust(value) : value, false);
    const ms = performance.now() - t;
    if (ms >= SLOW_DRAW_MS) recordSlowDraw(t, ms, el.value);
  };

  /** One more redraw: for the bench's counters, and on the element so a browser test can see which charts draw. */
  const counted = (): void => {
    updates.value++;
    chartStats.redraws++;
    if (el.value) el.value.dataset.draws = String(updates.value);
  };

  const scheduleFlush = (): void => {
    if (pending) return;
    pending = true;
    if (!drawable.value || hidden) return;
    const wait = Math.max(0, minInterval - (performance.now() - lastFlush));
    // A frame boundary coalesces a burst that arrives within one task queue turn, and
    // the shared queue spreads the wall's charts over frames (frame-queue.ts).
    if (wait === 0) chartFrames.schedule(flush);
    else timer = setTimeout(() => chartFrames.schedule(flush), wait);
  };

  /**
   * Draw the current build at once, outside the throttle and the frame queue: a duty
   * officer's click must not wait up to half a second. It takes the place of the
   * flush the change already scheduled, so the chart draws once, not twice. `adjust`
   * may rework the built value before it is drawn (the map's fly-to starts from the
   * old view). Hidden, it draws nothing and says so: the change waits for the pane,
   * like every other change.
   */
  const drawNow = (adjust?: (value: T) => T): boolean => {
    if (!mounted || !runner || hidden || !drawable.value) return false;
    clearTimeout(timer);
    timer = undefined;
    chartFrames.cancel(flush);
    pending = false;
    rebuildAndDraw(runner, adjust);
    return true;
  };

  /** Drawable again (its pane shown or warming, or the tile shown again): draw the changes that waited, which scheduleFlush set aside. */
  const resume = (): void => {
    if (!pending) return;
    pending = false;
    scheduleFlush();
  };

  const measure = (target: HTMLElement): void => {
    const next: ChartSize = { width: target.clientWidth, height: target.clientHeight, u: u() };
    // display:none (a container query's compact variant): keep the last real size, and draw nothing.
    if (next.width === 0 || next.height === 0) {
      hidden = true;
      return;
    }
    const reappeared = hidden;
    hidden = false;
    const prev = size.value;
    if (next.width !== prev.width || next.height !== prev.height || next.u !== prev.u) {
      size.value = next;
      if (mounted) renderer.resize(next);
    }
    if (reappeared) resume();
  };

  onMounted(() => {
    const target = el.value;
    if (!target) return;
    renderer.mount(target);
    mounted = true;
    chartStats.live++;
    chartStats.created++;
    measure(target);
    // effect() runs once immediately to collect dependencies; that run is the first frame.
    let first: T | undefined;
    let built = false;
    runner = effect(
      () => {
        built = true;
        return (first = build(size.value));
      },
      { scheduler: scheduleFlush },
    );
    if (hidden || !pane.shown.value) {
      // Mounted hidden: the first draw waits until the tile is drawable. Mounted in a
      // warming pane, it goes through the frame queue, not into the mount's own task.
      pending = true;
      target.dataset.draws = '0';
      if (!hidden && drawable.value) resume();
    } else {
      lastFlush = performance.now();
      counted();
      drawn = built;
      if (built) renderer.draw(first as T, true);
    }
    ro = new ResizeObserver(() => measure(target));
    ro.observe(target);
  });

  // About to be back in view: draw what waited. Turning away needs nothing: flushes check `drawable`.
  onDrawable(resume);

  onBeforeUnmount(() => {
    if (runner) stop(runner);
    runner = null;
    ro?.disconnect();
    ro = null;
    clearTimeout(timer);
    chartFrames.cancel(flush);
    if (mounted) {
      renderer.dispose();
      chartStats.live--;
    }
    mounted = false;
  });

  return { size, updates, drawNow };
}
