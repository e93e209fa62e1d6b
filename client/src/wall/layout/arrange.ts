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

/**
 * The alarm strip's band under the stage, as a CSS height in rem, or null where
 * the wall has none.
 *
 * Reserved whenever alarms can show, with or without active alarms (the strip then
 * says 无活动告警): a band that came and went with the first alarm and the last one
 * would resize every module at each raise and clear, and a flapping alarm would
 * make the figures jump in front of the room (and re-render every chart at 4K).
 * The band costs 4.8 % of the height, and "no active alarms" on the wall is itself
 * a fact a duty officer reads.
 *
 * None on a demo screen, in the demo room or during a tour: live alarms are the
 * control centre's, never a visit's (WallApp). That changes only when a tour starts
 * or ends, a rare and deliberate change of scene.
 */
export function alarmBand(layout: LayoutPreset, demo: boolean): string | null {
  return demo ? null : `${layout.alarmStrip / 10}rem`;
}
