import { describe, expect, it } from 'vitest';
import { emptyCell } from '@futian/shared';
import { densityCompare, sitesLine } from './model';

describe('densityCompare', () => {
  it('divides the live registry by the official 78.66 km² and shows the area the published 131 implies', () => {
    const d = densityCompare(131, 9499, { ...emptyCell(), total: 9499 });
    expect(d.areaKm2).toBe(78.66);
    expect(d.live).toBeCloseTo(120.76, 2);
    expect(d.diffPct).toBeCloseTo(-7.82, 2);
    expect(d.impliedAreaKm2).toBeCloseTo(72.51, 2);
  });

  it('shows nothing live before the first snapshot', () => {
    const d = densityCompare(131, 9499, null);
    expect(d.live).toBeNull();
    expect(d.diffPct).toBeNull();
    expect(d.published).toBe(131);
  });

  it('passes site counts through', () => {
    expect(sitesLine({ total: 798, fast: 58, dark: 2 })).toEqual({ total: 798, fast: 58, dark: 2 });
    expect(sitesLine(null)).toBeNull();
  });
});
