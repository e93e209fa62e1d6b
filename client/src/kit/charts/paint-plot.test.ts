import { describe, expect, it } from 'vitest';
import { darkTheme } from '../theme/theme';
import { growthFixture } from '../widgets/quarter-chart/fixture';
import { buildQuarterPlot } from '../widgets/quarter-chart/plot';
import { fixture as trendFixture } from '../widgets/trend-line/fixture';
import { buildTrendPlot } from '../widgets/trend-line/option';
import { paintPlot } from './paint-plot';

/**
 * A 2D context that records, for every text draw and font change, the direction in
 * force at that moment. Methods do nothing; gradients are stubs.
 */
function recordingContext(): { ctx: CanvasRenderingContext2D; seen: Array<{ op: string; direction: string }> } {
  const seen: Array<{ op: string; direction: string }> = [];
  const state: Record<string, unknown> = { direction: 'inherit' };
  const ctx = new Proxy(state, {
    get(target, key: string) {
      if (key in target) return target[key];
      if (key === 'createLinearGradient') return () => ({ addColorStop: () => undefined });
      return (..._args: unknown[]) => {
        if (key === 'fillText' || key === 'strokeText') seen.push({ op: key, direction: String(target.direction) });
      };
    },
    set(target, key: string, value: unknown) {
      if (key === 'font') seen.push({ op: 'font', direction: String(target.direction) });
      target[key] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
  return { ctx, seen };
}

describe('paintPlot', () => {
  // With 'inherit', Chromium resolves the canvas element's style at each of these, which
  // forces a style recalc when the frame's Vue flush has just changed the DOM.
  it.each([
    ['a trend plot', buildTrendPlot(trendFixture, darkTheme, { width: 1000, height: 400, u: 2 })],
    ['a quarter plot with value labels', buildQuarterPlot(growthFixture, darkTheme, { width: 1000, height: 600, u: 2 })],
  ])('sets a fixed text direction before any font change or text draw: %s', (_name, plot) => {
    const { ctx, seen } = recordingContext();
    paintPlot(ctx, plot, 2);
    expect(seen.filter((s) => s.op === 'fillText').length).toBeGreaterThan(3);
    expect(seen.filter((s) => s.direction !== 'ltr')).toEqual([]);
  });
});
