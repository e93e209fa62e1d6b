import type { Ref } from 'vue';
import type { ChartSize } from './types';
import { useRedraw, type RedrawOptions } from './useRedraw';

/** Paints a built plot onto a 2D context whose backing store has `dpr` device pixels per CSS px. */
export type Paint<T> = (ctx: CanvasRenderingContext2D, plot: T, dpr: number) => void;

/**
 * A chart drawn by its own painter on one canvas, for the charts that redraw all day
 * (the live trends). Same life as an ECharts chart (useRedraw: throttled, queued,
 * still while hidden); the canvas's backing store follows the element's size times
 * devicePixelRatio, so lines and text are drawn at the screen's real resolution.
 */
export function useCanvasPlot<T>(el: Ref<HTMLElement | null>, u: () => number, build: (size: ChartSize) => T, paint: Paint<T>, opts: RedrawOptions = {}) {
  let canvas: HTMLCanvasElement | null = null;
  let ctx: CanvasRenderingContext2D | null = null;
  let last: T | undefined;
  let dpr = 1;

  return useRedraw(
    el,
    u,
    build,
    {
      mount(target) {
        canvas = document.createElement('canvas');
        canvas.style.cssText = 'position:absolute;inset:0;width:100%;height:100%;display:block';
        target.append(canvas);
        ctx = canvas.getContext('2d');
      },
      resize(size) {
        if (!canvas) return;
        dpr = window.devicePixelRatio || 1;
        // Setting the size clears the canvas: repaint the last plot at once (its old
        // layout, for the frame or two until the rebuild) rather than show a blank tile.
        canvas.width = Math.max(1, Math.round(size.width * dpr));
        canvas.height = Math.max(1, Math.round(size.height * dpr));
        if (ctx && last !== undefined) paint(ctx, last, dpr);
      },
      draw(plot) {
        last = plot;
        if (ctx) paint(ctx, plot, dpr);
      },
      dispose() {
        canvas?.remove();
        canvas = null;
        ctx = null;
        last = undefined;
      },
    },
    opts,
  );
}

const measurers = new Map<string, (text: string, fontPx: number) => number>();

/**
 * Text widths for layout, from the canvas's own metrics in the wall's font. Axis
 * labels repeat ("40%", "14:20"), so widths are cached; the cache is cleared when it
 * grows past a few hundred entries rather than kept forever on a wall up for weeks.
 * One measurer per font family for the page: every canvas chart measures the same
 * labels, and one scratch canvas and one cache serve them all.
 */
export function canvasTextMeasure(family: string): (text: string, fontPx: number) => number {
  let m = measurers.get(family);
  if (!m) {
    m = createMeasure(family);
    measurers.set(family, m);
  }
  return m;
}

function createMeasure(family: string): (text: string, fontPx: number) => number {
  const ctx = document.createElement('canvas').getContext('2d');
  const cache = new Map<string, number>();
  return (text, fontPx) => {
    const key = `${fontPx}|${text}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    if (!ctx) return text.length * fontPx * 0.6;
    ctx.font = `${fontPx}px ${family}`;
    const w = ctx.measureText(text).width;
    if (cache.size > 400) cache.clear();
    cache.set(key, w);
    return w;
  };
}
