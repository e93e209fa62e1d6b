import type { WidgetMeta } from '../types';

export const meta: WidgetMeta = {
  id: 'sum-check',
  title: { zh: '分项对账', en: 'Reconciliation' },
  description: {
    zh: '分项合计与区级总量逐分比对；不一致时显示差额',
    en: 'Parts compared with the published total to the cent; a mismatch shows the difference',
  },
  minSize: { width: 240, height: 24 },
  renderer: 'dom',
};
