import {
  CORE_CATEGORIES,
  ENTERPRISE_TIERS,
  KEY_SECTORS,
  SUBDISTRICTS,
  type CoreCategoryId,
  type SectorId,
  type StatFigure,
  type TierId,
} from '@futian/shared';
import { largestRemainder } from './allocate.js';
import type { Rng } from './rng.js';

/**
 * Modelled statistics, anchored on the two documented figures (source F):
 * 2021 core value added 624.92 亿元 and +17.8 % YoY. Everything finer (quarters,
 * sub-districts, sectors, categories, enterprise counts) is a model whose
 * parts add up exactly, in integer cents, to the documented whole. MODEL.md
 * gives the shares and why.
 */
export const VA_2021_CENTS = 62_492;
export const GROWTH_2021 = 0.178;
/** 624.92 / 1.178 = 530.492… → 530.49 亿元. */
export const VA_2020_CENTS = Math.round(VA_2021_CENTS / (1 + GROWTH_2021));

export const YEARS = ['2020', '2021'] as const;
export type Year = (typeof YEARS)[number];
export const QUARTERS: readonly string[] = YEARS.flatMap((y) => [1, 2, 3, 4].map((q) => `${y}Q${q}`));

/** Quarterly shares of the year. 2020 Q1 is the COVID trough (the city's 2020 Q1 grew only 4.9 %, source S). */
export const SEASONAL: Record<Year, readonly number[]> = {
  '2020': [0.205, 0.245, 0.258, 0.292],
  '2021': [0.228, 0.244, 0.252, 0.276],
};

/** Sub-district shares of 2020 core value added, and their modelled 2021 growth (%), SUBDISTRICTS order. */
export const SUBDISTRICT_MODEL: Readonly<Record<string, { share2020: number; growth: number }>> = {
  '440304001': { share2020: 0.03, growth: 10 }, // 南园
  '440304002': { share2020: 0.07, growth: 22 }, // 园岭: 八卦岭 smart-manufacturing parks
  '440304004': { share2020: 0.2, growth: 16 }, // 福田: CBD headquarters
  '440304005': { share2020: 0.12, growth: 18 }, // 沙头: 车公庙, 天安数码城
  '440304006': { share2020: 0.1, growth: 26 }, // 香蜜湖: new financial centre build-out
  '440304007': { share2020: 0.09, growth: 21 }, // 梅林: e-commerce and AI parks (梅林—彩田)
  '440304008': { share2020: 0.14, growth: 15 }, // 莲花
  '440304009': { share2020: 0.05, growth: 13 }, // 华富
  '440304010': { share2020: 0.08, growth: 24 }, // 福保: bonded-zone fintech parks
  '440304011': { share2020: 0.12, growth: 12 }, // 华强北: mature electronics market
};

export const SECTOR_SHARE: Readonly<Record<SectorId, number>> = {
  bigdata: 0.08, cloud: 0.08, blockchain: 0.03, infosec: 0.05, ai: 0.08, icdesign: 0.07,
  iiot: 0.03, fintech: 0.22, smartcity: 0.09, ecommerce: 0.12, creative: 0.07, other: 0.08,
};

export const CATEGORY_SHARE: Readonly<Record<CoreCategoryId, number>> = { '01': 0.08, '02': 0.22, '03': 0.46, '04': 0.24 };

export const ENTERPRISES_2020Q1 = 2180;
export const ENTERPRISE_GROWTH_PER_QUARTER = 0.028;

export interface EnterpriseCount {
  total: number;
  /** ENTERPRISE_TIERS order. */
  tiers: number[];
}

export interface StatsState {
  /** District quarter → cents. */
  district: Map<string, number>;
  /** Quarter → cents per sub-district, SUBDISTRICTS order. */
  sub: Map<string, number[]>;
  /** 2021, KEY_SECTORS order. */
  sector: number[];
  /** 2021, CORE_CATEGORIES order. */
  category: number[];
  enterprises: Map<string, EnterpriseCount>;
}

const jitter = (rng: Rng, sd: number): number => Math.max(0.5, 1 + rng.normal(0, sd));

export function buildStats(rng: Rng): StatsState {
  const district = new Map<string, number>();
  const sub = new Map<string, number[]>();
  const totals: Record<Year, number> = { '2020': VA_2020_CENTS, '2021': VA_2021_CENTS };
  const growth = SUBDISTRICTS.map((s) => (SUBDISTRICT_MODEL[s.adcode]?.growth ?? 17.8) + rng.normal(0, 2.5));
  const share2020 = SUBDISTRICTS.map((s) => SUBDISTRICT_MODEL[s.adcode]?.share2020 ?? 0.1);
  const share: Record<Year, number[]> = { '2020': share2020, '2021': share2020.map((w, i) => w * (1 + (growth[i] ?? 0) / 100)) };
  for (const y of YEARS) {
    const seasonal = (SEASONAL[y] as number[]).map((w) => w * jitter(rng, 0.01));
    const quarters = largestRemainder(totals[y], seasonal);
    quarters.forEach((cents, q) => {
      const period = `${y}Q${q + 1}`;
      district.set(period, cents);
      sub.set(period, largestRemainder(cents, share[y].map((w) => w * jitter(rng, 0.015))));
    });
  }
  const sector = largestRemainder(VA_2021_CENTS, KEY_SECTORS.map((s) => SECTOR_SHARE[s.id] * jitter(rng, 0.05)));
  const category = largestRemainder(VA_2021_CENTS, CORE_CATEGORIES.map((c) => CATEGORY_SHARE[c.id] * jitter(rng, 0.05)));

  const enterprises = new Map<string, EnterpriseCount>();
  let total = Math.round(ENTERPRISES_2020Q1 * jitter(rng, 0.02));
  QUARTERS.forEach((period, q) => {
    if (q > 0) total = Math.round(total * (1 + ENTERPRISE_GROWTH_PER_QUARTER + rng.normal(0, 0.006)));
    const t50 = 5 + Math.round((q * 2) / 7);
    const t10 = Math.round(total * 0.0125 * jitter(rng, 0.03));
    const t1 = Math.round(total * 0.11 * jitter(rng, 0.02));
    enterprises.set(period, { total, tiers: [t50, t10, t1, total - t50 - t10 - t1] });
  });
  return { district, sub, sector, category, enterprises };
}

