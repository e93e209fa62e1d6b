import {
  CORE_CATEGORIES,
  ENTERPRISE_TIERS,
  KEY_SECTORS,
  simulatedFirmName,
  SUBDISTRICTS,
  subdistrictByName,
  type ApproxPos,
  type BoardConfig,
  type CoreCategoryId,
  type IndustryConfig,
  type IndustryRegistry,
  type Label,
  type RegistryCarrier,
  type RegistryEnterprise,
  type RegistryPlace,
  type SectorId,
  type TierId,
} from '@futian/shared';

/** A park point of the parks file, by its name. */
export interface ParkAnchor {
  name: string;
  subdistrict: string;
  lng: number;
  lat: number;
}

/** A sub-district outline: outer rings of its polygons, WGS84 [lng, lat] pairs. */
export interface RegionOutline {
  adcode: string;
  rings: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
}

/** mulberry32: small, fast, and the same sequence on every platform for a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T extends string>(rng: () => number, weights: ReadonlyArray<readonly [T, number]>): T {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [k, w] of weights) {
    r -= w;
    if (r < 0) return k;
  }
  return weights[weights.length - 1]![0];
}

export function insideRing(lng: number, lat: number, ring: ReadonlyArray<readonly [number, number]>): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Outer rings of each sub-district polygon from the boundary GeoJSON. */
export function outlinesOf(boundaries: { features: Array<{ properties: Record<string, unknown>; geometry: unknown }> }): RegionOutline[] {
  const out: RegionOutline[] = [];
  for (const f of boundaries.features) {
    const sd = subdistrictByName(String(f.properties.name ?? ''));
    const g = f.geometry as { type?: string; coordinates?: unknown } | null;
    if (!sd || !g) continue;
    const polys = (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? (g.coordinates as unknown[]) : []) as Array<Array<Array<[number, number]>>>;
    out.push({ adcode: sd.adcode, rings: polys.map((p) => p[0] ?? []) });
  }
  return out;
}

/** A uniformly random point inside the outline (rejection sampling on its bounding box). */
function pointIn(rng: () => number, o: RegionOutline): [number, number] | null {
  const pts = o.rings.flat();
  if (pts.length === 0) return null;
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (let i = 0; i < 200; i++) {
    const lng = x0 + rng() * (x1 - x0);
    const lat = y0 + rng() * (y1 - y0);
    if (o.rings.some((r) => insideRing(lng, lat, r))) return [lng, lat];
  }
  return null;
}

const round = (v: number): number => Math.round(v * 1e6) / 1e6;

export interface GenerateInput {
  config: IndustryConfig;
  boards: BoardConfig;
  parks: readonly ParkAnchor[];
  outlines: readonly RegionOutline[];
}

/**
 * The registry: configuration's named entries, then the simulated rest from the
 * seed. Pure: the same input gives the same registry, byte for byte.
 */
