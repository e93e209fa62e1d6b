/**
 * Where the map goes in its box. ECharts stretches a map to fill a box given by
 * all four of left/right/top/bottom, which distorts the district in a tall or
 * wide tile; given a centre and a size it keeps the shape. The size it wants is
 * the longer side, so the caller must know the boundary file's aspect ratio.
 */
export interface GeoBox {
  center: [number, number];
  /** Longer side of the drawn map, in px. */
  size: number;
}

/** Width ÷ height of a FeatureCollection's bounding box in degrees, times ECharts' aspectScale. */
export function bboxAspect(fc: { features: ReadonlyArray<{ geometry: { coordinates: unknown } }> }, aspectScale: number): number | null {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (c.length >= 2 && typeof c[0] === 'number' && typeof c[1] === 'number') {
      minX = Math.min(minX, c[0]);
      maxX = Math.max(maxX, c[0]);
      minY = Math.min(minY, c[1]);
      maxY = Math.max(maxY, c[1]);
      return;
    }
    for (const x of c) visit(x);
  };
  for (const f of fc.features) visit(f.geometry.coordinates);
  if (!(maxX > minX) || !(maxY > minY)) return null;
  return ((maxX - minX) / (maxY - minY)) * aspectScale;
}

/** Largest box of the given aspect that fits inside the padded area, centred in it. */
export function fitBox(
  width: number,
  height: number,
  pad: { left: number; right: number; top: number; bottom: number },
  aspect: number,
): GeoBox {
  const w = Math.max(1, width - pad.left - pad.right);
  const h = Math.max(1, height - pad.top - pad.bottom);
  const mapW = Math.min(w, h * aspect);
  const mapH = mapW / aspect;
  return { center: [pad.left + w / 2, pad.top + h / 2], size: Math.max(mapW, mapH) };
}
