import { describe, expect, it } from 'vitest';
import { LAYOUTS } from './presets';
import { alarmBand, COLUMN_GROW, planSlots } from './arrange';
import type { ModuleId } from '../modules/types';

const all: ModuleId[] = ['overview', 'structure', 'growth', 'map', 'infra'];

describe('planSlots', () => {
  it('fills a 16:9 wall with the overview while it is the only module', () => {
    expect(planSlots(LAYOUTS['1080p'], null, ['overview'])).toEqual([
      { key: 'overview', modules: ['overview'], grow: 1, rotateMs: null, variant: 'single' },
    ]);
  });

  it('puts the overview in a side column beside the rotating modules on 16:9', () => {
    for (const id of ['1080p', '4k'] as const) {
      const slots = planSlots(LAYOUTS[id], null, all);
      expect(slots.map((s) => s.modules)).toEqual([['overview'], ['structure', 'growth', 'map', 'infra']]);
      expect(slots.map((s) => s.variant)).toEqual(['column', 'rotation']);
      expect(slots[0]!.grow).toBe(COLUMN_GROW);
      expect(slots[1]!.rotateMs).toBeGreaterThan(0);
    }
  });

  it('shows every module at once on a wide wall, weighted', () => {
    for (const id of ['48x9', '32x9'] as const) {
      const slots = planSlots(LAYOUTS[id], null, all, (m) => (m === 'map' ? 1.2 : 1));
      expect(slots.map((s) => s.modules[0])).toEqual(all);
      expect(slots.every((s) => s.variant === 'wide' && s.rotateMs === null)).toBe(true);
      expect(slots.find((s) => s.key === 'map')!.grow).toBe(1.2);
    }
  });

  it('shows one module full-screen for ?screen=, and ignores unknown screens', () => {
    expect(planSlots(LAYOUTS['48x9'], 'map', all)).toEqual([
      { key: 'map', modules: ['map'], grow: 1, rotateMs: null, variant: 'single' },
    ]);
    expect(planSlots(LAYOUTS['1080p'], 'nope', ['overview'])).toHaveLength(1);
    expect(planSlots(LAYOUTS['1080p'], 'nope', all)).toHaveLength(2);
  });
});

describe('alarmBand', () => {
  it('reserves the strip in every layout, the same whether or not alarms are active, and none in demo', () => {
    for (const layout of Object.values(LAYOUTS)) {
      const band = alarmBand(layout, false);
      expect(band).toBe(`${layout.alarmStrip / 10}rem`);
      // One line of readable text, and most of the height left to the modules.
      expect(layout.alarmStrip).toBeGreaterThanOrEqual(40);
      expect(layout.alarmStrip / layout.design.height).toBeLessThan(0.06);
      expect(alarmBand(layout, true)).toBeNull();
    }
  });
});
