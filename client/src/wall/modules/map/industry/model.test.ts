import { describe, expect, it } from 'vitest';
import { statKey, SUBDISTRICTS, type IndustryRegistry, type RegistryEnterprise, type StatValue } from '@futian/shared';
import { choropleth, clusterCard, clusterPoints, firmCard, firmPoints, leadingByBoard, legendOf, placeCard, type PointIn } from './model';

const pos = (lng: number, lat: number) => ({ lng, lat, placedBy: { zh: '近似', en: 'approx' } });
function firm(id: string, over: Partial<RegistryEnterprise> = {}): RegistryEnterprise {
  return {
    id,
    name: { zh: `模拟企业 · 云计算 ${id}`, en: `Simulated firm · Cloud ${id}` },
    sector: 'cloud',
    category: '03',
    board: 'b1',
    tier: 't0',
    subdistrict: '440304007',
    place: null,
    pos: pos(114.03, 22.57),
    since: 2010,
    named: false,
    source: 'sim',
    ...over,
  };
}
const registry = (enterprises: RegistryEnterprise[]): IndustryRegistry => ({
  seed: 1,
  boards: {
    example: true,
    note: { zh: '示例', en: 'example' },
    boards: [
      { id: 'b1', label: { zh: '板块一', en: 'Board 1' }, sectors: ['cloud'] },
      { id: 'b2', label: { zh: '板块二', en: 'Board 2' }, sectors: ['fintech'] },
    ],
  },
  enterprises,
  places: [
    {
      id: 'p1',
      name: { zh: '兄弟高登智能制造产业园', en: 'Brother Gaodeng park' },
      kind: 'park',
      subdistrict: null,
      pos: null,
      status: 'renewing',
      output: { value: 50, source: 'F', note: { zh: '更新完成后预计', en: 'once renewed' } },
      named: true,
      source: 'F',
      enterprises: 0,
    },
  ],
  carriers: [],
  published: { carriers: { value: 42, source: 'F', note: { zh: '42 个', en: '42' } } },
  notes: [],
});

// 1 px per 0.001°, y down.
const proj = { sx: 1000, sy: -1000, tx: -114_000, ty: 22_600 };

describe('industry layers: clustering', () => {
  it('joins points within the radius and keeps apart the ones beyond it', () => {
    const pts: PointIn<{ id: string; named: boolean }>[] = [
      { item: { id: 'a', named: false }, lng: 114.01, lat: 22.55, colour: 'red' },
      { item: { id: 'b', named: true }, lng: 114.011, lat: 22.55, colour: 'red' },
      { item: { id: 'c', named: false }, lng: 114.012, lat: 22.551, colour: 'blue' },
      { item: { id: 'd', named: false }, lng: 114.05, lat: 22.55, colour: 'blue' },
    ];
    const cs = clusterPoints(pts, proj, 5, { width: 200, height: 200 });
    expect(cs.map((c) => c.items.map((i) => i.id))).toEqual([['a', 'b', 'c'], ['d']]);
    expect(cs[0]).toMatchObject({ colour: 'red', named: 1, x: 11, y: 50 });
    // A smaller radius splits the first group.
    expect(clusterPoints(pts, proj, 0.5, { width: 200, height: 200 })).toHaveLength(4);
  });

  it('drops points outside the plot', () => {
    const pts = [{ item: { id: 'a', named: false }, lng: 114.5, lat: 22.55, colour: 'red' }];
    expect(clusterPoints(pts, proj, 5, { width: 200, height: 200 })).toEqual([]);
  });
});

