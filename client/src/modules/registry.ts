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
};

export const MODULE_IDS = Object.keys(MODULES) as ModuleId[];

export function isModuleId(v: string | null | undefined): v is ModuleId {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(MODULES, v);
}
