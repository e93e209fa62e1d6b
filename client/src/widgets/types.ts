import type { Label } from '@futian/shared';

/**
 * Static description of a widget, for the registry a console or widget gallery
 * will list. Design sizes are in design px; the shell converts them with u.
 */
export interface WidgetMeta {
  id: string;
  title: Label;
  description: Label;
  /** Smallest design size the widget stays legible at. */
  minSize: { width: number; height: number };
  /** 'echarts' widgets have an option builder; 'dom' widgets a view model. */
  renderer: 'echarts' | 'dom';
}
