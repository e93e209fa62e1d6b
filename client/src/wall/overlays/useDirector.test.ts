import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { effectScope } from 'vue';
import type { TourConfig, WallControl } from '@futian/shared';
import { connectTestWall, snap, TestLink } from '../stores/wall.testkit';
import { useDirector } from './useDirector';

const tour: TourConfig = {
  id: 't',
  version: 'v1',
  title: { zh: '演示', en: 'Demo' },
  scenes: [
    { id: 'a', module: 'overview', durationS: 5, caption: { zh: '甲', en: 'A' } },
    { id: 'b', module: 'map', durationS: 5, caption: { zh: '乙', en: 'B' } },
    { id: 'c', module: 'infra', durationS: 5, caption: { zh: '丙', en: 'C' } },
  ],
};

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_000_000);
  setActivePinia(createPinia());
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useDirector', () => {
  it('turns a tour scene at the boundary of the current clock estimate, not the one its timer was armed with', async () => {
    // Server and client share one clock (true offset 0). A page that was busy while
    // loading saw its first messages 300 ms late, so its estimate starts at -300.
    const { store: wall, link } = await connectTestWall(new TestLink(() => Date.now() - 300));
    await vi.advanceTimersByTimeAsync(0);
    expect(wall.serverOffsetMs).toBe(-300);

    const scope = effectScope();
    const directed = scope.run(() => useDirector(null))!;
    // Scene b runs from server 995,500 to 1,000,500.
    const control: WallControl = {
      scene: null,
      tour: { config: tour, state: { tourId: 't', version: 'v1', state: 'running', startedAt: 990_500, pausedElapsed: null } },
      notice: null,
      room: 'live',
      serverTime: Date.now() - 300,
    };
    link.handlers.control(control);
    await vi.advanceTimersByTimeAsync(0);
    expect(directed.value.tour?.sceneId).toBe('b');

    // A snapshot lands at once: the estimate rises to the truth.
    await vi.advanceTimersByTimeAsync(100);
    link.handlers.snapshot(snap(1, 0, Date.now()));
    await vi.advanceTimersByTimeAsync(0);
    expect(wall.serverOffsetMs).toBe(0);

    // Not before the boundary...
    await vi.advanceTimersByTimeAsync(1_000_495 - Date.now());
    expect(directed.value.tour?.sceneId).toBe('b');
    // ...and within the director's 25 ms edge after it, where the stale timer
    // would have waited until 1,000,825.
    await vi.advanceTimersByTimeAsync(1_000_530 - Date.now());
    expect(directed.value.tour?.sceneId).toBe('c');
    scope.stop();
    wall.dispose();
  });
});
