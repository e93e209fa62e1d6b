import { defineAsyncComponent } from 'vue';
import type { ModuleDef, ModuleId } from './types';

/**
 * Every wall module. Adding one is: a folder under modules/, an id in types.ts,
 * and an entry here. The shell, ?screen= and the layout plan pick it up.
 */
export const MODULES: Readonly<Record<ModuleId, ModuleDef>> = {
  overview: {
    id: 'overview',
    label: { zh: '总览', en: 'Overview' },
    component: defineAsyncComponent(() => import('./overview/OverviewModule.vue')),
    wideWeight: 1,
  },
  structure: {
    id: 'structure',
    label: { zh: '结构分析', en: 'Structure' },
    component: defineAsyncComponent(() => import('./structure/StructureModule.vue')),
    wideWeight: 1,
  },
  growth: {
    id: 'growth',
    label: { zh: '增长区域', en: 'Growth areas' },
    component: defineAsyncComponent(() => import('./growth/GrowthModule.vue')),
    wideWeight: 1,
  },
  map: {
    id: 'map',
    label: { zh: '产业地图', en: 'Industry map' },
    component: defineAsyncComponent(() => import('./map/MapModule.vue')),
    wideWeight: 1.2,
  },
  infra: {
    id: 'infra',
    label: { zh: '基础设施实时', en: 'Live infrastructure' },
    component: defineAsyncComponent(() => import('./infra/InfraModule.vue')),
    wideWeight: 1,
  },
};

export const MODULE_IDS = Object.keys(MODULES) as ModuleId[];
