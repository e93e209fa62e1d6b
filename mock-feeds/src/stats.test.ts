import { CORE_CATEGORIES, ENTERPRISE_TIERS, KEY_SECTORS, StatFigure, SUBDISTRICTS } from '@futian/shared';
import { describe, expect, it } from 'vitest';
import { toCents } from './allocate.js';
import { StatsFeed, type RevisionKind } from './stats-feed.js';
import { QUARTERS, VA_2020_CENTS } from './stats-model.js';

const T0 = Date.UTC(2024, 4, 10, 2, 0, 0);
type Figures = readonly StatFigure[];

const key = (f: StatFigure): string => [f.indicator, f.period, f.subdistrict, f.sector, f.category, f.tier].join('|');

/** Latest value per key, as the server's upsert would leave it. */
function apply(state: Map<string, StatFigure>, figures: Figures): Map<string, StatFigure> {
  for (const f of figures) state.set(key(f), f);
  return state;
}

const pick = (s: Map<string, StatFigure>, pred: (f: StatFigure) => boolean): StatFigure[] => [...s.values()].filter(pred);
const cents = (fs: readonly StatFigure[]): number => fs.reduce((a, f) => a + toCents(f.value), 0);
const noDims = (f: StatFigure): boolean => !f.subdistrict && !f.sector && !f.category && !f.tier;

function checkConsistent(s: Map<string, StatFigure>): void {
  const districtQ = (p: string) => pick(s, (f) => f.indicator === 'de.core.valueAdded.q' && f.period === p && noDims(f));
  const y2021 = QUARTERS.filter((p) => p.startsWith('2021')).flatMap(districtQ);
  const y2020 = QUARTERS.filter((p) => p.startsWith('2020')).flatMap(districtQ);
  expect(y2021).toHaveLength(4);
  expect(cents(y2021)).toBe(62_492);
  expect(cents(y2020)).toBe(53_049);
  expect(cents(y2021) / cents(y2020)).toBeCloseTo(1.178, 3);
  for (const p of QUARTERS) {
    const parts = pick(s, (f) => f.indicator === 'de.core.valueAdded.q' && f.period === p && !!f.subdistrict);
    expect(parts).toHaveLength(SUBDISTRICTS.length);
    expect(cents(parts)).toBe(cents(districtQ(p)));
    const ent = pick(s, (f) => f.indicator === 'de.core.enterprises' && f.period === p);
    const total = ent.find((f) => !f.tier)?.value ?? -1;
    expect(ent.filter((f) => f.tier).map((f) => f.tier).sort()).toEqual(ENTERPRISE_TIERS.map((t) => t.id).sort());
    expect(ent.filter((f) => f.tier).reduce((a, f) => a + f.value, 0)).toBe(total);
    expect(total).toBeGreaterThan(1500);
    expect(total).toBeLessThan(3500);
  }
  const sectors = pick(s, (f) => f.indicator === 'de.core.valueAdded' && !!f.sector);
  expect(sectors.map((f) => f.sector).sort()).toEqual(KEY_SECTORS.map((x) => x.id).sort());
  expect(cents(sectors)).toBe(62_492);
  const cats = pick(s, (f) => f.indicator === 'de.core.valueAdded' && !!f.category);
  expect(cats.map((f) => f.category).sort()).toEqual(CORE_CATEGORIES.map((x) => x.id).sort());
  expect(cents(cats)).toBe(62_492);
  // Growth figures agree with the values they are computed from.
  for (const sd of SUBDISTRICTS) {
    const v = (p: string) => s.get(key({ indicator: 'de.core.valueAdded.q', period: p, subdistrict: sd.adcode, value: 0 }))?.value ?? NaN;
    const sum = (y: string) => [1, 2, 3, 4].reduce((a, q) => a + toCents(v(`${y}Q${q}`)), 0);
    const g = s.get(key({ indicator: 'de.core.growth', period: '2021', subdistrict: sd.adcode, value: 0 }))?.value;
    expect(g).toBeCloseTo((sum('2021') / sum('2020') - 1) * 100, 1);
    expect(s.get(key({ indicator: 'de.core.valueAdded', period: '2021', subdistrict: sd.adcode, value: 0 }))?.value).toBeCloseTo(sum('2021') / 100, 2);
    const gq = s.get(key({ indicator: 'de.core.growth.q', period: '2021Q3', subdistrict: sd.adcode, value: 0 }))?.value;
    expect(gq).toBeCloseTo((v('2021Q3') / v('2020Q3') - 1) * 100, 1);
  }
}

