import type { WidgetMeta } from '../types';

export const meta: WidgetMeta = {
  id: 'district-map',
  title: { zh: '街道地图', en: 'Sub-district map' },
  description: {
    zh: '福田区 10 个街道的分级设色图，叠加园区点位、同点园区聚合与实时故障标记；点击街道下钻',
    en: "Choropleth of Futian's 10 sub-districts with park points, same-spot park clusters and live fault markers; click to drill down",
  },
  minSize: { width: 420, height: 320 },
  renderer: 'echarts',
};
