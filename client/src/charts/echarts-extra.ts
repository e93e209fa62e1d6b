/**
 * Geo and hierarchy chart parts, registered when a module that needs them loads.
 * Import this only from module code (itself lazily loaded), never from the shell,
 * or these parts would move back into the initial bundle.
 */
import { EffectScatterChart, MapChart, ScatterChart, SunburstChart, TreemapChart } from 'echarts/charts';
import type {
  EffectScatterSeriesOption,
  MapSeriesOption,
  ScatterSeriesOption,
  SunburstSeriesOption,
  TreemapSeriesOption,
} from 'echarts/charts';
import { GeoComponent, VisualMapComponent } from 'echarts/components';
import type { GeoComponentOption, VisualMapComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { echarts, type WallChartOption } from './echarts';

echarts.use([MapChart, ScatterChart, EffectScatterChart, TreemapChart, SunburstChart, GeoComponent, VisualMapComponent]);

/** Options that may use the extra parts as well as the core ones. */
export type WallExtraChartOption =
  | WallChartOption
  | ComposeOption<
      | MapSeriesOption
      | ScatterSeriesOption
      | EffectScatterSeriesOption
      | TreemapSeriesOption
      | SunburstSeriesOption
      | GeoComponentOption
      | VisualMapComponentOption
    >;

export { echarts };
