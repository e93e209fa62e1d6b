import type { LayoutPreset } from './presets';
import type { SlotVariant } from './slot';
import type { ModuleId } from '../modules/types';

/** One region of the canvas; it shows its modules in turn when it has several. */
export interface Slot {
  key: string;
  modules: readonly ModuleId[];
  /** flex-grow share of the canvas width. */
  grow: number;
  rotateMs: number | null;
  variant: SlotVariant;
}

export const ROTATE_MS = 30_000;
/**
 * The overview's column on 16:9, as a share beside the rotating slot's 1: about
 * 560 of 1,872 design px, enough for the headline figures at a readable size
 * while the modules keep two thirds of the wall.
 */
export const COLUMN_GROW = 0.43;

/**
 * Which modules go where:
 * - ?screen=<module>: that module alone, for walls driven by several PCs;
 * - wide walls: every module side by side;
 * - 16:9: the overview in a side column, beside the other modules rotating.
 */
export function planSlots(
  layout: LayoutPreset,
  screen: string | null,
  modules: readonly ModuleId[],
  weight: (id: ModuleId) => number = () => 1,
): Slot[] {
  const chosen = modules.find((m) => m === screen);
  if (chosen) return [{ key: chosen, modules: [chosen], grow: 1, rotateMs: null, variant: 'single' }];
  if (layout.wide) {
    return modules.map((m) => ({ key: m, modules: [m], grow: weight(m), rotateMs: null, variant: 'wide' as const }));
  }
  const rest = modules.filter((m) => m !== 'overview');
  if (rest.length === 0) return modules.map((m) => ({ key: m, modules: [m], grow: 1, rotateMs: null, variant: 'single' as const }));
  const slots: Slot[] = [];
  if (modules.includes('overview')) {
    slots.push({ key: 'overview', modules: ['overview'], grow: COLUMN_GROW, rotateMs: null, variant: 'column' });
  }
  slots.push({
    key: 'rotation',
    modules: rest,
    grow: 1,
    rotateMs: rest.length > 1 ? ROTATE_MS : null,
    variant: modules.includes('overview') ? 'rotation' : 'single',
  });
  return slots;
}
