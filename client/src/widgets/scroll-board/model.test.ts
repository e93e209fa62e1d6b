import { describe, expect, it } from 'vitest';
import { planChanged, scrollPlan } from './model';

describe('scrollPlan', () => {
  it('stands still when the list fits', () => {
    expect(scrollPlan(300, 400, 24)).toEqual({ scroll: false, durationS: 0 });
    expect(scrollPlan(400, 400, 24)).toEqual({ scroll: false, durationS: 0 });
  });

  it('takes time proportional to the list height, so every list moves at the same speed', () => {
    expect(scrollPlan(960, 400, 24)).toEqual({ scroll: true, durationS: 40 });
    expect(scrollPlan(1920, 400, 24).durationS).toBe(80);
  });

  it('does not scroll on nonsense sizes (hidden, detached, zero speed)', () => {
    expect(scrollPlan(0, 400, 24).scroll).toBe(false);
    expect(scrollPlan(900, 0, 24).scroll).toBe(false);
    expect(scrollPlan(900, 400, 0).scroll).toBe(false);
    expect(scrollPlan(Number.NaN, 400, 24).scroll).toBe(false);
  });
});

describe('planChanged', () => {
  it('ignores sub-pixel re-measures, so the board never restarts with a jump', () => {
    const a = scrollPlan(960, 400, 24);
    expect(planChanged(a, scrollPlan(960.4, 400, 24))).toBe(false);
    expect(planChanged(a, scrollPlan(1200, 400, 24))).toBe(true);
    expect(planChanged(a, scrollPlan(300, 400, 24))).toBe(true);
    expect(planChanged(scrollPlan(300, 400, 24), scrollPlan(200, 400, 24))).toBe(false);
  });
});