/** YoY growth in percent, two decimals. */
export function growthPct(cur: number, prev: number): number {
  return Math.round((cur / prev - 1) * 10_000) / 100;
}

export const MODEL_NOTE = 'modelled split, not a source figure (模型估算)';

type Dims = Pick<StatFigure, 'subdistrict' | 'sector' | 'category' | 'tier'>;

export function figure(indicator: string, period: string, value: number, dims: Dims = {}, note = MODEL_NOTE): StatFigure {
  return { indicator, period, ...dims, value, note };
}

export const VA_Q = 'de.core.valueAdded.q';
export const GROWTH_Q = 'de.core.growth.q';
export const VA = 'de.core.valueAdded';
export const GROWTH = 'de.core.growth';
export const ENTERPRISES = 'de.core.enterprises';

const prevYear = (period: string): string => `${Number(period.slice(0, 4)) - 1}${period.slice(4)}`;

export function subAnnual(state: StatsState, year: Year, i: number): number {
  return [1, 2, 3, 4].reduce((acc, q) => acc + (state.sub.get(`${year}Q${q}`)?.[i] ?? 0), 0);
}

/** Figures for one sub-district (index i) in one quarter, with every growth the quarter feeds into. */
export function subdistrictFigures(state: StatsState, period: string, i: number, note?: string): StatFigure[] {
  const adcode = SUBDISTRICTS[i]?.adcode ?? '';
  const dims = { subdistrict: adcode };
  const out = [figure(VA_Q, period, (state.sub.get(period)?.[i] ?? 0) / 100, dims, note)];
  const p2021 = period.startsWith('2021') ? period : `2021${period.slice(4)}`;
  out.push(figure(GROWTH_Q, p2021, growthPct(state.sub.get(p2021)?.[i] ?? 0, state.sub.get(prevYear(p2021))?.[i] ?? 1), dims, note));
  if (period.startsWith('2021')) out.push(figure(VA, '2021', subAnnual(state, '2021', i) / 100, dims, note));
  out.push(figure(GROWTH, '2021', growthPct(subAnnual(state, '2021', i), subAnnual(state, '2020', i)), dims, note));
  return out;
}

export function enterpriseFigures(state: StatsState, period: string, note?: string): StatFigure[] {
  const e = state.enterprises.get(period);
  if (!e) return [];
  return [
    figure(ENTERPRISES, period, e.total, {}, note),
    ...ENTERPRISE_TIERS.map((t, k) => figure(ENTERPRISES, period, e.tiers[k] ?? 0, { tier: t.id satisfies TierId }, note)),
  ];
}

export function allFigures(state: StatsState): StatFigure[] {
  const out: StatFigure[] = [];
  for (const period of QUARTERS) {
    const cents = state.district.get(period) ?? 0;
    out.push(figure(VA_Q, period, cents / 100));
    if (period.startsWith('2021')) out.push(figure(GROWTH_Q, period, growthPct(cents, state.district.get(prevYear(period)) ?? 1)));
    for (let i = 0; i < SUBDISTRICTS.length; i++) {
      out.push(figure(VA_Q, period, (state.sub.get(period)?.[i] ?? 0) / 100, { subdistrict: SUBDISTRICTS[i]?.adcode ?? '' }));
    }
    out.push(...enterpriseFigures(state, period));
  }
  for (let i = 0; i < SUBDISTRICTS.length; i++) {
    const dims = { subdistrict: SUBDISTRICTS[i]?.adcode ?? '' };
    for (const q of [1, 2, 3, 4]) {
      const p = `2021Q${q}`;
      out.push(figure(GROWTH_Q, p, growthPct(state.sub.get(p)?.[i] ?? 0, state.sub.get(prevYear(p))?.[i] ?? 1), dims));
    }
    out.push(figure(VA, '2021', subAnnual(state, '2021', i) / 100, dims));
    out.push(figure(GROWTH, '2021', growthPct(subAnnual(state, '2021', i), subAnnual(state, '2020', i)), dims));
  }
  KEY_SECTORS.forEach((s, k) => out.push(figure(VA, '2021', (state.sector[k] ?? 0) / 100, { sector: s.id })));
  CORE_CATEGORIES.forEach((c, k) => out.push(figure(VA, '2021', (state.category[k] ?? 0) / 100, { category: c.id })));
  return out;
}
