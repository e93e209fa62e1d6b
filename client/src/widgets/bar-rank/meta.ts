import type { WidgetMeta } from '../types';

export const meta: WidgetMeta = {
  id: 'bar-rank',
  title: { zh: '排名条形图', en: 'Ranked bars' },
  description: {
    zh: '横向条形，可排序，显示数值、占比与参考线（区级、全市平均）',
    en: 'Horizontal bars, ranked or in fixed order, with values, shares and reference lines',
  },
  minSize: { width: 300, height: 140 },
  renderer: 'echarts',
};
