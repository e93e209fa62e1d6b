import type { WidgetMeta } from '../types';

export const meta: WidgetMeta = {
  id: 'scroll-board',
  title: { zh: '滚动榜单', en: 'Scrolling board' },
  description: {
    zh: '逐条停留、再上移一条的循环列表，无接缝；放得下时静止',
    en: 'A list that rests on each row, then slides up by one, looping without a seam; still when it fits',
  },
  minSize: { width: 240, height: 160 },
  renderer: 'dom',
};
