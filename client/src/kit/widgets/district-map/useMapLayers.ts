import type { Ref } from 'vue';
import { useRedraw } from '../../charts/useRedraw';
import type { ChartSize } from '../../charts/types';
import type { Theme } from '../../theme/theme';
import { buildMapLayers, sameProjection, type MapLayers, type Projection } from './layers';
import type { DistrictMapData } from './option';
import { paintFills, paintOver } from './paint-layers';

/**
 * The map's two live canvases (layers.ts: fills under the geo; alarm rings and fault markers over it): redrawn through useRedraw like every
 * chart (throttled, queued, still while hidden) when the data changes, and at
 * once when the geo under them moves (a drill-down's fly-to, a resize), which the
 * caller reports through `project`.
 */
export function useMapLayers(
  el: Ref<HTMLElement | null>,
  under: Ref<HTMLCanvasElement | null>,
  over: Ref<HTMLCanvasElement | null>,
  u: () => number,
  data: () => DistrictMapData,
  theme: Theme,
  opts: { minIntervalMs: number },
) {
  /**
   * Read by the builder but not tracked: a new projection repaints at once
   * (project), not through the throttle, so fills never trail the boundaries.
   */
  let proj: Projection | null = null;
  let fills: CanvasRenderingContext2D | null = null;
  let overCtx: CanvasRenderingContext2D | null = null;
  let dpr = 1;
  let live = false;

  const paint = (layers: MapLayers): void => {
    if (fills) paintFills(fills, layers, dpr);
    if (overCtx) paintOver(overCtx, layers, dpr);
  };
  const build = (s: ChartSize): MapLayers => buildMapLayers(data(), theme, s, proj);

  const { size, updates } = useRedraw(el, u, build, {
    mount() {
      fills = under.value?.getContext('2d') ?? null;
      overCtx = over.value?.getContext('2d') ?? null;
      live = true;
    },
    resize(next) {
      dpr = window.devicePixelRatio || 1;
      for (const c of [under.value, over.value]) {
        if (!c) continue;
        c.width = Math.max(1, Math.round(next.width * dpr));
        c.height = Math.max(1, Math.round(next.height * dpr));
      }
      // Resizing clears both canvases: repaint now, with whatever projection the geo last reported.
      paint(build(next));
    },
    draw(layers) {
      paint(layers);
    },
    dispose() {
      live = false;
      fills = null;
      overCtx = null;
    },
  }, opts);

  return {
    size,
    updates,
    /** The geo was drawn: repaint at once if it now projects differently. */
    project(next: Projection | null): void {
      if (sameProjection(proj, next)) return;
      proj = next;
      if (live && size.value.width > 0) paint(build(size.value));
    },
    /** A duty officer's change (layer, drill-down): paint it now rather than after the throttle. */
    now(): void {
      if (live && size.value.width > 0) paint(build(size.value));
    },
  };
}
