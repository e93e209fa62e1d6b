/**
 * Process-wide chart counters for leak tests and the bench: `live` must stay flat
 * over a long run, and `redraws` per minute (ECharts setOptions and canvas paints
 * alike, counted by useRedraw) shows the throttle working. Kept apart from useEChart
 * so reading them does not pull ECharts into the entry chunk.
 */
export const chartStats = {
  live: 0,
  created: 0,
  redraws: 0,
  /**
   * The latest redraws that took a long task's worth on their own, and which tile
   * they were. The frame queue cannot split one redraw, so these are the long
   * tasks it leaves; the bench names them by tile. Bounded: the latest SLOW_DRAWS_KEPT.
   */
  slowDraws: [] as Array<{ at: number; ms: number; chart: string; width: number; height: number }>,
};

/** A redraw this long is a long task by itself (the browser's 50 ms). */
export const SLOW_DRAW_MS = 50;
const SLOW_DRAWS_KEPT = 200;

export function recordSlowDraw(at: number, ms: number, el: HTMLElement | null): void {
  // The tile says which chart: its data-tile where a module names it, else the tile's primary metric.
  const tile = el?.closest<HTMLElement>('[data-tile]')?.dataset.tile ?? el?.closest<HTMLElement>('.tile')?.dataset.metric;
  const pane = el?.closest<HTMLElement>('[data-pane]')?.dataset.pane;
  const chart = [pane, tile].filter(Boolean).join('/') || 'chart';
  chartStats.slowDraws.push({ at, ms, chart, width: el?.clientWidth ?? 0, height: el?.clientHeight ?? 0 });
  if (chartStats.slowDraws.length > SLOW_DRAWS_KEPT) chartStats.slowDraws.shift();
}

declare global {
  interface Window {
    readonly __wallCharts?: Readonly<typeof chartStats>;
  }
}
