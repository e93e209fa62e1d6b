import type { Plot, PlotLine } from './plot';

/** A 1-CSS-px line on a whole device pixel: half a pixel off, or it smears over two rows. */
const crisp = (v: number, width: number, dpr: number): number => {
  const w = Math.max(1, Math.round(width * dpr));
  return (Math.round(v * dpr) + (w % 2 ? 0.5 : 0)) / dpr;
};

function tracePath(ctx: CanvasRenderingContext2D, line: PlotLine): void {
  const { xy, controls } = line;
  ctx.moveTo(xy[0]!, xy[1]!);
  for (let i = 0, k = 0; i + 3 < xy.length; i += 2, k += 4) {
    ctx.bezierCurveTo(controls[k]!, controls[k + 1]!, controls[k + 2]!, controls[k + 3]!, xy[i + 2]!, xy[i + 3]!);
  }
}

/**
 * Draws a Plot (built by a pure plot builder: buildTrendPlot, buildQuarterPlot) onto
 * a 2D canvas whose backing store is `dpr` device pixels per CSS px. Everything is
 * placed in CSS px, so the same plot is sharp at 1080p and on a 4K wall.
 */
export function paintPlot(ctx: CanvasRenderingContext2D, plot: Plot, dpr: number): void {
  const { box } = plot;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, plot.width, plot.height);
  // The default direction, 'inherit', makes Chromium resolve the canvas element's
  // computed style at every font change and fillText: when the frame's Vue flush has
  // just changed the DOM, that is a forced style recalc inside the paint (0.1–0.3 ms
  // each in Chromium 156 here, against about 0.01 ms with a fixed direction; see
  // docs/PERFORMANCE.md). The wall is left-to-right in both languages, so say so; a
  // resize resets the context's state, and every paint sets it again.
  ctx.direction = 'ltr';
  ctx.font = `${plot.font.px}px ${plot.font.family}`;
  ctx.fillStyle = plot.font.color;

  // Gridlines and their labels.
  ctx.strokeStyle = plot.grid.color;
  ctx.lineWidth = plot.grid.width;
  ctx.setLineDash(plot.grid.dash);
  ctx.beginPath();
  for (const t of plot.yTicks) {
    const y = crisp(t.y, plot.grid.width, dpr);
    ctx.moveTo(box.left, y);
    ctx.lineTo(box.right, y);
  }
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of plot.yTicks) ctx.fillText(t.text, box.left - plot.labelGap, t.y);

  // The time axis and its labels.
  ctx.strokeStyle = plot.axisLine.color;
  ctx.lineWidth = plot.axisLine.width;
  ctx.beginPath();
  const axisY = crisp(box.bottom, plot.axisLine.width, dpr);
  ctx.moveTo(box.left, axisY);
  ctx.lineTo(box.right, axisY);
  ctx.stroke();
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const l of plot.xLabels) ctx.fillText(l.text, l.x, box.bottom + plot.labelGap);

  // Lines and areas, clipped to the box (with room for the stroke at its edges).
  ctx.save();
  ctx.beginPath();
  const pad = Math.max(0, ...plot.lines.map((l) => l.width));
  ctx.rect(box.left, box.top - pad, box.right - box.left, box.bottom - box.top + pad);
  ctx.clip();
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  for (const line of plot.lines) {
    if (line.xy.length < 4) continue;
    if (line.area) {
      let top = box.bottom;
      for (let i = 1; i < line.xy.length; i += 2) top = Math.min(top, line.xy[i]!);
      const g = ctx.createLinearGradient(0, top, 0, box.bottom);
      g.addColorStop(0, line.area.top);
      g.addColorStop(1, line.area.bottom);
      ctx.beginPath();
      tracePath(ctx, line);
      ctx.lineTo(line.xy[line.xy.length - 2]!, box.bottom);
      ctx.lineTo(line.xy[0]!, box.bottom);
      ctx.closePath();
      ctx.fillStyle = g;
      ctx.fill();
    }
    ctx.beginPath();
    tracePath(ctx, line);
    ctx.strokeStyle = line.color;
    ctx.lineWidth = line.width;
    ctx.stroke();
  }
  ctx.restore();

  // The threshold: dashed across the box, its label above the line at one end.
  const th = plot.threshold;
  if (th && th.y >= box.top && th.y <= box.bottom) {
    const y = crisp(th.y, th.width, dpr);
    ctx.strokeStyle = th.color;
    ctx.lineWidth = th.width;
    ctx.setLineDash(th.dash);
    ctx.beginPath();
    ctx.moveTo(box.left, y);
    ctx.lineTo(box.right, y);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = th.color;
    ctx.textAlign = th.align;
    ctx.textBaseline = 'bottom';
    ctx.fillText(th.label, th.align === 'right' ? box.right : box.left + plot.labelGap, y - plot.labelGap / 2);
  }

  // Point symbols over the lines, then their value labels over everything.
  for (const m of plot.marks) {
    ctx.beginPath();
    ctx.arc(m.x, m.y, m.r, 0, Math.PI * 2);
    ctx.fillStyle = m.color;
    ctx.fill();
  }
  if (plot.labels.length) {
    const f = plot.labelFont;
    ctx.font = `${f.weight} ${f.px}px ${f.family}`;
    ctx.fillStyle = f.color;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    if (f.halo) {
      ctx.strokeStyle = f.halo;
      ctx.lineWidth = Math.max(1, f.px / 4);
      ctx.lineJoin = 'round';
      for (const l of plot.labels) ctx.strokeText(l.text, l.x, l.y);
    }
    for (const l of plot.labels) ctx.fillText(l.text, l.x, l.y);
  }
}
