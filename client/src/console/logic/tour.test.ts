import { describe, expect, it } from 'vitest';
import type { TourConfig, TourState } from '@futian/shared';
import { tourView } from './tour';

const config: TourConfig = {
  id: 't',
  version: 'v1',
  title: { zh: '巡游', en: 'Tour' },
  scenes: [
    { id: 'a', module: 'overview', durationS: 20, caption: { zh: '一', en: 'one' } },
    { id: 'b', module: 'map', durationS: 10, caption: { zh: '二', en: 'two' } },
  ],
};
const running = (startedAt: number): TourState => ({ tourId: 't', version: 'v1', state: 'running', startedAt, pausedElapsed: null });

describe('tourView', () => {
  it('is idle without a state', () => {
    const v = tourView(config, null, 1_000);
    expect(v).toMatchObject({ status: 'idle', index: -1, total: 2, caption: null, cycleMs: 30_000 });
  });

  it('counts down the current scene from the server clock', () => {
    const v = tourView(config, running(100_000), 100_000 + 5_000);
    expect(v).toMatchObject({ status: 'running', index: 0, remainingMs: 15_000, pausedBy: null });
    expect(v.progress).toBeCloseTo(0.25);
    const w = tourView(config, running(100_000), 100_000 + 26_000);
    expect(w).toMatchObject({ index: 1, remainingMs: 4_000, caption: { zh: '二', en: 'two' } });
  });

  it('wraps around after a full round', () => {
    expect(tourView(config, running(0), 30_000 * 3 + 1_000)).toMatchObject({ index: 0, remainingMs: 19_000 });
  });

  it('freezes while paused, whatever the clock says, and names who paused', () => {
    const paused: TourState = { ...running(0), state: 'paused', pausedElapsed: 22_000, pausedBy: 'duty1' };
    const a = tourView(config, paused, 50_000);
    const b = tourView(config, paused, 500_000);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ status: 'paused', index: 1, remainingMs: 8_000, pausedBy: 'duty1' });
  });
});
