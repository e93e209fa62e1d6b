import { KINDS, PILE_SITES, SUBDISTRICTS, type DeviceKind, type DeviceRegistration, type SubDistrict } from '@futian/shared';
import { allocateWithMin } from './allocate.js';
import { allocateLayer } from './model.js';
import { Rng } from './rng.js';

/**
 * The simulated fleet: who exists and where. The layout has its own seed, fixed
 * by default, so device ids stay the same across runs with different behaviour
 * seeds; otherwise a server that keeps its registry would collect devices that
 * no longer report.
 */
export const FLEET_LAYOUT_SEED = 20210101;

export const FAST_PILES_PER_SITE = [15, 40] as const;
export const FAST_RATED_KW = [60, 90, 120] as const;
export const SLOW_RATED_KW = 7;

export interface PileSpec {
  reg: DeviceRegistration & { kind: 'pile'; siteId: string; fast: boolean };
  ratedKw: number;
}

export interface SiteSpec {
  siteId: string;
  subdistrict: string;
  fast: boolean;
  lng: number;
  lat: number;
  pileIds: string[];
}

export interface Fleet {
  bs5g: DeviceRegistration[];
  pole: DeviceRegistration[];
  pile: PileSpec[];
  sites: SiteSpec[];
}

const KM_PER_DEG_LAT = 111.32;
const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

/**
 * A point in a disc around the label point, radius 0.85 × the radius of a circle
 * with the sub-district's area. Points can fall a little outside the real
 * polygon; the positions are simulated and only need to land in the right area.
 */
function pointNear(rng: Rng, sd: SubDistrict, radiusKm?: number): [number, number] {
  const r = (radiusKm ?? 0.85 * Math.sqrt(sd.areaKm2 / Math.PI)) * Math.sqrt(rng.next());
  const a = rng.next() * 2 * Math.PI;
  const [lng, lat] = sd.cp;
  const dLat = (r * Math.sin(a)) / KM_PER_DEG_LAT;
  const dLng = (r * Math.cos(a)) / (KM_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180));
  return [round6(lng + dLng), round6(lat + dLat)];
}

function offset(rng: Rng, lng: number, lat: number, metres: number): [number, number] {
  const dLat = ((rng.next() * 2 - 1) * metres) / 1000 / KM_PER_DEG_LAT;
  const dLng = ((rng.next() * 2 - 1) * metres) / 1000 / (KM_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180));
  return [round6(lng + dLng), round6(lat + dLat)];
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

function pointFleet(kind: 'bs5g' | 'pole', prefix: string, rng: Rng): DeviceRegistration[] {
  const counts = allocateLayer(kind, KINDS[kind].documentedCount);
  const out: DeviceRegistration[] = [];
  SUBDISTRICTS.forEach((sd, i) => {
    const r = rng.fork(sd.adcode);
    for (let n = 1; n <= (counts[i] ?? 0); n++) {
      const [lng, lat] = pointNear(r, sd);
      out.push({ deviceId: `${prefix}-${sd.adcode}-${pad(n, 4)}`, kind, subdistrict: sd.adcode, lng, lat });
    }
  });
  return out;
}

function chargingFleet(rng: Rng): { pile: PileSpec[]; sites: SiteSpec[] } {
  const siteCounts = allocateLayer('pileSite', PILE_SITES.total);
  const fastCounts = allocateLayer('fastSite', PILE_SITES.fast);
  const sites: SiteSpec[] = [];
  let seq = 0;
  SUBDISTRICTS.forEach((sd, i) => {
    const n = siteCounts[i] ?? 0;
    const nFast = fastCounts[i] ?? 0;
    if (nFast > n) throw new Error(`${sd.zh}: ${nFast} fast sites but only ${n} sites`);
    const r = rng.fork(`sites/${sd.adcode}`);
    // Which of the sub-district's sites are the fast hubs: a partial shuffle.
    const order = Array.from({ length: n }, (_, k) => k);
    for (let k = 0; k < nFast; k++) {
      const j = r.int(k, n - 1);
      [order[k], order[j]] = [order[j] as number, order[k] as number];
    }
    const fastSet = new Set(order.slice(0, nFast));
    for (let k = 0; k < n; k++) {
      const [lng, lat] = pointNear(r, sd);
      sites.push({ siteId: `SITE-${pad(++seq, 4)}`, subdistrict: sd.adcode, fast: fastSet.has(k), lng, lat, pileIds: [] });
    }
  });

  const sizes = rng.fork('sizes');
  const fastSites = sites.filter((s) => s.fast);
  const slowSites = sites.filter((s) => !s.fast);
  const perSite = new Map<string, number>();
  let fastTotal = 0;
  for (const s of fastSites) {
    const k = sizes.int(FAST_PILES_PER_SITE[0], FAST_PILES_PER_SITE[1]);
    perSite.set(s.siteId, k);
    fastTotal += k;
  }
  // Slow sites: car parks from a handful of AC posts to a few dozen; lognormal spread, at least 2.
  const slowWeights = slowSites.map(() => Math.min(6, Math.exp(sizes.normal(0, 0.6))));
  const slowCounts = allocateWithMin(KINDS.pile.documentedCount - fastTotal, slowWeights, 2);
  slowSites.forEach((s, k) => perSite.set(s.siteId, slowCounts[k] ?? 0));

  const pile: PileSpec[] = [];
  for (const s of sites) {
    const k = perSite.get(s.siteId) ?? 0;
    if (k > 99) throw new Error(`${s.siteId}: ${k} piles does not fit a two-digit pile number`);
    const r = rng.fork(`piles/${s.siteId}`);
    for (let n = 1; n <= k; n++) {
      const deviceId = `PILE-${s.siteId}-${pad(n, 2)}`;
      const [lng, lat] = offset(r, s.lng, s.lat, 40);
      s.pileIds.push(deviceId);
      pile.push({
        reg: { deviceId, kind: 'pile', subdistrict: s.subdistrict, siteId: s.siteId, fast: s.fast, lng, lat },
        ratedKw: s.fast ? r.pick(FAST_RATED_KW) : SLOW_RATED_KW,
      });
    }
  }
  return { pile, sites };
}

const cache = new Map<number, Fleet>();

/** The fleet for a layout seed; built once per seed, then shared read-only. */
export function buildFleet(layoutSeed: number = FLEET_LAYOUT_SEED): Fleet {
  const hit = cache.get(layoutSeed);
  if (hit) return hit;
  const rng = new Rng(`layout/${layoutSeed}`);
  const fleet: Fleet = {
    bs5g: pointFleet('bs5g', 'BS', rng.fork('bs5g')),
    pole: pointFleet('pole', 'POLE', rng.fork('pole')),
    ...chargingFleet(rng.fork('pile')),
  };
  cache.set(layoutSeed, fleet);
  return fleet;
}

export function registrationsOf(fleet: Fleet, kind: DeviceKind): DeviceRegistration[] {
  return kind === 'pile' ? fleet.pile.map((p) => ({ ...p.reg })) : fleet[kind].map((d) => ({ ...d }));
}
