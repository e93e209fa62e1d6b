import { describe, expect, it } from 'vitest';
import { statKey } from '@futian/shared';
import { districtQuarters, growthVM, weightedGrowth } from './model';
import { growthStats } from './fixture';

describe('growthVM', () => {
  it('has all ten sub-districts, ranked by modelled 2021 growth', () => {
    const vm = growthVM(growthStats());
    expect(vm.subs).toHaveLength(10);
    expect(vm.ranked.map((s) => s.sd.short)).toEqual(['香蜜湖', '福保', '沙头', '园岭', '梅林', '福田', '莲花', '华富', '华强北', '南园']);
    expect(vm.ranked[0]!.growth).toBe(25.23);
    expect(vm.ranked[0]!.growthStat?.simulated).toBe(true);
  });

  it('reconciles the sub-districts with the district: value added, quarters, and growth', () => {
    const vm = growthVM(growthStats());
    expect(vm.checks.subdistricts).toMatchObject({ ok: true, sum: 624.92, total: 624.92, parts: 10 });
    expect(vm.checks.quarters).toMatchObject({ ok: true, sum: 624.92, parts: 4 });
    expect(vm.checks.perQuarter).toMatchObject({ ok: 8, n: 8, worst: null });
    expect(vm.checks.weighted.ok).toBe(true);
    expect(vm.checks.weighted.implied).toBeCloseTo(17.8, 1);
    expect(vm.district).toMatchObject({ growth: 17.8, va: 624.92 });
  });

  it('has eight quarters of value added and four of growth, district and per sub-district', () => {
    const vm = growthVM(growthStats());
    expect(vm.quarters).toEqual(['2020Q1', '2020Q2', '2020Q3', '2020Q4', '2021Q1', '2021Q2', '2021Q3', '2021Q4']);
    expect(vm.growthQuarters).toEqual(['2021Q1', '2021Q2', '2021Q3', '2021Q4']);
    expect(vm.qDistrictVa[7]).toBe(174.44);
    expect(vm.qDistrictGrowth).toEqual([32.03, 15.64, 14.5, 12.53]);
    expect(vm.subs.find((s) => s.sd.short === '香蜜湖')?.qGrowth).toEqual([37.88, 20.88, 22.98, 21.88]);
    expect(vm.latestGrowthStat?.period).toBe('2021Q4');
  });

  it('compares with the city average: 6.8 %, 11 points, and every sub-district above it', () => {
    const vm = growthVM(growthStats());
    expect(vm.city).toEqual({ growth: 6.8, gap: 11 });
    expect(vm.aboveCity).toBe(10);
    expect(vm.bounds).toEqual({ min: 5, max: 30 });
  });

  it('shows a revision that breaks a quarter instead of hiding it', () => {
    const stats = growthStats();
    const k = statKey('de.core.valueAdded.q', '2021Q2', { subdistrict: '440304006' });
    stats[k] = { ...stats[k]!, value: stats[k]!.value + 1.5, revision: 2 };
    const vm = growthVM(stats);
    expect(vm.checks.perQuarter.ok).toBe(7);
    expect(vm.checks.perQuarter.worst).toMatchObject({ ok: false, diff: 1.5 });
  });

  it('before any data: documented district figures, empty parts, no ticks', () => {
    const vm = growthVM(undefined);
    expect(vm.subs.every((s) => s.growth === null)).toBe(true);
    expect(vm.district).toMatchObject({ growth: 17.8, va: 624.92, growthStat: null });
    expect(vm.checks.subdistricts.ok).toBe(false);
    expect(vm.checks.quarters.ok).toBe(false);
    expect(vm.checks.weighted).toMatchObject({ ok: false, implied: null });
    expect(vm.quarters).toEqual([]);
    expect(vm.city.growth).toBe(6.8);
  });
});

describe('weightedGrowth and districtQuarters', () => {
  it('recovers the district growth from sub-district values and rates', () => {
    const subs = [
      { va: 110, growth: 10 },
      { va: 120, growth: 20 },
    ].map((s) => ({ ...s, qVa: [], qGrowth: [], growthStat: null, sd: null as never }));
    const w = weightedGrowth(subs, 15);
    expect(w.implied).toBeCloseTo(15, 10);
    expect(w.ok).toBe(true);
    expect(weightedGrowth(subs, 16).ok).toBe(false);
  });

  it('only counts district-level quarters', () => {
    expect(districtQuarters(growthStats(), 'de.core.growth.q')).toHaveLength(4);
    expect(districtQuarters(growthStats(), 'de.core.growth')).toEqual([]);
  });
});
