import {
  CATALOGUE,
  SUBDISTRICTS,
  statKey,
  type StatScope,
  type StatValue,
  type SubDistrict,
} from '@futian/shared';
import { niceBounds } from '../../../kit/widgets/region-choropleth/ramp';
import { reconcile, type SumCheck } from '../../../kit/widgets/sum-check/model';

type Stats = Readonly<Record<string, StatValue>> | undefined;

export const VA = 'de.core.valueAdded';
export const VA_Q = 'de.core.valueAdded.q';
export const GROWTH = 'de.core.growth';
export const GROWTH_Q = 'de.core.growth.q';
const YEAR = CATALOGUE[VA].period ?? '2021';

export interface SubVM {
  sd: SubDistrict;
  /** Modelled 2021 YoY growth, %. */
  growth: number | null;
  growthStat: StatValue | null;
  /** Modelled 2021 value added, 亿元. */
  va: number | null;
  /** One entry per `quarters` / `growthQuarters` of the VM. */
  qVa: (number | null)[];
  qGrowth: (number | null)[];
}

export interface WeightedCheck {
  /** Growth implied by the sub-districts: Σ VA₂₀₂₁ ÷ Σ (VA₂₀₂₁ ÷ (1 + gᵢ)) − 1, in %. */
  implied: number | null;
  district: number | null;
  /** Equal at the printed precision (one decimal). */
  ok: boolean;
}

export interface GrowthVM {
  subs: SubVM[];
  /** Highest growth first; sub-districts without a value last. */
  ranked: SubVM[];
  district: { growth: number | null; growthStat: StatValue | null; va: number | null; vaStat: StatValue | null };
  city: { growth: number | null; gap: number | null };
  /** Every quarter with a district value added, oldest first ('2020Q1' … '2021Q4'). */
  quarters: string[];
  /** Quarters with a district YoY figure. */
  growthQuarters: string[];
  qDistrictVa: (number | null)[];
  qDistrictGrowth: (number | null)[];
  checks: {
    /** Σ sub-district 2021 value added = district 2021 value added. */
    subdistricts: SumCheck;
    /** Σ of the year's four district quarters = the annual figure. */
    quarters: SumCheck;
    /** Per quarter, Σ sub-districts = district: how many of how many hold, and the worst. */
    perQuarter: { ok: number; n: number; worst: SumCheck | null };
    weighted: WeightedCheck;
  };
  /** Sub-districts growing faster than the city average. */
  aboveCity: number;
  bounds: { min: number; max: number };
  latestGrowthStat: StatValue | null;
  latestVaStat: StatValue | null;
}

function get(stats: Stats, indicator: string, period: string, scope: StatScope = {}): StatValue | null {
  return stats?.[statKey(indicator, period, scope)] ?? null;
}

const isDistrict = (s: StatValue): boolean => !s.scope.subdistrict && !s.scope.sector && !s.scope.category && !s.scope.tier;

export function districtQuarters(stats: Stats, indicator: string): string[] {
  const out = new Set<string>();
  for (const s of Object.values(stats ?? {})) {
    if (s.indicator === indicator && isDistrict(s) && /^\d{4}Q[1-4]$/.test(s.period)) out.add(s.period);
  }
  return [...out].sort();
}

export function weightedGrowth(subs: readonly SubVM[], district: number | null): WeightedCheck {
  let now = 0;
  let before = 0;
  for (const s of subs) {
    if (s.va === null || s.growth === null || s.growth <= -100) return { implied: null, district, ok: false };
    now += s.va;
    before += s.va / (1 + s.growth / 100);
  }
  const implied = subs.length > 0 && before > 0 ? (now / before - 1) * 100 : null;
  const ok = implied !== null && district !== null && Math.round(implied * 10) === Math.round(district * 10);
  return { implied, district, ok };
}

export function growthVM(stats: Stats): GrowthVM {
  const quarters = districtQuarters(stats, VA_Q);
  const growthQuarters = districtQuarters(stats, GROWTH_Q);
  const subs: SubVM[] = SUBDISTRICTS.map((sd) => {
    const scope = { subdistrict: sd.adcode };
    const g = get(stats, GROWTH, YEAR, scope);
    return {
      sd,
      growth: g?.value ?? null,
      growthStat: g,
      va: get(stats, VA, YEAR, scope)?.value ?? null,
      qVa: quarters.map((q) => get(stats, VA_Q, q, scope)?.value ?? null),
      qGrowth: growthQuarters.map((q) => get(stats, GROWTH_Q, q, scope)?.value ?? null),
    };
  });
  const ranked = [...subs].sort((a, b) => (b.growth ?? Number.NEGATIVE_INFINITY) - (a.growth ?? Number.NEGATIVE_INFINITY));

  const growthStat = get(stats, GROWTH, YEAR);
  const vaStat = get(stats, VA, YEAR);
  // Before the first snapshot the documented figures stand in, as on the overview.
  const districtGrowth = growthStat?.value ?? CATALOGUE[GROWTH].value ?? null;
  const districtVa = vaStat?.value ?? CATALOGUE[VA].value ?? null;
  const cityGrowth = get(stats, 'de.city.growth', YEAR)?.value ?? CATALOGUE['de.city.growth'].value ?? null;
  const gap = get(stats, 'de.core.growthAboveCity', YEAR)?.value ?? CATALOGUE['de.core.growthAboveCity'].value ?? null;

  const qDistrictVa = quarters.map((q) => get(stats, VA_Q, q)?.value ?? null);
  const yearQuarters = quarters.map((q, i) => (q.startsWith(YEAR) ? qDistrictVa[i] : undefined)).filter((v) => v !== undefined);
  const perQuarter = quarters.map((_, i) => reconcile(subs.map((s) => s.qVa[i] ?? null), qDistrictVa[i] ?? null));
  const worst = perQuarter.reduce<SumCheck | null>(
    (w, c) => (c.ok ? w : w === null || Math.abs(c.diff ?? Infinity) > Math.abs(w.diff ?? Infinity) ? c : w),
    null,
  );

  const values = subs.map((s) => s.growth).filter((v): v is number => v !== null);
  const lastG = growthQuarters[growthQuarters.length - 1];
  const lastQ = quarters[quarters.length - 1];
  return {
    subs,
    ranked,
    district: { growth: districtGrowth, growthStat, va: districtVa, vaStat },
    city: { growth: cityGrowth, gap },
    quarters,
    growthQuarters,
    qDistrictVa,
    qDistrictGrowth: growthQuarters.map((q) => get(stats, GROWTH_Q, q)?.value ?? null),
    checks: {
      subdistricts: reconcile(
        subs.map((s) => s.va),
        districtVa,
      ),
      quarters: yearQuarters.length === 4 ? reconcile(yearQuarters, districtVa) : reconcile([], districtVa),
      perQuarter: { ok: perQuarter.filter((c) => c.ok).length, n: perQuarter.length, worst },
      weighted: weightedGrowth(subs, districtGrowth),
    },
    aboveCity: cityGrowth === null ? 0 : values.filter((v) => v > cityGrowth).length,
    bounds: niceBounds([...values, ...(cityGrowth === null ? [] : [cityGrowth])]),
    latestGrowthStat: lastG ? get(stats, GROWTH_Q, lastG) : null,
    latestVaStat: lastQ ? get(stats, VA_Q, lastQ) : null,
  };
}
