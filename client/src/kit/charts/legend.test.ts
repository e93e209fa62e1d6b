import { describe, expect, it } from 'vitest';
import { darkTheme } from '../theme/theme';
import { sameValue } from '../reactive/stable';
import { seriesLegend } from './legend';

const look = { align: 'right' as const, side: 10, font: 14, markWidth: 18, markHeight: 4, gap: 20 };
const two = [{ name: '5G 基站' }, { name: '充电桩', colorIndex: 2 }];

describe('seriesLegend', () => {
  it('names each series in its colour, scaled by u, and is absent for one series', () => {
    const l = seriesLegend(two, darkTheme, 2, look)!;
    expect(l.items).toEqual([
      { name: '5G 基站', color: darkTheme.series[0] },
      { name: '充电桩', color: darkTheme.series[2] },
    ]);
    expect([l.side, l.font, l.markWidth, l.gap]).toEqual([20, 28, 36, 40]);
    expect(seriesLegend(two.slice(0, 1), darkTheme, 1, look)).toBeNull();
  });

  it('tells an unchanged legend from one whose items, colours or size changed', () => {
    const a = seriesLegend(two, darkTheme, 1, look);
    expect(sameValue(a, seriesLegend(two, darkTheme, 1, look))).toBe(true);
    expect(sameValue(a, seriesLegend(two, darkTheme, 2, look))).toBe(false);
    expect(sameValue(a, seriesLegend([two[0]!, { name: '充电桩', colorIndex: 3 }], darkTheme, 1, look))).toBe(false);
    expect(sameValue(a, seriesLegend([...two, { name: '智能杆' }], darkTheme, 1, look))).toBe(false);
    expect(sameValue(a, null)).toBe(false);
    expect(sameValue(null, null)).toBe(true);
  });
});
