import {
  effect,
  markRaw,
  onBeforeUnmount,
  onMounted,
  shallowRef,
  stop,
  type ReactiveEffectRunner,
  type Ref,
} from 'vue';
import { echarts, type WallChartOption } from './echarts';
import { onDrawable, usePane } from '../layout/shown';
import { chartFrames } from './frame-queue';
import { chartStats, recordSlowDraw, SLOW_DRAW_MS } from './stats';
import type { ChartSize } from './types';

export interface UseEChartOptions {
  /** At most one setOption per this many ms; the wall never needs more than 2/s. */
  minIntervalMs?: number;
  /**
   * Components replaced rather than merged on update. Builders return whole
   * options, so merging keeps the instance's objects and only 'series' needs
   * replacing (a series that disappears must go).
   */
  replaceMerge?: string[];
}

type Instance = ReturnType<typeof echarts.init>;

/**
 * Owns one ECharts instance for the life of a component: created once, updated
 * through setOption, resized by a ResizeObserver, disposed on unmount.
 *
 * `build` is tracked like a computed but not evaluated on every change: a change
 * only schedules a throttled flush, and the flush re-runs `build`. A wall receiving
 * ten deltas a second therefore rebuilds each chart at most twice a second.
 */
export function useEChart(
  el: Ref<HTMLElement | null>,
  u: () => number,
  build: (size: ChartSize) => WallChartOption,
  opts: UseEChartOptions = {},
) {
  const minInterval = opts.minIntervalMs ?? 500;
  const size = shallowRef<ChartSize>({ width: 0, height: 0, u: u() });
  let chart: Instance | null = null;
  let runner: ReactiveEffectRunner<WallChartOption> | null = null;
  let ro: ResizeObserver | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastFlush = 0;
  let pending = false;
  /**
   * Whether this chart's pane is shown or about to be (layout/shown.ts): a rotating
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
  /** Exposed for tests and the bench: how often setOption really ran. */
  const updates = shallowRef(0);

  const flush = (): void => {
    timer = undefined;
    // A flush already queued when the pane turned away waits too: pending stays set for resume().
    if (!chart || !runner || hidden || !drawable.value) return;
    pending = false;
    lastFlush = performance.now();
    const option = runner();
    // Counted first: setOption fires 'finished' synchronously, and listeners that
    // read the instance back (map labels) check `updates` to know it has an option.
    counted();
    const t = performance.now();
    chart.setOption(option, { replaceMerge: opts.replaceMerge ?? ['series'], silent: true });
    const ms = performance.now() - t;
    if (ms >= SLOW_DRAW_MS) recordSlowDraw(t, ms, el.value);
  };

  /** One more setOption: for the bench's counters, and on the element so a browser test can see which charts draw. */
  const counted = (): void => {
    updates.value++;
    chartStats.setOptions++;
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
      // Resize is cheap and must be immediate, or the old bitmap is stretched for a beat.
      chart?.resize({ width: next.width, height: next.height, silent: true });
    }
    if (reappeared) resume();
  };

  onMounted(() => {
    const target = el.value;
    if (!target) return;
    chart = markRaw(
      echarts.init(target, undefined, {
        renderer: 'canvas',
        devicePixelRatio: window.devicePixelRatio || 1,
      }),
    );
    chartStats.live++;
    chartStats.created++;
    measure(target);
    // effect() runs once immediately to collect dependencies; that run is the first frame.
    let first: WallChartOption | undefined;
    runner = effect(() => (first = build(size.value)), { scheduler: scheduleFlush });
    if (hidden || !pane.shown.value) {
      // Mounted hidden: the first draw waits until the tile is drawable. Mounted in a
      // warming pane, it goes through the frame queue, not into the mount's own task.
      pending = true;
      target.dataset.draws = '0';
      if (!hidden && drawable.value) resume();
    } else {
      lastFlush = performance.now();
      counted();
      if (first) chart.setOption(first, { notMerge: true, silent: true });
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
    if (chart) {
      chart.dispose();
      chartStats.live--;
    }
    chart = null;
  });

  /**
   * The instance, once it holds an option: a chart mounted in a hidden pane has none
   * until its first turn, and reading it back (convertToPixel) before then throws
   * inside ECharts. Listeners on 'finished' ask this, since setOption fires it
   * synchronously, after `counted()`.
   */
  const drawn = (): Instance | null => (chart && !chart.isDisposed() && updates.value > 0 ? chart : null);

  return { size, updates, drawn };
}
