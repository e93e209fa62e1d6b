import type { Component } from 'vue';
import type { Label } from '@futian/shared';

/** Issue 4 adds 'structure' | 'growth' | 'map' | 'infra' here and in registry.ts. */
export type ModuleId = 'overview';

export interface ModuleDef {
  id: ModuleId;
  label: Label;
  /** Lazy, so each module is its own chunk and a single-module screen loads only that one. */
  component: Component;
  /** Relative width on wide walls, where every module is on screen at once. */
  wideWeight: number;
}
