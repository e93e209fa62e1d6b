import type { WidgetMeta } from '../types';

export const meta: WidgetMeta = {
  id: 'scroll-board',
  title: { zh: '滚动榜单', en: 'Scrolling board' },
  description: {
    zh: '匀速无缝循环滚动的条目列表；放得下时静止',
    en: 'A list that loops upward at constant speed without a seam; still when it fits',
  },
  minSize: { width: 240, height: 160 },
  renderer: 'dom',
};
