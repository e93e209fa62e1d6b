/**
 * The map's live layers: the density fills under the boundaries, and the alarm
 * rings and fault markers over them. They change with the data all day (an alarm
 * is raised and cleared by the fault feed, not by anyone at the wall); the
 * boundaries, the selection ring and the park markers change only when a duty
 * officer (or the tour) acts. So the live layers are painted on two plain canvases, one under and
 * one over the ECharts geo, and ECharts redraws only the still frame
 * (docs/ARCHITECTURE.md, "The map's live layers").
 *
 * Pure: a builder turns data plus the geo's projection into a paint list, which
 * paint-layers.ts draws. The projection is read back from the drawn ECharts geo,
 * so both canvases line up with ECharts' own boundaries at any view and size.
 */
import type { Theme } from '../../theme/theme';
import { designPx, type ChartSize } from '../../charts/types';
import { DESIGN, domainT, FRESH_MS, rampColor, type DistrictMapData, type FaultMarker } from './option';

/** Affine lng/lat → CSS px of the drawn geo: x = sx·lng + tx, y = sy·lat + ty (sy < 0: north is up). */
export interface Projection {
  sx: number;
  sy: number;
  tx: number;
  ty: number;
}

/**
 * The projection through two points and where the drawn geo put them. ECharts'
 * geo (no `projection` option) maps lng/lat linearly, with aspectScale folded
 * into the scales, so two points with distinct coordinates fix it.
 */
export function projectionFrom(
  a: readonly [number, number],
  pa: readonly number[] | undefined,
  b: readonly [number, number],
  pb: readonly number[] | undefined,
): Projection | null {
  if (!pa || !pb || a[0] === b[0] || a[1] === b[1]) return null;
  const sx = (pb[0]! - pa[0]!) / (b[0] - a[0]);
  const sy = (pb[1]! - pa[1]!) / (b[1] - a[1]);
  const p = { sx, sy, tx: pa[0]! - sx * a[0], ty: pa[1]! - sy * a[1] };
  return Object.values(p).every(Number.isFinite) && sx !== 0 && sy !== 0 ? p : null;
}

export function sameProjection(a: Projection | null, b: Projection | null): boolean {
  if (a === null || b === null) return a === b;
  // A hundredth of a pixel across the map: below anything a redraw would show.
  return Math.abs(a.sx - b.sx) < 1e-6 * Math.abs(a.sx) && Math.abs(a.sy - b.sy) < 1e-6 * Math.abs(a.sy) && Math.abs(a.tx - b.tx) < 0.01 && Math.abs(a.ty - b.ty) < 0.01;
}

export interface FillItem {
  name: string;
  rings: readonly Float64Array[];
  color: string;
  /** A drilled-down map dims the regions around the selected one. */
  alpha: number;
}

export interface FaultDot {
  x: number;
  y: number;
  /** Radius to the stroke's centre line, CSS px. */
  r: number;
  /** Fresh faults are filled; older ones are rings. */
  fill: string | null;
  stroke: string;
  width: number;
  /** Shadow blur in CSS px; 0 for none. */
  glow: number;
}

/** An alarmed region's outline, drawn over the boundaries in the fault colour. */
export interface AlarmRing {
  name: string;
  rings: readonly Float64Array[];
  color: string;
  /** Line width and glow in CSS px (the outline is stroked in screen space, not shape space). */
  width: number;
  glow: number;
}

export interface MapLayers {
  width: number;
  height: number;
  /**
   * CSS px from shape coordinates: x = a·X + e, y = d·Y + f. Null until the geo
   * has been drawn once and its projection read back: then nothing is painted.
   */
  transform: readonly [a: number, d: number, e: number, f: number] | null;
  fills: FillItem[];
  /** Under the fault markers, so a fault inside an alarmed region stays visible. */
  alarms: AlarmRing[];
  faults: FaultDot[];
}

const NO_DATA = 'rgba(148, 163, 184, 0.12)';
const STATUS_ORDER: Record<FaultMarker['status'], number> = { online: 0, offline: 1, silent: 2, fault: 3 };

/** What the two canvases draw for this data, at this size, under this projection. */
export function buildMapLayers(
  data: Pick<DistrictMapData, 'regions' | 'domain' | 'ramp' | 'faults' | 'selected' | 'alarmed' | 'shapes'>,
  theme: Theme,
  size: ChartSize,
  proj: Projection | null,
): MapLayers {
  const out: MapLayers = { width: size.width, height: size.height, transform: null, fills: [], alarms: [], faults: [] };
  if (!proj) return out;
  const px = designPx(size.u);
  const [ox, oy] = data.shapes.origin;
  out.transform = [proj.sx, proj.sy, proj.sx * ox + proj.tx, proj.sy * oy + proj.ty];

  const values = new Map(data.regions.map((r) => [r.name, r.value]));
  const alarmed = new Set(data.alarmed ?? []);
  for (const [name, rings] of data.shapes.byName) {
    const t = domainT(values.get(name) ?? null, data.domain);
    const dimmed = data.selected !== null && name !== data.selected && !alarmed.has(name);
    out.fills.push({ name, rings, color: t === null ? NO_DATA : rampColor(data.ramp, t), alpha: dimmed ? 0.4 : 1 });
    // The ring wins over the selection's (ECharts draws that one, under this canvas) and is never dimmed.
    if (alarmed.has(name)) out.alarms.push({ name, rings, color: theme.status.fault, width: px(DESIGN.selectedBorder), glow: px(16) });
  }

  // Worst last, so a fault is never hidden under an offline marker on the same spot.
  const faults = [...data.faults].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.ageMs - a.ageMs);
  for (const f of faults) {
    const fresh = f.ageMs < FRESH_MS;
    const color = theme.status[f.status];
    const x = proj.sx * f.lng + proj.tx;
    const y = proj.sy * f.lat + proj.ty;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    out.faults.push({
      x,
      y,
      r: px(fresh ? DESIGN.faultFresh : DESIGN.fault) / 2,
      fill: fresh ? color : null,
      stroke: color,
      width: px(fresh ? 2 : 1.8),
      glow: fresh ? px(10) : 0,
    });
  }
  return out;
}
