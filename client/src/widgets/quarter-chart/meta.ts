import type { WidgetMeta } from '../types';

export const meta: WidgetMeta = {
  id: 'quarter-chart',
  title: { zh: '季度趋势', en: 'Quarterly trend' },
  description: {
    zh: '按季度的折线或柱形，一条主线加若干对比线，可带参考线',
    en: 'Quarterly lines or bars: a primary series, a few comparisons, an optional reference line',
  },
  minSize: { width: 320, height: 180 },
  // Lines on a canvas (plot.ts), bars through ECharts (option.ts): QuarterData.kind.
  renderer: ['canvas', 'echarts'],
};
