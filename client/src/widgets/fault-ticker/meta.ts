import type { WidgetMeta } from '../types';

export const meta: WidgetMeta = {
  id: 'fault-ticker',
  title: { zh: '故障滚动', en: 'Fault ticker' },
  description: {
    zh: '设备故障与恢复事件，逐行上移、节奏恒定，每行停留可读；突发事件排队进入，不加速、不跳动',
    en: 'Device fault and recovery events moving up one row at a time at a fixed cadence, each resting to be read; bursts queue up instead of speeding up or jumping',
  },
  minSize: { width: 420, height: 160 },
  renderer: 'dom',
};
