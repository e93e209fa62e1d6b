/** [[west, north], [east, south]] in WGS84, as ECharts' geo.boundingCoords wants it. */
export type BBox = [[number, number], [number, number]];

/** The parts of a GeoJSON feature this widget reads; the boundary file has more. */
export interface FeatureLike {
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

function walk(coords: unknown, visit: (lng: number, lat: number) => void): void {
  if (!Array.isArray(coords)) return;
  if (coords.length >= 2 && typeof coords[0] === 'number' && typeof coords[1] === 'number') {
    visit(coords[0], coords[1]);
    return;
  }
  for (const c of coords) walk(c, visit);
}

/**
 * Bounding box of features (Polygon or MultiPolygon, any nesting), padded by a
 * share of its size so a drilled-down region does not touch the tile edge.
 */
export function bboxOf(features: readonly FeatureLike[], pad = 0): BBox | null {
  let w = Infinity;
  let e = -Infinity;
  let s = Infinity;
  let n = -Infinity;
  for (const f of features) {
    walk(f.geometry.coordinates, (lng, lat) => {
      if (lng < w) w = lng;
      if (lng > e) e = lng;
      if (lat < s) s = lat;
      if (lat > n) n = lat;
    });
  }
  if (!(w <= e && s <= n)) return null;
  const dx = (e - w) * pad;
  const dy = (n - s) * pad;
  return [
    [w - dx, n + dy],
    [e + dx, s - dy],
  ];
}

/** cos(latitude) at the box's middle: the map's true east-west scale there. */
export function aspectScaleFor(b: BBox): number {
  const lat = (b[0][1] + b[1][1]) / 2;
  return Math.cos((lat * Math.PI) / 180);
}

export interface ParkLike {
  name: string;
  zone: string;
  subdistrict: string;
  lng: number;
  lat: number;
  accuracy: string;
}

export interface ParkGroup<P extends ParkLike> {
  id: string;
  lng: number;
  lat: number;
  /** A 片区 centre placed on this point, if any (its name carries "(中心)"). */
  anchor: P | null;
  /** Parks on this point, excluding the anchor. */
  parks: P[];
}

/** Names the parks file gives zone centres; they anchor a point rather than count as a park. */
export function isZoneCentre(name: string): boolean {
  return /[（(]中心[)）]\s*$/.test(name);
}

/**
 * Groups parks that share a position (to ~1 m). The parks file places the four
 * 保税区 parks whose sites are unknown on the 保税区 centre: drawn one by one they
 * would be four markers on one spot pretending to be four places.
 */
export function groupByPosition<P extends ParkLike>(parks: readonly P[]): ParkGroup<P>[] {
  const groups = new Map<string, ParkGroup<P>>();
  for (const p of parks) {
    const key = `${p.lng.toFixed(5)},${p.lat.toFixed(5)}`;
    let g = groups.get(key);
    if (!g) {
      g = { id: key, lng: p.lng, lat: p.lat, anchor: null, parks: [] };
      groups.set(key, g);
    }
    if (isZoneCentre(p.name) && g.anchor === null) g.anchor = p;
    else g.parks.push(p);
  }
  return [...groups.values()];
}

/** Display name without the address or note in brackets: 新一代产业园(中康路136号) → 新一代产业园. */
export function shortParkName(name: string): string {
  return name.replace(/[（(][^()（）]*[)）]\s*$/, '').trim() || name;
}

/**
 * Moves a label off a marker it would cover (福保's label point is 600 m from the
 * 保税区 cluster): to the right by `shift` px when within `radius` px of any anchor.
 */
export function nudge(at: readonly [number, number], anchors: ReadonlyArray<readonly [number, number]>, radius: number, shift: number): [number, number] {
  for (const a of anchors) {
    if (Math.hypot(at[0] - a[0], at[1] - a[1]) < radius) return [at[0] + shift, at[1]];
  }
  return [at[0], at[1]];
}

/**
 * Region outlines as flat [x0, y0, x1, y1, …] rings, relative to an origin near
 * the district: a canvas path holds float32 coordinates, and 114.05° in float32
 * is off by up to 0.4 px on a drilled-down 4K map, while 0.05° is exact enough.
 */
export interface RegionShapes {
  origin: readonly [number, number];
  /** Boundary-file name → all rings of its polygons (outer rings and holes, filled even-odd). */
  byName: ReadonlyMap<string, readonly Float64Array[]>;
}

export function regionShapes(features: readonly FeatureLike[]): RegionShapes {
  const rings: Array<[string, number[][]]> = [];
  let w = Infinity;
  let s = Infinity;
  for (const f of features) {
    const name = String(f.properties.name ?? '');
    const { type, coordinates } = f.geometry;
    const polys = (type === 'Polygon' ? [coordinates] : type === 'MultiPolygon' ? coordinates : []) as unknown[];
    const own: number[][] = [];
    for (const poly of polys) {
      if (!Array.isArray(poly)) continue;
      for (const ring of poly) {
        if (!Array.isArray(ring)) continue;
        const flat: number[] = [];
        for (const pt of ring) {
          if (!Array.isArray(pt) || typeof pt[0] !== 'number' || typeof pt[1] !== 'number') continue;
          flat.push(pt[0], pt[1]);
          if (pt[0] < w) w = pt[0];
          if (pt[1] < s) s = pt[1];
        }
        if (flat.length >= 6) own.push(flat);
      }
    }
    if (own.length > 0) rings.push([name, own]);
  }
  const origin: [number, number] = Number.isFinite(w) ? [w, s] : [0, 0];
  const byName = new Map<string, Float64Array[]>();
  for (const [name, own] of rings) {
    byName.set(
      name,
      own.map((flat) => Float64Array.from(flat, (v, i) => v - origin[i % 2]!)),
    );
  }
  return { origin, byName };
}

/** A label's box on screen, in px. */
export interface LabelRect {
  id: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
  /** Never left off (the selected region, a tour's pointer). */
  keep?: boolean;
}

/**
 * Labels to leave off so that none is drawn over another: those that must stay
 * first, then those colliding with the fewest others (most labels shown), ties in
 * the given order. In a small map (a 32:9 wall's column) the four small eastern
 * sub-districts' labels were drawn over each other (issue #41); the ranking beside
 * the map lists every value, so a label left off loses nothing.
 */
export function crowdedLabels(rects: readonly LabelRect[], gap = 2): string[] {
  const hit = (a: LabelRect, b: LabelRect): boolean =>
    a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;
  const conflicts = rects.map((a) => rects.filter((b) => b !== a && hit(a, b)).length);
  const order = rects
    .map((_, i) => i)
    .sort((i, j) => Number(rects[j]!.keep ?? false) - Number(rects[i]!.keep ?? false) || conflicts[i]! - conflicts[j]! || i - j);
  const kept: LabelRect[] = [];
  const out: string[] = [];
  for (const i of order) {
    const r = rects[i]!;
    if (!r.keep && kept.some((k) => hit(k, r))) out.push(r.id);
    else kept.push(r);
  }
  return out.sort();
}
