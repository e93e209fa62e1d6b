import type { ScatterSeriesOption } from 'echarts/charts';
import type { DeviceKind, EffectiveStatus } from '@futian/shared';
import type { WallExtraChartOption } from '../../charts/echarts-extra';
import { designPx, type ChartSize, type OptionBuilder } from '../../charts/types';
import type { Theme } from '../../theme/theme';
import type { BBox, RegionShapes } from './geometry';

export interface RegionDatum {
  /** The boundary file's `name`, which ECharts matches regions on (e.g. 香蜜湖街道). */
  name: string;
  value: number | null;
}

export interface MapPoint {
  id: string;
  lng: number;
  lat: number;
  /** zone: a 片区 centre; park: one park; cluster: several parks placed on one point. */
  type: 'zone' | 'park' | 'cluster';
  /** Parks in a cluster, printed on its marker. */
  count?: number;
}

export interface FaultMarker {
  id: number;
  lng: number;
  lat: number;
  kind: DeviceKind;
  status: EffectiveStatus;
  /** Since the fault event; fresh faults are drawn larger. */
  ageMs: number;
}

export type Ramp = 'cool' | 'alert';

export interface DistrictMapData {
  /** Name the boundary file was registered under. */
  map: string;
  regions: readonly RegionDatum[];
  /** Colour domain; values are clamped into it. */
  domain: { min: number; max: number };
  ramp: Ramp;
  points: readonly MapPoint[];
  faults: readonly FaultMarker[];
  /** Drilled-down region, drawn with an accent outline while the others dim. */
  selected: string | null;
  /** Regions with an active alarm (boundary-file names): a red outline that wins over selection. */
  alarmed?: readonly string[];
  /** Area the map fits: the whole district, or the selected region. */
  view: BBox;
  /** cos(latitude): a degree of longitude is this much shorter than one of latitude. */
  aspectScale: number;
  /** The regions' outlines for the fill canvas (layers.ts), built once per boundary file. */
  shapes: RegionShapes;
}

/**
 * What ECharts draws: boundaries, the selection ring, park markers. It changes
 * only when someone acts (drill-down, back), so ECharts redraws only then; the
 * fills, alarm rings and fault markers that change with the data are the
 * canvases' (layers.ts). Alarm rings were ECharts' until the 4K heap runs showed
 * the fault feed raising and clearing alarms every few minutes, each a full
 * ECharts redraw of the map (docs/ARCHITECTURE.md, "The map's live layers").
 */
export interface MapFrame {
  map: string;
  /** Region names (boundary file), for their outline styles. */
  names: readonly string[];
  points: readonly MapPoint[];
  selected: string | null;
  view: BBox;
  aspectScale: number;
}

export function frameOf(data: DistrictMapData): MapFrame {
  return {
    map: data.map,
    names: data.regions.map((r) => r.name),
    points: data.points,
    selected: data.selected,
    view: data.view,
    aspectScale: data.aspectScale,
  };
}

/** True when two frames draw the same picture, so the caller keeps the old one and ECharts is not redrawn. */
export function sameFrame(a: MapFrame, b: MapFrame): boolean {
  return (
    a.map === b.map &&
    a.points === b.points &&
    a.selected === b.selected &&
    a.view === b.view &&
    a.aspectScale === b.aspectScale &&
    a.names.join('|') === b.names.join('|')
  );
}

/** Design px, multiplied by size.u. */
export const DESIGN = {
  border: 1.2,
  selectedBorder: 3,
  park: 11,
  zone: 15,
  cluster: 30,
  fault: 9,
  faultFresh: 15,
  clusterFont: 14,
  inset: 12,
} as const;

/** A fault this recent is drawn larger, so a new one catches the eye. */
export const FRESH_MS = 60_000;

/** Colour stops per ramp, from low to high. Dark-to-bright reads as "more" on a dark wall. */
export const RAMPS: Readonly<Record<Ramp, readonly string[]>> = {
  cool: ['#0b2a4a', '#0e4c7a', '#0f7aa8', '#1fb6d6', '#7ee8fa'],
  alert: ['#1c2640', '#4a2a4f', '#86304f', '#c93a55', '#fb7185'],
};

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Colour at t ∈ [0, 1] along a ramp, linearly between stops. */
export function rampColor(ramp: Ramp, t: number): string {
  const stops = RAMPS[ramp];
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const a = hexToRgb(stops[i]!);
  const b = hexToRgb(stops[i + 1]!);
  const f = x - i;
  const c = a.map((v, k) => Math.round(v + (b[k]! - v) * f));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** Where a value sits in the domain, 0–1; null values are "no data". */
export function domainT(value: number | null, domain: { min: number; max: number }): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const span = domain.max - domain.min;
  return span > 0 ? (value - domain.min) / span : 1;
}

