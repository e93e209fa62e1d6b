import type { Theme } from '../theme/theme';

/**
 * The wall's value-axis frame: no axis line or ticks, dashed gridlines in the
 * theme's grid colour, one device-independent pixel wide at the tile's scale.
 * Shared so the trend and quarterly charts, which sit side by side on the 4K
 * wall, read as one family; each builder keeps its own range and labels.
 */
export function valueAxisFrame(theme: Theme, px: (v: number) => number) {
  return {
    axisLine: { show: false },
    axisTick: { show: false },
    splitLine: { lineStyle: { color: theme.grid, type: 'dashed' as const, width: px(1) } },
  };
}