export function generateRegistry({ config, boards, parks, outlines }: GenerateInput): IndustryRegistry {
  const sim = config.simulation;
  const rng = seededRandom(sim.seed);
  const parkBy = new Map(parks.map((p) => [p.name, p]));
  const outlineBy = new Map(outlines.map((o) => [o.adcode, o]));
  const boardOf = new Map<SectorId, string>();
  for (const b of boards.boards) for (const s of b.sectors) boardOf.set(s, b.id);

  // A named entry's place: beside its anchor, a few tens of metres off so that
  // entries sharing an anchor are not drawn on one spot (and the offset says 近似).
  let spread = 0;
  const anchored = (a: { park?: string | undefined; subdistrict?: string | undefined } | undefined): { pos: ApproxPos; subdistrict: string | null } | null => {
    const k = spread++;
    const dx = ((k % 3) - 1) * 0.0006;
    const dy = (Math.floor(k / 3) % 3 - 1) * 0.0005;
    if (a?.park) {
      const p = parkBy.get(a.park);
      if (!p) return null;
      const sd = subdistrictByName(p.subdistrict);
      return {
        pos: { lng: round(p.lng + dx), lat: round(p.lat + dy), placedBy: { zh: `置于“${a.park}”点位附近（近似）`, en: `Placed near the "${a.park}" point (approximate)` } },
        subdistrict: sd?.adcode ?? null,
      };
    }
    if (a?.subdistrict) {
      const sd = SUBDISTRICTS.find((s) => s.adcode === a.subdistrict);
      if (!sd) return null;
      return {
        pos: { lng: round(sd.cp[0] + dx), lat: round(sd.cp[1] + dy), placedBy: { zh: `置于${sd.zh}中心附近（近似）`, en: `Placed near the centre of ${sd.en} (approximate)` } },
        subdistrict: sd.adcode,
      };
    }
    return null;
  };

  const CLASSIFIED: Label = { zh: '行业与门类为本项目归类（配置），原文未给出', en: "Sector and category are this project's classification (configuration), not the letter's" };

  // ---- Named places (原文点名) ----
  const places: RegistryPlace[] = config.places.map((p) => {
    const at = anchored(p.anchor);
    return {
      id: p.id,
      name: p.name,
      kind: p.kind,
      subdistrict: at?.subdistrict ?? null,
      pos: at?.pos ?? null,
      status: p.status,
      output: p.output ? { value: p.output.value, source: 'F', note: p.output.note } : null,
      named: true,
      source: 'F',
      role: p.role,
      enterprises: 0,
    };
  });
  const placeBy = new Map(places.map((p) => [p.id, p]));

  // ---- Named firms (原文点名) ----
  const enterprises: RegistryEnterprise[] = config.enterprises.map((e) => {
    const place = e.place ? placeBy.get(e.place) : undefined;
    const at = place?.pos ? { pos: place.pos, subdistrict: place.subdistrict } : anchored(e.anchor);
    return {
      id: e.id,
      name: e.name,
      sector: e.sector,
      category: e.category,
      board: boardOf.get(e.sector) ?? null,
      tier: null,
      subdistrict: at?.subdistrict ?? null,
      place: e.place ?? null,
      pos: at?.pos ?? null,
      since: e.since ?? null,
      named: true,
      source: 'F',
      role: e.role,
      classifiedBy: CLASSIFIED,
    };
  });

  // ---- Simulated 数字经济专业楼宇 (模拟) ----
  const sdWeights = SUBDISTRICTS.map((s) => [s.adcode, sim.subdistrictWeights[s.adcode] ?? 0] as const).filter(([, w]) => w > 0);
  const simBuildings: RegistryPlace[] = [];
  for (let i = 1; i <= sim.buildings; i++) {
    const adcode = pick(rng, sdWeights);
    const o = outlineBy.get(adcode);
    const pt = o ? pointIn(rng, o) : null;
    const sd = SUBDISTRICTS.find((s) => s.adcode === adcode)!;
    const num = String(i).padStart(2, '0');
    simBuildings.push({
      id: `sim-b${num}`,
      name: { zh: `模拟楼宇 · ${sd.short} ${num}`, en: `Simulated building · ${sd.en} ${num}` },
      kind: 'digital-building',
      subdistrict: adcode,
      pos: pt ? { lng: round(pt[0]), lat: round(pt[1]), placedBy: { zh: `${sd.zh}范围内随机生成（模拟）`, en: `Random point in ${sd.en} (simulated)` } } : null,
      status: rng() < 0.85 ? 'operating' : 'planned',
      output: null,
      named: false,
      source: 'sim',
      enterprises: 0,
    });
  }
  places.push(...simBuildings);

  // ---- Simulated firms (模拟) ----
  const sectorWeights = KEY_SECTORS.map((s) => [s.id, sim.sectorWeights[s.id] ?? 0] as const).filter(([, w]) => w > 0);
  const tierWeights = ENTERPRISE_TIERS.map((t) => [t.id, sim.tierShares[t.id] ?? 0] as const).filter(([, w]) => w > 0);
  const categoryWeights: ReadonlyArray<readonly [CoreCategoryId, number]> = CORE_CATEGORIES.map((c, k) => [c.id, [0.08, 0.22, 0.46, 0.24][k] ?? 0.25] as const);
  const perSector = new Map<SectorId, number>();
  const buildingsIn = new Map<string, RegistryPlace[]>();
  for (const b of simBuildings) buildingsIn.set(b.subdistrict!, [...(buildingsIn.get(b.subdistrict!) ?? []), b]);
  if (sectorWeights.length > 0 && sdWeights.length > 0) {
    for (let i = 0; i < sim.enterprises; i++) {
      const sector = pick(rng, sectorWeights);
      const n = (perSector.get(sector) ?? 0) + 1;
      perSector.set(sector, n);
      const adcode = pick(rng, sdWeights);
      const sd = SUBDISTRICTS.find((s) => s.adcode === adcode)!;
      const tier: TierId = tierWeights.length > 0 ? pick(rng, tierWeights) : 't0';
      // A third of the firms sit in one of their sub-district's simulated buildings.
      const local = buildingsIn.get(adcode) ?? [];
      const inBuilding = local.length > 0 && rng() < 0.35 ? local[Math.floor(rng() * local.length)]! : null;
      let pos: ApproxPos | null = null;
      if (inBuilding?.pos) {
        pos = { lng: inBuilding.pos.lng, lat: inBuilding.pos.lat, placedBy: { zh: `所在模拟楼宇点位（模拟）`, en: 'At its simulated building (simulated)' } };
      } else {
        const o = outlineBy.get(adcode);
        const pt = o ? pointIn(rng, o) : null;
        if (pt) pos = { lng: round(pt[0]), lat: round(pt[1]), placedBy: { zh: `${sd.zh}范围内随机生成（模拟）`, en: `Random point in ${sd.en} (simulated)` } };
      }
      if (inBuilding) inBuilding.enterprises++;
      enterprises.push({
        id: `sim-${sector}-${String(n).padStart(3, '0')}`,
        name: simulatedFirmName(sector, n),
        sector,
        category: pick(rng, categoryWeights),
        board: boardOf.get(sector) ?? null,
        tier,
        subdistrict: adcode,
        place: inBuilding?.id ?? null,
        pos,
        since: 2000 + Math.floor(rng() * 22),
        named: false,
        source: 'sim',
      });
    }
  }
  for (const e of enterprises) {
    if (e.named && e.place) {
      const p = placeBy.get(e.place);
      if (p) p.enterprises++;
    }
  }

  // ---- Innovation carriers: the named ones, and the rest of the letter's total simulated ----
  const carriers: RegistryCarrier[] = config.carriers.named.map((c) => {
    const at = anchored(c.anchor);
    return { id: c.id, name: c.name, level: c.level, subdistrict: at?.subdistrict ?? null, pos: at?.pos ?? null, named: true, source: 'F', role: c.role };
  });
  for (let i = carriers.length + 1; i <= config.carriers.total; i++) {
    const adcode = pick(rng, sdWeights);
    const sd = SUBDISTRICTS.find((s) => s.adcode === adcode)!;
    const o = outlineBy.get(adcode);
    const pt = o ? pointIn(rng, o) : null;
    const num = String(i).padStart(2, '0');
    carriers.push({
      id: `sim-c${num}`,
      name: { zh: `模拟载体 · ${num}`, en: `Simulated carrier · ${num}` },
      level: { zh: '模拟', en: 'Simulated' },
      subdistrict: adcode,
      pos: pt ? { lng: round(pt[0]), lat: round(pt[1]), placedBy: { zh: `${sd.zh}范围内随机生成（模拟）`, en: `Random point in ${sd.en} (simulated)` } } : null,
      named: false,
      source: 'sim',
    });
  }

  return {
    seed: sim.seed,
    boards,
    enterprises,
    places,
    carriers,
    published: { carriers: { value: config.carriers.total, source: 'F', note: config.carriers.note } },
    notes: [
      sim.note,
      { zh: '原文未给出任何坐标：点名条目置于其园区或街道中心附近，位置均为近似；未说明位置的不上图', en: 'The letter gives no coordinates: named entries sit near their park or sub-district centre, all positions approximate; those it does not place are listed, not drawn' },
    ],
  };
}
