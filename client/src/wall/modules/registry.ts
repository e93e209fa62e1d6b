import { h, type Component } from 'vue';
import type { Label } from '@futian/shared';
import { resilientModule } from './lazy';
import ModuleWaiting from './ModuleWaiting.vue';
import type { ModuleDef, ModuleId } from './types';

const LABELS: Readonly<Record<ModuleId, Label>> = {
  overview: { zh: '总览', en: 'Overview' },
  structure: { zh: '结构分析', en: 'Structure' },
  growth: { zh: '增长区域', en: 'Growth areas' },
  map: { zh: '产业地图', en: 'Industry map' },
  infra: { zh: '基础设施实时', en: 'Live infrastructure' },
};

/** A module's code, loaded lazily and again until it arrives (lazy.ts), with a calm placeholder meanwhile. */
function lazy(module: ModuleId, load: () => Promise<{ default: Component }>): Component {
  return resilientModule(load, (failing) => h(ModuleWaiting, { module, label: LABELS[module], failing }));
}

/**
 * Every wall module. Adding one is: a folder under modules/, an id in types.ts,
 * and an entry here. The shell, ?screen= and the layout plan pick it up.
 */
export const MODULES: Readonly<Record<ModuleId, ModuleDef>> = {
  overview: {
    id: 'overview',
    label: LABELS.overview,
    component: lazy('overview', () => import('./overview/OverviewModule.vue')),
    wideWeight: 1,
  },
  structure: {
    id: 'structure',
    label: LABELS.structure,
    component: lazy('structure', () => import('./structure/StructureModule.vue')),
    wideWeight: 1,
  },
  growth: {
    id: 'growth',
    label: LABELS.growth,
    component: lazy('growth', () => import('./growth/GrowthModule.vue')),
    wideWeight: 1,
  },
  map: {
    id: 'map',
    label: LABELS.map,
    component: lazy('map', () => import('./map/MapModule.vue')),
    wideWeight: 1.2,
  },
  infra: {
    id: 'infra',
    label: LABELS.infra,
    component: lazy('infra', () => import('./infra/InfraModule.vue')),
    wideWeight: 1,
  },
};

export const MODULE_IDS = Object.keys(MODULES) as ModuleId[];
