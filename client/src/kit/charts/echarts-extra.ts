/**
 * Geo and hierarchy chart parts, registered when a module that needs them loads.
 * Import this only from module code (itself lazily loaded), never from the shell,
 * or these parts would move back into the initial bundle.
 */
import { MapChart, ScatterChart, TreemapChart } from 'echarts/charts';
import type { MapSeriesOption, ScatterSeriesOption, TreemapSeriesOption } from 'echarts/charts';
import { GeoComponent } from 'echarts/components';
import type { GeoComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { echarts, type WallChartOption } from './echarts';

// No visualMap, sunburst or effect scatter: the choropleth colours its regions from
// the shared ramp itself and draws its scale as DOM, and no builder draws the other
// two. Every part registered here is bytes on the wire.
echarts.use([MapChart, ScatterChart, TreemapChart, GeoComponent]);

/** Options that may use the extra parts as well as the core ones. */
export type WallExtraChartOption =
  | WallChartOption
  | ComposeOption<
      | MapSeriesOption
      | ScatterSeriesOption
      | TreemapSeriesOption
      | GeoComponentOption
    >;

export { echarts };
