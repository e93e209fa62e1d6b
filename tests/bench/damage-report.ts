/**
 * What a Chromium trace says about the compositor's frames: how many it drew, how
 * long each took, and how much of the screen each redrew.
 *
 * Viz (the compositor in the GPU process) redraws one rectangle per frame, the
 * bounding box of everything that changed (`root_damage_rect` on the
 * "DirectRenderer::DrawFrame ProcessForOverlays" event), inside the frame's
 * "Display::DrawAndSwap". With software compositing the cost of a frame follows that
 * rectangle's area, so two small changes far apart cost the whole box between them.
 */
export interface TraceEvent {
  name: string;
  /** µs */
  ts: number;
  /** µs, for complete events */
  dur?: number;
  args?: Record<string, unknown>;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface DrawnFrame {
  /** µs, the frame's DrawAndSwap start */
  ts: number;
  /** ms the GPU process spent drawing and swapping it */
  ms: number;
  /** The redrawn rectangle, or null when the trace did not say */
  damage: Rect | null;
}

export const DRAW_EVENT = 'Display::DrawAndSwap';
export const DAMAGE_EVENT = 'DirectRenderer::DrawFrame ProcessForOverlays';

/** "x,y wxh" as viz prints a gfx::Rect. */
export function parseRect(s: unknown): Rect | null {
  const m = /^(-?\d+),(-?\d+) (\d+)x(\d+)$/.exec(String(s ?? '').trim());
  return m ? { x: Number(m[1]), y: Number(m[2]), w: Number(m[3]), h: Number(m[4]) } : null;
}

/** Each DrawAndSwap with the damage rectangle reported inside it. */
export function drawnFrames(events: readonly TraceEvent[]): DrawnFrame[] {
  const draws = events.filter((e) => e.name === DRAW_EVENT && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  const damages = events.filter((e) => e.name === DAMAGE_EVENT).sort((a, b) => a.ts - b.ts);
  const out: DrawnFrame[] = [];
  let j = 0;
  for (const d of draws) {
    const end = d.ts + d.dur!;
    // Damage events before this draw belong to no draw we kept (the trace began mid-frame).
    while (j < damages.length && damages[j]!.ts < d.ts) j++;
    let damage: Rect | null = null;
    if (j < damages.length && damages[j]!.ts <= end) damage = parseRect(damages[j++]!.args?.root_damage_rect);
    out.push({ ts: d.ts, ms: d.dur! / 1000, damage });
  }
  return out;
}

export interface FrameSummary {
  seconds: number;
  frames: number;
  framesPerS: number;
  /** ms of GPU-process time per second spent drawing frames */
  drawMsPerS: number;
  /** mean megapixels redrawn per frame */
  meanMp: number;
  /** frames whose damage was at least `bigMp` megapixels, and their share of the draw time */
  big: { frames: number; drawShare: number };
  slowestMs: number;
}

export function summarize(frames: readonly DrawnFrame[], seconds: number, bigMp = 2): FrameSummary {
  const area = (f: DrawnFrame): number => (f.damage ? (f.damage.w * f.damage.h) / 1e6 : 0);
  const total = frames.reduce((s, f) => s + f.ms, 0);
  const big = frames.filter((f) => area(f) >= bigMp);
  return {
    seconds,
    frames: frames.length,
    framesPerS: seconds > 0 ? frames.length / seconds : 0,
    drawMsPerS: seconds > 0 ? total / seconds : 0,
    meanMp: frames.length ? frames.reduce((s, f) => s + area(f), 0) / frames.length : 0,
    big: { frames: big.length, drawShare: total > 0 ? big.reduce((s, f) => s + f.ms, 0) / total : 0 },
    slowestMs: frames.reduce((m, f) => Math.max(m, f.ms), 0),
  };
}

export interface Region {
  /** The damage rectangle snapped to a `grid`-px grid, "x,y wxh" */
  key: string;
  frames: number;
  drawMs: number;
  meanMp: number;
}

/** Damage grouped by where it was (rectangles snapped to a grid), most draw time first. */
export function regions(frames: readonly DrawnFrame[], grid = 200, top = 8): Region[] {
  const by = new Map<string, { frames: number; drawMs: number; area: number }>();
  for (const f of frames) {
    if (!f.damage) continue;
    const s = (v: number): number => Math.floor(v / grid) * grid;
    const key = `${s(f.damage.x)},${s(f.damage.y)} ${s(f.damage.w)}x${s(f.damage.h)}`;
    const r = by.get(key) ?? { frames: 0, drawMs: 0, area: 0 };
    r.frames++;
    r.drawMs += f.ms;
    r.area += f.damage.w * f.damage.h;
    by.set(key, r);
  }
  return [...by]
    .map(([key, r]) => ({ key, frames: r.frames, drawMs: r.drawMs, meanMp: r.area / r.frames / 1e6 }))
    .sort((a, b) => b.drawMs - a.drawMs)
    .slice(0, top);
}
