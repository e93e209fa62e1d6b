import type { WidgetMeta } from '../types';

export const meta: WidgetMeta = {
  id: 'region-choropleth',
  title: { zh: '分区设色地图', en: 'Choropleth' },
  description: {
    zh: '按街道着色的真实边界地图，区内标注名称与数值，左侧色标',
    en: 'Real sub-district boundaries coloured by value, labelled in place, with a colour scale',
  },
  minSize: { width: 360, height: 300 },
  renderer: 'echarts',
};
