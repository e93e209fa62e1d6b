import type { Label } from '@futian/shared';

export type RendererKind = 'echarts' | 'canvas' | 'dom';

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
  /**
   * 'echarts' widgets have an option builder; 'canvas' widgets a plot builder and a
   * painter; 'dom' widgets a view model. A widget that draws some of its forms one way
   * and some another (the quarterly chart: lines on a canvas, bars through ECharts)
   * lists both.
   */
  renderer: RendererKind | readonly RendererKind[];
}
