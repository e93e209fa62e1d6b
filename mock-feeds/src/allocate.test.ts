import { describe, expect, it } from 'vitest';
import { allocateWithMin, largestRemainder, toCents } from './allocate.js';

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

describe('largestRemainder', () => {
  it('sums exactly to the total and stays within one of each quota', () => {
    const weights = [1.89, 2.97, 9.7, 10.03, 9.62, 18.25, 7.79, 5.65, 4.59, 2.46];
    for (const total of [0, 1, 58, 798, 5700, 62492]) {
      const parts = largestRemainder(total, weights);
      expect(sum(parts)).toBe(total);
      const w = sum(weights);
      parts.forEach((p, i) => expect(Math.abs(p - ((weights[i] ?? 0) / w) * total)).toBeLessThan(1));
    }
  });

  it('gives the leftover unit to the largest remainder, ties to the lower index', () => {
    expect(largestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(largestRemainder(5, [0.5, 0.3, 0.2])).toEqual([3, 1, 1]);
  });

  it('rejects unusable input', () => {
    expect(() => largestRemainder(1.5, [1])).toThrow();
    expect(() => largestRemainder(3, [0, 0])).toThrow();
    expect(() => largestRemainder(3, [1, -1])).toThrow();
  });

  it('allocateWithMin gives every part the floor first', () => {
    const parts = allocateWithMin(20, [10, 0, 0, 1], 2);
    expect(sum(parts)).toBe(20);
    expect(Math.min(...parts)).toBe(2);
    expect(() => allocateWithMin(3, [1, 1], 2)).toThrow();
  });

  it('toCents rounds away float noise', () => {
    expect(toCents(0.1 + 0.2)).toBe(30);
    expect(toCents(624.92)).toBe(62492);
  });
});
