import { markRaw, type Ref } from 'vue';
import { echarts, type WallChartOption } from './echarts';
import type { ChartSize } from './types';
import { useRedraw, type RedrawOptions } from './useRedraw';

export interface UseEChartOptions extends RedrawOptions {
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
 * through setOption with the builder's whole option (PERFORMANCE.md, "Whole option
 * or patch": a patch saved nothing), resized with its element, disposed on unmount.
 * When and whether it redraws is useRedraw's: throttled, through the shared frame
 * queue, never while hidden.
 */
export function useEChart(
  el: Ref<HTMLElement | null>,
  u: () => number,
  build: (size: ChartSize) => WallChartOption,
  opts: UseEChartOptions = {},
) {
  let chart: Instance | null = null;
  const replaceMerge = opts.replaceMerge ?? ['series'];
  const { size, updates, drawNow } = useRedraw(el, u, build, {
    mount(target) {
      chart = markRaw(echarts.init(target, undefined, { renderer: 'canvas', devicePixelRatio: window.devicePixelRatio || 1 }));
    },
    resize(next) {
      chart?.resize({ width: next.width, height: next.height, silent: true });
    },
    draw(option, first) {
      if (!chart) return;
      if (first) chart.setOption(option, { notMerge: true, silent: true });
      else chart.setOption(option, { replaceMerge, silent: true });
    },
    dispose() {
      chart?.dispose();
      chart = null;
    },
  }, opts);

  /**
   * The instance, once it holds an option: a chart mounted in a hidden pane has none
   * until its first turn, and reading it back (convertToPixel) before then throws
   * inside ECharts. Listeners on 'finished' ask this, since setOption fires it
   * synchronously, after the redraw is counted.
   */
  const drawn = (): Instance | null => (chart && !chart.isDisposed() && updates.value > 0 ? chart : null);

  return { size, updates, drawn, drawNow };
}
