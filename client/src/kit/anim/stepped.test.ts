import { describe, expect, it } from 'vitest';
import { msToNextStep, steppedFraction, type SteppedClock } from './stepped';

const turn: SteppedClock = { originMs: 1000, durationMs: 30_000, stepMs: 1000 };

describe('stepped progress', () => {
  it('fills in whole steps: 30 one-second steps over a 30 s turn', () => {
    expect(steppedFraction(turn, 1000)).toBe(0);
    expect(steppedFraction(turn, 1999)).toBe(0);
    expect(steppedFraction(turn, 2000)).toBeCloseTo(1 / 30, 12);
    expect(steppedFraction(turn, 1000 + 15_500)).toBeCloseTo(15 / 30, 12);
    expect(steppedFraction(turn, 1000 + 30_000)).toBe(1);
    expect(steppedFraction(turn, 1000 + 99_000)).toBe(1);
  });

  it('a timer firing on a boundary shows that step, not the one before', () => {
    const c: SteppedClock = { originMs: 0, durationMs: 0.3 * 10, stepMs: 0.1 };
    // 0.1 * 3 is 0.30000000000000004 in floating point; the step is still the third.
    expect(steppedFraction(c, 0.1 * 3)).toBeCloseTo(0.1, 12);
  });

  it('is 0 before the origin and for an empty duration', () => {
    expect(steppedFraction(turn, 0)).toBe(0);
    expect(steppedFraction({ ...turn, durationMs: 0 }, 5000)).toBe(0);
    expect(steppedFraction({ ...turn, stepMs: 0 }, 5000)).toBe(0);
  });

  it('a duration that is not a whole number of steps keeps equal steps', () => {
    const c: SteppedClock = { originMs: 0, durationMs: 2500, stepMs: 1000 }; // rounds to 3 steps of 833 ms
    expect(steppedFraction(c, 832)).toBe(0);
    expect(steppedFraction(c, 834)).toBeCloseTo(1 / 3, 12);
    expect(steppedFraction(c, 2500)).toBe(1);
  });

  it('waits exactly to the next boundary, and stops when full', () => {
    expect(msToNextStep(turn, 1000)).toBe(1000);
    expect(msToNextStep(turn, 1250)).toBe(750);
    expect(msToNextStep(turn, 2000)).toBe(1000);
    expect(msToNextStep(turn, 30_999)).toBe(1);
    expect(msToNextStep(turn, 31_000)).toBeNull();
    // A source that joins mid-step (elapsed 1.4 s) waits 0.6 s.
    expect(msToNextStep({ ...turn, originMs: -400 }, 1000)).toBeCloseTo(600, 9);
  });
});
