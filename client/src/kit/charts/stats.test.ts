import { afterEach, describe, expect, it } from 'vitest';
import { chartStats, recordSlowDraw } from './stats';

/** Just enough of an element for closest(): a chain of ancestors, each with its own dataset and classes. */
function el(chain: Array<{ cls?: string; data: Record<string, string> }>, width = 800, height = 400): HTMLElement {
  const nodes = chain.map((n) => ({ ...n }));
  return {
    clientWidth: width,
    clientHeight: height,
    closest(sel: string) {
      const hit = nodes.find((n) =>
        sel === '[data-tile]' ? 'tile' in n.data : sel === '[data-pane]' ? 'pane' in n.data : sel === '.tile' ? n.cls === 'tile' : false,
      );
      return hit ? { dataset: hit.data } : null;
    },
  } as unknown as HTMLElement;
}

describe('recordSlowDraw', () => {
  afterEach(() => {
    chartStats.slowDraws.length = 0;
  });

  it('names the chart by pane and tile, falling back to the tile metric', () => {
    recordSlowDraw(10, 61, el([{ data: { tile: 'boards' } }, { data: { pane: 'structure' } }]));
    recordSlowDraw(20, 55, el([{ cls: 'tile', data: { metric: 'pile.util' } }, { data: { pane: 'infra' } }], 1200, 600));
    recordSlowDraw(30, 70, null);
    expect(chartStats.slowDraws).toEqual([
      { at: 10, ms: 61, chart: 'structure/boards', width: 800, height: 400 },
      { at: 20, ms: 55, chart: 'infra/pile.util', width: 1200, height: 600 },
      { at: 30, ms: 70, chart: 'chart', width: 0, height: 0 },
    ]);
  });

  it('keeps only the latest 200', () => {
    for (let i = 0; i < 250; i++) recordSlowDraw(i, 50, null);
    expect(chartStats.slowDraws).toHaveLength(200);
    expect(chartStats.slowDraws[0]!.at).toBe(50);
    expect(chartStats.slowDraws.at(-1)!.at).toBe(249);
  });
});