/**
 * True when two data sets draw the same picture: region values equal to the
 * displayed precision, the same fault markers (and freshness), selection, view
 * and ramp. Lets the caller keep its previous object, so a delta that changed
 * nothing visible costs no repaint of the live layers (and no frame check).
 */
export function sameMapData(a: DistrictMapData, b: DistrictMapData, precision = 0.05): boolean {
  if (a.map !== b.map || a.ramp !== b.ramp || a.selected !== b.selected || a.view !== b.view || a.points !== b.points) return false;
  if (a.shapes !== b.shapes) return false;
  if (a.aspectScale !== b.aspectScale) return false;
  if ((a.alarmed ?? []).join('|') !== (b.alarmed ?? []).join('|')) return false;
  const near = (x: number | null, y: number | null): boolean => (x === null || y === null ? x === y : Math.abs(x - y) < precision);
  if (!near(a.domain.min, b.domain.min) || !near(a.domain.max, b.domain.max)) return false;
  if (a.regions.length !== b.regions.length || a.faults.length !== b.faults.length) return false;
  for (let i = 0; i < a.regions.length; i++) {
    const ra = a.regions[i]!;
    const rb = b.regions[i]!;
    if (ra.name !== rb.name || !near(ra.value, rb.value)) return false;
  }
  for (let i = 0; i < a.faults.length; i++) {
    const fa = a.faults[i]!;
    const fb = b.faults[i]!;
    if (fa.id !== fb.id || fa.status !== fb.status || fa.ageMs < FRESH_MS !== fb.ageMs < FRESH_MS) return false;
  }
  return true;
}

export const buildMapOption: OptionBuilder<MapFrame, WallExtraChartOption> = (data: MapFrame, theme: Theme, size: ChartSize) => {
  const px = designPx(size.u);
  // Transparent, not absent: ECharts still hit-tests the area for clicks and hover.
  const clear = 'rgba(0, 0, 0, 0)';
  const edge = 'rgba(126, 232, 250, 0.55)';

  const regions = data.names.map((name) => {
    const selected = name === data.selected;
    // An alarmed region's red ring is painted over this, undimmed, by the fault canvas.
    const dimmed = data.selected !== null && !selected;
    const ring = selected ? theme.accent : null;
    return {
      name,
      itemStyle: {
        areaColor: clear,
        borderColor: ring ?? edge,
        borderWidth: px(ring ? DESIGN.selectedBorder : DESIGN.border),
        opacity: dimmed ? 0.4 : 1,
        shadowColor: ring ?? 'transparent',
        shadowBlur: ring ? px(16) : 0,
      },
    };
  });

  const points: ScatterSeriesOption['data'] = data.points.map((p) => {
    const cluster = p.type === 'cluster';
    return {
      id: p.id,
      name: p.id,
      value: [p.lng, p.lat],
      symbol: p.type === 'park' ? 'diamond' : 'circle',
      symbolSize: px(cluster ? DESIGN.cluster : p.type === 'zone' ? DESIGN.zone : DESIGN.park),
      itemStyle: {
        color: cluster ? 'rgba(251, 191, 36, 0.25)' : p.type === 'zone' ? 'rgba(45, 212, 191, 0.25)' : '#fde68a',
        borderColor: cluster ? theme.stale : p.type === 'zone' ? theme.accent2 : '#b45309',
        borderWidth: px(cluster ? 2.5 : 1.5),
        borderType: p.type === 'zone' ? 'dashed' : 'solid',
      },
      label: cluster
        ? {
            show: true,
            formatter: String(p.count ?? ''),
            color: theme.text,
            fontSize: px(DESIGN.clusterFont),
            fontWeight: 700,
            fontFamily: theme.font,
          }
        : { show: false },
    };
  });

  return {
    backgroundColor: 'transparent',
    // The wall is still by design; a drill-down glides (Component.vue's fly-to), the DOM labels follow.
    animation: false,
    geo: {
      map: data.map,
      roam: false,
      aspectScale: data.aspectScale,
      boundingCoords: data.view,
      // A box rather than layoutCenter/layoutSize: ECharts sizes the latter by the
      // container's shorter side, which leaves a wide tile's map at half its room.
      left: px(DESIGN.inset),
      right: px(DESIGN.inset),
      top: px(DESIGN.inset),
      bottom: px(DESIGN.inset),
      selectedMode: false,
      silent: false,
      label: { show: false },
      itemStyle: { areaColor: clear, borderColor: edge, borderWidth: px(DESIGN.border) },
      emphasis: { label: { show: false }, itemStyle: { areaColor: 'rgba(34, 211, 238, 0.35)' } },
      regions,
    },
    series: [
      {
        type: 'scatter',
        id: 'parks',
        coordinateSystem: 'geo',
        geoIndex: 0,
        silent: true,
        z: 3,
        data: points,
      },
    ],
  };
};
