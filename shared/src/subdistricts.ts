/**
 * Futian's 10 sub-districts (街道). Names, adcodes and polygon areas come from
 * config/geo/futian-subdistricts.wgs84.geojson (see config/geo/PROVENANCE.md).
 *
 * Two areas exist and the wall must say which one a density uses:
 * - district densities use the official land area, 78.66 km²;
 * - sub-district densities use the polygon area, because that is the area the
 *   polygon on the map actually covers. The polygons sum to 72.95 km² (the layer
 *   leaves out the Shenzhen Bay mudflat strip), so the two bases differ by ~7 %.
 */
export interface SubDistrict {
  adcode: string;
  zh: string;
  /** Short name without 街道, for tight labels. */
  short: string;
  en: string;
  areaKm2: number;
  /** Label point inside the polygon, WGS84 [lng, lat]. */
  cp: readonly [number, number];
}

export const SUBDISTRICTS: readonly SubDistrict[] = [
  { adcode: '440304001', zh: '南园街道', short: '南园', en: 'Nanyuan', areaKm2: 1.89, cp: [114.088331, 22.538289] },
  { adcode: '440304002', zh: '园岭街道', short: '园岭', en: 'Yuanling', areaKm2: 2.97, cp: [114.091263, 22.559302] },
  { adcode: '440304004', zh: '福田街道', short: '福田', en: 'Futian', areaKm2: 9.7, cp: [114.064542, 22.530186] },
  { adcode: '440304005', zh: '沙头街道', short: '沙头', en: 'Shatou', areaKm2: 10.03, cp: [114.024442, 22.52961] },
  { adcode: '440304006', zh: '香蜜湖街道', short: '香蜜湖', en: 'Xiangmihu', areaKm2: 9.62, cp: [114.012433, 22.5477] },
  { adcode: '440304007', zh: '梅林街道', short: '梅林', en: 'Meilin', areaKm2: 18.25, cp: [114.032762, 22.573513] },
  { adcode: '440304008', zh: '莲花街道', short: '莲花', en: 'Lianhua', areaKm2: 7.79, cp: [114.047598, 22.55412] },
  { adcode: '440304009', zh: '华富街道', short: '华富', en: 'Huafu', areaKm2: 5.65, cp: [114.072371, 22.558625] },
  { adcode: '440304010', zh: '福保街道', short: '福保', en: 'Fubao', areaKm2: 4.59, cp: [114.047938, 22.514338] },
  { adcode: '440304011', zh: '华强北街道', short: '华强北', en: 'Huaqiangbei', areaKm2: 2.46, cp: [114.087019, 22.54805] },
] as const;

export const DISTRICT = {
  adcode: '440304',
  zh: '福田区',
  en: 'Futian District',
  /** Official land area; the basis for every district-level density. */
  officialAreaKm2: 78.66,
  /** Sum of the sub-district polygons; shown only to explain the gap. */
  polygonAreaKm2: 72.95,
} as const;

/** 'district' or a sub-district adcode. */
export type ScopeId = 'district' | string;
export const DISTRICT_SCOPE = 'district' as const;

export const SCOPES: readonly ScopeId[] = [DISTRICT_SCOPE, ...SUBDISTRICTS.map((s) => s.adcode)];

const byAdcode = new Map(SUBDISTRICTS.map((s) => [s.adcode, s]));
const byName = new Map(SUBDISTRICTS.flatMap((s) => [[s.zh, s], [s.short, s]] as const));

export function subdistrictByAdcode(adcode: string): SubDistrict | undefined {
  return byAdcode.get(adcode);
}

/** Accepts '香蜜湖街道' or '香蜜湖'; the map layer matches regions on the full name. */
export function subdistrictByName(name: string): SubDistrict | undefined {
  return byName.get(name);
}

export function isSubdistrict(adcode: string): boolean {
  return byAdcode.has(adcode);
}

export interface AreaBasis {
  km2: number;
  basis: 'official' | 'polygon';
}

/** The area a density for this scope is divided by, and which basis it is. */
export function areaFor(scope: ScopeId): AreaBasis {
  if (scope === DISTRICT_SCOPE) return { km2: DISTRICT.officialAreaKm2, basis: 'official' };
  const sd = byAdcode.get(scope);
  if (!sd) throw new Error(`unknown scope ${scope}`);
  return { km2: sd.areaKm2, basis: 'polygon' };
}
