import type { MapLayers } from './layers';

/**
 * One Path2D per region, built on first paint and kept while the boundary file is:
 * the rings are in shape coordinates, and the canvas transform places them, so a
 * fly-to or a resize repaints without rebuilding a path.
 */
const paths = new WeakMap<readonly Float64Array[], Path2D>();
function pathOf(rings: readonly Float64Array[]): Path2D {
  let p = paths.get(rings);
  if (p) return p;
  p = new Path2D();
  for (const ring of rings) {
    p.moveTo(ring[0]!, ring[1]!);
    for (let i = 2; i + 1 < ring.length; i += 2) p.lineTo(ring[i]!, ring[i + 1]!);
    p.closePath();
  }
  paths.set(rings, p);
  return p;
}

function clear(ctx: CanvasRenderingContext2D): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
}

/** The density fills, under the ECharts boundaries (whose lines cover the seams between fills). */
export function paintFills(ctx: CanvasRenderingContext2D, layers: MapLayers, dpr: number): void {
  clear(ctx);
  const t = layers.transform;
  if (!t) return;
  ctx.setTransform(t[0] * dpr, 0, 0, t[1] * dpr, t[2] * dpr, t[3] * dpr);
  for (const f of layers.fills) {
    ctx.globalAlpha = f.alpha;
    ctx.fillStyle = f.color;
    // Even-odd: a polygon's holes stay holes.
    ctx.fill(pathOf(f.rings), 'evenodd');
  }
  ctx.globalAlpha = 1;
}

/**
 * Alarm rings, then fault markers, over the boundaries and park markers. The rings
 * are stroked in device px: the shape transform scales x and y differently
 * (aspectScale), which would stretch a line drawn under it.
 */
export function paintOver(ctx: CanvasRenderingContext2D, layers: MapLayers, dpr: number): void {
  clear(ctx);
  const t = layers.transform;
  if (!t) return;
  if (layers.alarms.length > 0) {
    const m = new DOMMatrix([t[0] * dpr, 0, 0, t[1] * dpr, t[2] * dpr, t[3] * dpr]);
    ctx.lineJoin = 'round';
    for (const a of layers.alarms) {
      // Alarms are rare and short-lived: a transformed copy per paint is cheaper than caching one per projection.
      const path = new Path2D();
      path.addPath(pathOf(a.rings), m);
      ctx.lineWidth = a.width * dpr;
      ctx.strokeStyle = a.color;
      ctx.shadowBlur = a.glow * dpr;
      ctx.shadowColor = a.color;
      ctx.stroke(path);
    }
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  for (const f of layers.faults) {
    ctx.beginPath();
    ctx.arc(f.x, f.y, f.r, 0, Math.PI * 2);
    // The shadow is in device px: the transform does not scale it.
    ctx.shadowBlur = f.glow * dpr;
    ctx.shadowColor = f.glow > 0 ? f.stroke : 'transparent';
    if (f.fill) {
      ctx.fillStyle = f.fill;
      ctx.fill();
    }
    ctx.lineWidth = f.width;
    ctx.strokeStyle = f.stroke;
    ctx.stroke();
  }
  // The rings' glow and the markers' share one reset, so the next paint starts without a shadow.
  ctx.shadowBlur = 0;
  ctx.shadowColor = 'transparent';
}
