import { describe, expect, it } from 'vitest';
import { LAYOUTS } from '../layout/presets';
import { planSlots } from './arrange';
import type { ModuleId } from './types';

// Issue 4's modules, as strings the planner must already handle.
const future = ['overview', 'structure', 'growth', 'map', 'infra'] as unknown as ModuleId[];

describe('planSlots', () => {
  it('fills a 16:9 wall with the overview while it is the only module', () => {
    expect(planSlots(LAYOUTS['1080p'], null, ['overview'])).toEqual([
      { key: 'overview', modules: ['overview'], grow: 1, rotateMs: null },
    ]);
  });

  it('puts the overview beside the rotating modules on 16:9', () => {
    const slots = planSlots(LAYOUTS['4k'], null, future);
    expect(slots.map((s) => s.modules)).toEqual([['overview'], ['structure', 'growth', 'map', 'infra']]);
    expect(slots[1]!.rotateMs).toBeGreaterThan(0);
  });

  it('shows every module at once on a wide wall', () => {
    expect(planSlots(LAYOUTS['32x9'], null, future)).toHaveLength(5);
  });

  it('shows one module full-screen for ?screen=, and ignores unknown screens', () => {
    expect(planSlots(LAYOUTS['48x9'], 'map', future)).toEqual([{ key: 'map', modules: ['map'], grow: 1, rotateMs: null }]);
    expect(planSlots(LAYOUTS['1080p'], 'nope', ['overview'])).toHaveLength(1);
  });
});
