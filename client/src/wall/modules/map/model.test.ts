import { describe, expect, it } from 'vitest';
import { emptyInfra, SUBDISTRICTS, type FaultEvent } from '@futian/shared';
import type { ParkPoint } from '../../../kit/charts/geo';
import { districtValue, domainOf, faultMarkers, growthIn, layerValue, parkLayer, parksIn, ranking, regionRows, statusIn, zonesOf } from './model';

const XMH = '440304006';

function table() {
  const t = emptyInfra();
  SUBDISTRICTS.forEach((s, i) => {
    t.pile[s.adcode] = { ...t.pile[s.adcode]!, total: 100 * (i + 1), online: 90 * (i + 1), fault: i };
    t.bs5g[s.adcode] = { ...t.bs5g[s.adcode]!, total: 50, online: 50, fault: 1 };
  });
  t.pile.district = { ...t.pile.district!, total: 9499, online: 9400 };
  return t;
}

const BONDED = { zone: '福田保税区', subdistrict: '福保街道', lng: 114.041903, lat: 22.51474, accuracy: 'exact site not found; placed at 保税区 centre' };
const parks: ParkPoint[] = [
  { ...BONDED, name: '福田保税区(中心)', accuracy: 'area centre estimate, ~400 m' },
  { ...BONDED, name: '深圳福田国际互联网金融产业园' },
  { ...BONDED, name: '高新技术创业中心保税区基地' },
  { ...BONDED, name: '深港国际科技园' },
  { ...BONDED, name: '深港金融科技城(湾区国际金融科技城)' },
  { name: '香蜜湖新金融中心', zone: '香蜜湖片区', subdistrict: '香蜜湖街道', lng: 114.019944, lat: 22.547293, accuracy: '~400 m' },
];

describe('map layers', () => {
  it('divides sub-district counts by the polygon area and the district by the official 78.66 km²', () => {
    const t = table();
    const xmh = SUBDISTRICTS.find((s) => s.adcode === XMH)!;
    expect(layerValue('pile', XMH, t)).toBeCloseTo(500 / xmh.areaKm2, 9);
    expect(districtValue('pile', t)).toBeCloseTo(9499 / 78.66, 9);
    expect(layerValue('faults', XMH, t)).toBe(4 + 1);
    expect(layerValue('pile', XMH, null)).toBeNull();
  });

  it('ranks all ten sub-districts, highest first, and spans the colour domain', () => {
    const rows = regionRows('pile', table());
    expect(rows).toHaveLength(10);
    const ranked = ranking(rows);
    expect(ranked[0]!.value).toBe(Math.max(...rows.map((r) => r.value ?? 0)));
    const d = domainOf('pile', rows);
    expect(d.min).toBe(Math.min(...rows.map((r) => r.value ?? Infinity)));
    expect(domainOf('faults', regionRows('faults', table())).min).toBe(0);
    expect(domainOf('faults', regionRows('faults', emptyInfra()))).toEqual({ min: 0, max: 1 });
  });
});

describe('parks', () => {
  it('draws the four 保税区 parks as one cluster marker, not four markers on one spot', () => {
    const { points, groups } = parkLayer(parks);
    expect(points).toHaveLength(2);
    const cluster = points.find((p) => p.type === 'cluster')!;
    expect(cluster.count).toBe(4);
    expect(groups.find((g) => g.parks.length === 4)!.anchor!.name).toBe('福田保税区(中心)');
    expect(points.find((p) => p.type === 'park')).toBeDefined();
  });

  it('lists a sub-district’s parks and the zones with their same-spot count', () => {
    const fubao = SUBDISTRICTS.find((s) => s.zh === '福保街道')!;
    const list = parksIn(parks, fubao);
    expect(list).toHaveLength(5);
    expect(list.filter((p) => p.centre)).toHaveLength(1);
    expect(list.map((p) => p.name)).toContain('深港金融科技城');
    const zones = zonesOf(parks);
    expect(zones.find((z) => z.zone === '福田保税区')).toMatchObject({ sameSpot: 4 });
    expect(zones.find((z) => z.zone === '香蜜湖片区')).toMatchObject({ sameSpot: 0, parks: ['香蜜湖新金融中心'] });
  });
});

describe('faults and drill-down', () => {
  const ev = (id: number, deviceId: string, to: FaultEvent['to'], scope = XMH): FaultEvent => ({
    id, ts: 1_000 * id, deviceId, kind: 'pile', scope, lng: 114, lat: 22.5, from: 'online', to,
  });

  it('marks devices whose newest event is not a recovery, within the scope asked', () => {
    const events = [ev(5, 'A', 'online'), ev(4, 'B', 'fault'), ev(3, 'A', 'fault'), ev(2, 'C', 'silent', '440304001')];
    expect(faultMarkers(events, 10_000, null).map((m) => m.id)).toEqual([4, 2]);
    expect(faultMarkers(events, 10_000, XMH).map((m) => m.id)).toEqual([4]);
    expect(faultMarkers([{ ...ev(9, 'D', 'fault'), lng: null }], 10_000, null)).toEqual([]);
    expect(faultMarkers(events, 10_000, null)[0]!.ageMs).toBe(6_000);
  });

  it('reads device counts per status and the modelled 2021 growth of one sub-district', () => {
    const s = statusIn(table(), XMH);
    expect(s.map((k) => k.kind)).toEqual(['bs5g', 'pole', 'pile']);
    expect(s[2]).toMatchObject({ total: 500, online: 450, fault: 4, rate: 90 });
    const stats = {
      [`de.core.growth|2021|${XMH}|||`]: { key: '', indicator: 'de.core.growth', period: '2021', scope: {}, value: 25.2, source: 'mock-feeds', simulated: true, revision: 1, updatedAt: 0 },
    };
    const g = growthIn(stats, XMH);
    expect(g.growth!.value).toBe(25.2);
    expect(g.valueAdded).toBeNull();
    expect(g.quarters.map((q) => q.q)).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
  });
});
