import type { WidgetMeta } from '../types';

export const meta: WidgetMeta = {
  id: 'hier-treemap',
  title: { zh: '层级矩形树图', en: 'Hierarchy treemap' },
  description: {
    zh: '两级结构（如板块 → 行业），面积即数值，组标题显示组合计',
    en: 'Two-level structure (e.g. board → sector), area is value, group headers show group totals',
  },
  minSize: { width: 360, height: 220 },
  renderer: 'echarts',
};
