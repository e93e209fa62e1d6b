import { CATALOGUE, type MetricId } from './catalogue.js';
import type { StatValue } from './wall-state.js';

const ANNUAL = /^\d{4}$/;
const QUARTER = /^\d{4}Q[1-4]$/;

/**
 * The latest period with a district-level value of `indicator` (no sub-district,
 * sector, category or tier), in the catalogue cadence's format: when statistics
 * staff load 2022, the wall shows 2022 and the period before stays in the store
 * for comparisons (issue #40: a 2022 value was accepted but never shown).
 * Period keys sort as strings ('2021' < '2022', '2021Q4' < '2022Q1').
 */
export function latestPeriod(stats: Readonly<Record<string, StatValue>> | undefined, indicator: string): string | null {
  const quarterly = (CATALOGUE as Record<string, { cadence: string } | undefined>)[indicator]?.cadence === 'quarterly';
  const format = quarterly ? QUARTER : ANNUAL;
  let best: string | null = null;
  for (const s of Object.values(stats ?? {})) {
    if (s.indicator !== indicator || !format.test(s.period)) continue;
    if (s.scope.subdistrict || s.scope.sector || s.scope.category || s.scope.tier) continue;
    if (best === null || s.period > best) best = s.period;
  }
  return best;
}

/** The figure's current period: the latest loaded, else the catalogue's (the source document's). */
export function currentPeriod(stats: Readonly<Record<string, StatValue>> | undefined, id: MetricId): string | undefined {
  return latestPeriod(stats, id) ?? CATALOGUE[id].period;
}
