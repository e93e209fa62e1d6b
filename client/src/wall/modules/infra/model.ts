import { DISTRICT, type InfraCell, type SiteSummary } from '@futian/shared';

export interface DensityCompare {
  /** Published pile density, /km² (F: 131). */
  published: number | null;
  /** Registered piles now ÷ official area, /km². */
  live: number | null;
  registered: number | null;
  areaKm2: number;
  /** live vs published, percent; null while either is missing. */
  diffPct: number | null;
  /**
   * The area the published figure implies (documented piles ÷ published density):
   * the letter does not say which area it divided by, and 9,499 ÷ 131 ≈ 72.5 km²
   * is not the official 78.66 km², so the wall shows the implied area instead of
   * pretending the two figures share a basis.
   */
  impliedAreaKm2: number | null;
}

export function densityCompare(published: number | null, documentedPiles: number | null, cell: InfraCell | null): DensityCompare {
  const area = DISTRICT.officialAreaKm2;
  const registered = cell ? cell.total : null;
  const live = registered === null ? null : registered / area;
  return {
    published,
    live,
    registered,
    areaKm2: area,
    diffPct: live !== null && published ? (100 * (live - published)) / published : null,
    impliedAreaKm2: published && documentedPiles ? documentedPiles / published : null,
  };
}

/** Charging sites now: registered, fast, and "dark" (every pile down). */
export function sitesLine(s: SiteSummary | null): { total: number; fast: number; dark: number } | null {
  return s ? { total: s.total, fast: s.fast, dark: s.dark } : null;
}
