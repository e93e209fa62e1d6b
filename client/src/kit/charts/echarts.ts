/**
 * The only place the wall registers ECharts parts. Core parts (bar charts, grids,
 * mark lines) load with the first module. There is no line chart: the wall's line
 * charts (the live trends, the quarterly lines) are painted on a plain canvas
 * (charts/plot.ts, charts/paint-plot.ts). The heavy geo and
 * hierarchy parts live in echarts-extra.ts, imported only by the modules that draw
 * maps and treemaps, so they arrive as a lazy chunk.
 *
 * Only what a builder uses is registered. A wall has no pointer, so there is no
 * tooltip and no axis pointer (GridSimple is the grid without one), and legends
 * are DOM (legend.ts). No builder draws titles, mark points or graphic elements.
 * Each unused part was kilobytes of initial JS (PERFORMANCE.md).
 * WallChartOption is composed from the same list, so a builder that reaches for an
 * unregistered part fails to type-check instead of silently drawing nothing.
 */
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import type { BarSeriesOption } from 'echarts/charts';
import { GridSimpleComponent, MarkLineComponent } from 'echarts/components';
import type { GridComponentOption, MarkLineComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';

echarts.use([BarChart, GridSimpleComponent, MarkLineComponent, CanvasRenderer]);

/** Option type limited to what is registered, so a builder cannot use an unbundled part. */
export type WallChartOption = ComposeOption<
  BarSeriesOption | GridComponentOption | MarkLineComponentOption
>;

export { echarts };
