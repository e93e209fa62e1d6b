import type { LayoutPreset } from '../layout/presets';
import type { ModuleId } from './types';

/** One region of the canvas; it shows its modules in turn when it has several. */
export interface Slot {
  key: string;
  modules: readonly ModuleId[];
  /** flex-grow share of the canvas width. */
  grow: number;
  rotateMs: number | null;
}

export const ROTATE_MS = 30_000;

/**
 * Which modules go where:
 * - ?screen=<module>: that module alone, for walls driven by several PCs;
 * - wide walls: every module side by side;
 * - 16:9: the overview, beside the other modules rotating.
 */
export function planSlots(
  layout: LayoutPreset,
  screen: string | null,
  modules: readonly ModuleId[],
  weight: (id: ModuleId) => number = () => 1,
): Slot[] {
  const chosen = modules.find((m) => m === screen);
  if (chosen) return [{ key: chosen, modules: [chosen], grow: 1, rotateMs: null }];
  if (layout.wide) return modules.map((m) => ({ key: m, modules: [m], grow: weight(m), rotateMs: null }));
  const rest = modules.filter((m) => m !== 'overview');
  const slots: Slot[] = [];
  if (modules.includes('overview')) slots.push({ key: 'overview', modules: ['overview'], grow: 1, rotateMs: null });
  if (rest.length > 0) slots.push({ key: 'rotation', modules: rest, grow: 2, rotateMs: rest.length > 1 ? ROTATE_MS : null });
  return slots;
}
