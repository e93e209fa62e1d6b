import { describe, expect, it } from 'vitest';
import { settled, stepSpring, type SpringState } from './spring';

function run(s: SpringState, seconds: number, fps = 60): number[] {
  const xs: number[] = [];
  for (let i = 0; i < seconds * fps; i++) {
    stepSpring(s, 1 / fps);
    xs.push(s.x);
  }
  return xs;
}

describe('critically damped spring', () => {
  it('reaches the target within 2.5 s without overshoot', () => {
    const s: SpringState = { x: 0, v: 0, target: 624.92 };
    const xs = run(s, 2.5);
    expect(Math.max(...xs)).toBeLessThanOrEqual(624.92 + 1e-9);
    expect(settled(s, 0.005)).toBe(true);
  });

  it('moves monotonically under a burst of rising targets (no jitter)', () => {
    const s: SpringState = { x: 5600, v: 0, target: 5600 };
    const xs: number[] = [];
    for (let burst = 0; burst < 30; burst++) {
      s.target += 1 + (burst % 3);
      xs.push(...run(s, 0.05));
    }
    for (let i = 1; i < xs.length; i++) expect(xs[i]!).toBeGreaterThanOrEqual(xs[i - 1]! - 1e-9);
  });

  it('keeps velocity continuous when retargeted mid-flight', () => {
    const s: SpringState = { x: 0, v: 0, target: 100 };
    run(s, 0.2);
    const before = s.v;
    s.target = 200;
    stepSpring(s, 1e-6);
    expect(Math.abs(s.v - before)).toBeLessThan(before * 0.01);
  });

  it('stays stable across a very long frame', () => {
    const s: SpringState = { x: 0, v: 0, target: 10 };
    stepSpring(s, 5);
    expect(Math.abs(s.x - 10)).toBeLessThan(1e-6);
  });
});
