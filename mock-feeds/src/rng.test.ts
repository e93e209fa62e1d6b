import { describe, expect, it } from 'vitest';
import { createRng } from './rng.js';

const draw = (n: number, f: () => number): number[] => Array.from({ length: n }, f);

describe('Rng', () => {
  it('replays the same stream for the same seed and differs for another', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = draw(100, () => a.next());
    expect(draw(100, () => b.next())).toEqual(sa);
    expect(draw(100, () => c.next())).not.toEqual(sa);
  });

  it('forks by label alone: a child stream ignores how much the parent was used', () => {
    const fresh = createRng(7).fork('pile').next();
    const used = createRng(7);
    draw(1000, () => used.next());
    expect(used.fork('pile').next()).toBe(fresh);
    expect(createRng(7).fork('pole').next()).not.toBe(fresh);
    expect(createRng(8).fork('pile').next()).not.toBe(fresh);
  });

  it('keeps int() inside its closed range and hits both ends', () => {
    const r = createRng('int');
    const seen = new Set(draw(2000, () => r.int(3, 7)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('draws normal and exponential values with the asked-for moments', () => {
    const r = createRng('moments');
    const xs = draw(20_000, () => r.normal(10, 2));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeGreaterThan(1.9);
    expect(sd).toBeLessThan(2.1);
    const es = draw(20_000, () => r.exp(5));
    expect(es.reduce((s, x) => s + x, 0) / es.length).toBeGreaterThan(4.8);
    expect(es.reduce((s, x) => s + x, 0) / es.length).toBeLessThan(5.2);
    expect(Math.min(...es)).toBeGreaterThanOrEqual(0);
  });

  it('refuses to pick from an empty list', () => {
    expect(() => createRng(1).pick([])).toThrow();
  });
});
