import { describe, expect, it } from 'vitest';
import { tourPosition, validateTour, type TourConfig } from './ops.js';

const shipped: TourConfig = {
  id: 't',
  version: '1',
  title: { zh: '演示', en: 'Demo' },
  scenes: [
    { id: 'a', module: 'overview', durationS: 20, caption: { zh: '甲', en: 'A' } },
    { id: 'b', module: 'map', layout: 'single', durationS: 18, caption: { zh: '乙', en: 'B' } },
  ],
};

describe('validateTour', () => {
  it('accepts a valid tour, with a single-module scene', () => {
    expect(validateTour(shipped)).toEqual([]);
  });

  it('names every problem of a broken scene', () => {
    const bad = { id: 't', version: '1', scenes: [{ id: 's', module: 'nope', durationS: 1, caption: { zh: '甲' }, layout: 'wide' }] };
    expect(validateTour(bad)).toEqual([
      "scene 0: unknown module 'nope'",
      'scene 0: durationS must be 3–3600',
      'scene 0: caption needs zh and en',
      'scene 0: layout must be "single" or absent',
    ]);
    expect(validateTour({ id: 't', version: '1', scenes: [] })).toEqual(['tour.scenes must be a non-empty array']);
  });
});

describe('tourPosition', () => {
  it('walks the tour by elapsed server time and wraps', () => {
    const state = { tourId: shipped.id, version: shipped.version, state: 'running' as const, startedAt: 0, pausedElapsed: null };
    const first = tourPosition(shipped, state, 0);
    expect(first.index).toBe(0);
    expect(first.cycleMs).toBe(38_000);
    expect(tourPosition(shipped, state, 20_000)).toMatchObject({ index: 1, remainingMs: 18_000 });
    expect(tourPosition(shipped, state, 38_000 + 1).index).toBe(0);
  });
});