describe('industry layers: filter, legend, 招商图谱', () => {
  const reg = registry([
    firm('001'),
    firm('002', { sector: 'fintech', board: 'b2', tier: 't50' }),
    firm('003', { sector: 'fintech', board: 'b2', pos: null }),
    firm('huawei', { named: true, source: 'F', tier: null, name: { zh: '华为数字能源', en: 'Huawei Digital Power' } }),
  ]);
  it('filters by sector or board and colours by what it filters by', () => {
    expect(firmPoints(reg, { by: 'sector', id: 'fintech' }).map((p) => p.item.id)).toEqual(['002']);
    expect(firmPoints(reg, { by: 'board', id: 'b1' }).map((p) => p.item.id)).toEqual(['001', 'huawei']);
    const byBoard = firmPoints(reg, { by: 'board', id: null });
    expect(new Set(byBoard.map((p) => p.colour)).size).toBe(2);
    expect(legendOf(reg, { by: 'board', id: null }, 'zh').map((l) => [l.id, l.count])).toEqual([
      ['b1', 2],
      ['b2', 2],
    ]);
    expect(legendOf(reg, { by: 'sector', id: null }, 'en')).toHaveLength(12);
  });
  it('lists named firms first, then the top revenue bands', () => {
    const lead = leadingByBoard(reg);
    expect(lead.map((b) => b.firms.map((f) => f.id))).toEqual([['huawei'], ['002']]);
  });
});

describe('industry layers: cards and the choropleth', () => {
  const reg = registry([firm('001'), firm('huawei', { named: true, source: 'F', tier: null, pos: null, subdistrict: null, name: { zh: '华为数字能源', en: 'Huawei' } })]);
  it('marks a named firm 原文点名 with the letter as source, and says it is not drawn', () => {
    const c = firmCard(reg.enterprises[1]!, reg, 'zh');
    expect(c.marks).toEqual(['named', 'example']);
    expect(c.source).toContain('深福发改函');
    expect(c.rows.find((r) => r.k === '位置')!.v).toMatch(/不上图/);
    expect(c.rows.find((r) => r.k === '规模')!.v).toBe('原文未公布');
  });
  it('marks a simulated firm 模拟 and 近似', () => {
    const c = firmCard(reg.enterprises[0]!, reg, 'en');
    expect(c.marks).toEqual(['sim', 'approx', 'example']);
    expect(c.source).toMatch(/Simulated/);
  });
  it('shows a place’s published output with its note, and none where none is published', () => {
    const c = placeCard(reg.places[0]!, 'zh');
    expect(c.rows.find((r) => r.k === '预计产值')!.v).toBe('约 50 亿元/年（更新完成后预计）');
    expect(placeCard({ ...reg.places[0]!, output: null }, 'zh').rows.find((r) => r.k === '预计产值')!.v).toBe('未公布');
  });
  it('summarises a cluster, named first', () => {
    const c = clusterCard('k0', reg.enterprises, 'zh');
    expect(c.title).toBe('此处 2 家');
    expect(c.items![0]).toBe('华为数字能源');
    expect(c.marks).toEqual(['named', 'sim', 'approx']);
  });
  it('uses value added by sub-district when the statistics carry it, else firm density', () => {
    const dens = choropleth(reg, undefined);
    expect(dens.basis).toBe('density');
    const meilin = SUBDISTRICTS.find((s) => s.adcode === '440304007')!;
    expect(dens.rows.find((r) => r.sd.adcode === meilin.adcode)!.value).toBeCloseTo(1 / meilin.areaKm2);
    const stat = { value: 61.5, source: 'model' } as unknown as StatValue;
    const va = choropleth(reg, { [statKey('de.core.valueAdded', '2021', { subdistrict: meilin.adcode })]: stat });
    expect(va.basis).toBe('va');
    expect(va.rows.find((r) => r.sd.adcode === meilin.adcode)!.value).toBe(61.5);
    expect(va.rows.find((r) => r.sd.adcode === '440304001')!.value).toBeNull();
  });

  it('shows the latest year loaded by sub-district (a new period takes over)', () => {
    const sd = '440304007';
    const v = (period: string, value: number): StatValue => ({
      key: statKey('de.core.valueAdded', period, { subdistrict: sd }), indicator: 'de.core.valueAdded', period, scope: { subdistrict: sd },
      value, source: '福田区统计局', simulated: false, revision: 1, updatedAt: 0,
    });
    const a = v('2021', 61.5);
    const b = v('2022', 70.25);
    const ch = choropleth(reg, { [a.key]: a, [b.key]: b });
    expect(ch).toMatchObject({ basis: 'va', year: '2022' });
    expect(ch.rows.find((r) => r.sd.adcode === sd)!.value).toBe(70.25);
  });
});
