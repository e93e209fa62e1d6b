/**
 * The only place ECharts parts are registered. Add a chart or component here when
 * a widget needs it; everything not listed stays out of the bundle.
 */
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, MarkLineComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

echarts.use([LineChart, GridComponent, LegendComponent, MarkLineComponent, CanvasRenderer]);

/** Option type limited to what is registered, so a builder cannot use an unbundled part. */
export type WallChartOption = ComposeOption<
  LineSeriesOption | GridComponentOption | LegendComponentOption | MarkLineComponentOption
>;

export { echarts };
