import type { Component } from 'vue';
import type { Label, ModuleId } from '@futian/shared';

/** Module ids live in shared/ so the console and the tour file name the same modules. */
export type { ModuleId };

export interface ModuleDef {
  id: ModuleId;
  label: Label;
  /** Lazy, so each module is its own chunk and a single-module screen loads only that one. */
  component: Component;
  /** Relative width on wide walls, where every module is on screen at once. */
  wideWeight: number;
}
