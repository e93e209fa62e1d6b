import { describe, expect, it } from 'vitest';
import { exactSum, reconcile, toUnits } from './model';
import { brokenFixture, missingFixture, okFixture, SECTOR_PARTS } from './fixture';

describe('reconcile', () => {
  it('adds the twelve sector values to exactly 624.92, where float addition does not', () => {
    const float = SECTOR_PARTS.reduce((a, b) => a + b, 0);
    expect(float === 624.92).toBe(false);
    expect(okFixture).toMatchObject({ sum: 624.92, total: 624.92, diff: 0, ok: true, missing: 0, parts: 12 });
  });

  it('reports the difference, signed, when a revision breaks the sum', () => {
    expect(brokenFixture.ok).toBe(false);
    expect(brokenFixture.sum).toBe(620);
    expect(brokenFixture.diff).toBe(-4.92);
    expect(reconcile([1.01, 2.02], 3).diff).toBe(0.03);
  });

  it('never claims a match when a part or the total is missing', () => {
    expect(missingFixture).toMatchObject({ ok: false, sum: null, diff: null, missing: 1 });
    expect(reconcile([1, 2], null)).toMatchObject({ ok: false, total: null, diff: null, sum: 3 });
    expect(reconcile([], 0)).toMatchObject({ ok: false, sum: null });
  });

  it('works at other precisions (firm counts are whole numbers)', () => {
    expect(reconcile([2232, 278, 32, 7], 2549, 0)).toMatchObject({ ok: true, sum: 2549 });
    expect(reconcile([2232, 278, 32, 6], 2549, 0)).toMatchObject({ ok: false, diff: -1 });
  });
});

describe('exactSum and toUnits', () => {
  it('sums in integer units and rounds float noise away', () => {
    expect(toUnits(624.92, 2)).toBe(62492);
    expect(toUnits(0.1 + 0.2, 2)).toBe(30);
    expect(exactSum([0.1, 0.2])).toBe(0.3);
    expect(exactSum([1, null])).toBeNull();
  });
});