describe('stats feed', () => {
  it('derives 2020 as 624.92 / 1.178, rounded to the cent', () => {
    expect(VA_2020_CENTS).toBe(53_049);
  });

  it('emits a complete, schema-valid, exactly summing set on the first tick', () => {
    const feed = new StatsFeed({ seed: 1 });
    const first = feed.tick(T0).figures;
    for (const f of first) expect(StatFigure.safeParse(f).success, JSON.stringify(f)).toBe(true);
    expect(new Set(first.map(key)).size).toBe(first.length);
    checkConsistent(apply(new Map(), first));
    expect(feed.tick(T0 + 1000).figures).toEqual([]);
  });

  it('spreads sub-district growth around 17.8 %, with the district growth consistent', () => {
    const s = apply(new Map(), new StatsFeed({ seed: 2 }).tick(T0).figures);
    const growth = pick(s, (f) => f.indicator === 'de.core.growth' && !!f.subdistrict).map((f) => f.value);
    expect(growth).toHaveLength(10);
    expect(Math.max(...growth)).toBeGreaterThan(21);
    expect(Math.min(...growth)).toBeLessThan(15);
    const q = (p: string) => s.get(key({ indicator: 'de.core.valueAdded.q', period: p, value: 0 }))?.value ?? NaN;
    const g1 = s.get(key({ indicator: 'de.core.growth.q', period: '2021Q1', value: 0 }))?.value;
    expect(g1).toBeCloseTo((q('2021Q1') / q('2020Q1') - 1) * 100, 1);
    expect(g1).toBeGreaterThan(20); // the 2020 Q1 base effect
  });

  it('is deterministic per seed', () => {
    expect(new StatsFeed({ seed: 5 }).tick(T0)).toEqual(new StatsFeed({ seed: 5 }).tick(T0 + 999));
    expect(new StatsFeed({ seed: 5 }).tick(T0)).not.toEqual(new StatsFeed({ seed: 6 }).tick(T0));
  });

  it('revises on its interval and every set still sums exactly', () => {
    const feed = new StatsFeed({ seed: 3, revisionIntervalMs: 60_000 });
    const s = apply(new Map(), feed.tick(T0).figures);
    const before = new Map(s);
    let revised = 0;
    for (let t = T0 + 10_000; t <= T0 + 40 * 60_000; t += 10_000) {
      const figs = feed.tick(t).figures;
      for (const f of figs) {
        expect(StatFigure.safeParse(f).success).toBe(true);
        expect(f.note).toMatch(/应统尽统/);
      }
      if (figs.length > 0) revised++;
      apply(s, figs);
    }
    expect(revised).toBe(40);
    checkConsistent(s);
    const changed = [...s.values()].filter((f) => before.get(key(f))?.value !== f.value);
    expect(changed.length).toBeGreaterThan(20);
  });

  it('covers every revision kind', () => {
    for (const kind of ['subdistrictPair', 'sectorPair', 'categoryPair', 'enterprises'] as RevisionKind[]) {
      const feed = new StatsFeed({ seed: 4, revisionIntervalMs: 0 });
      const s = apply(new Map(), feed.tick(T0).figures);
      const figs = feed.revise(kind);
      expect(figs.length, kind).toBeGreaterThanOrEqual(2);
      checkConsistent(apply(s, figs));
    }
  });

  it('can turn revisions off', () => {
    const feed = new StatsFeed({ seed: 3, revisionIntervalMs: 0 });
    feed.tick(T0);
    expect(feed.tick(T0 + 24 * 3_600_000).figures).toEqual([]);
  });
});
