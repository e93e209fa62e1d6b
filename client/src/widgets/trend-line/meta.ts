import type { WidgetMeta } from '../types';

export const meta: WidgetMeta = {
  id: 'trend-line',
  title: { zh: '趋势折线', en: 'Trend line' },
  description: {
    zh: '近一小时的实时序列，一条或多条，固定时间窗',
    en: 'One or more live series over a fixed recent window',
  },
  minSize: { width: 320, height: 160 },
  renderer: 'canvas',
};
