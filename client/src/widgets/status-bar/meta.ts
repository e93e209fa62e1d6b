import type { WidgetMeta } from '../types';

export const meta: WidgetMeta = {
  id: 'status-bar',
  title: { zh: '设备状态分布', en: 'Device status split' },
  description: {
    zh: '在线 / 离线 / 故障 / 失联的数量与占比',
    en: 'Online / offline / fault / silent counts and shares',
  },
  minSize: { width: 240, height: 90 },
  renderer: 'dom',
};
