import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WallDelta } from '@futian/shared';
import { systemClock } from '../platform/clock.js';
import type { Transition } from '../devices/fleet.js';
import { dev, FT, registryWith, tempStore } from '../testing/fixtures.js';
import { Timers } from '../platform/timers.js';
import { Pipeline } from './pipeline.js';

/**
 * The device state machine under fake timers: the same interval wiring the app
 * uses (sweep every second, publish every 100 ms), with time moved by hand.
 */
describe('device state machine with fake timers', () => {
  let t: ReturnType<typeof tempStore>;
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
    t = tempStore();
  });
  afterEach(async () => {
    vi.useRealTimers();
    await t.cleanup();
  });

  it('online → fault → online → silent, with timestamps, fault events and deltas', async () => {
    const reg = await registryWith(t.store, [dev('P1', 'pile', FT, { siteId: 'S1' }), dev('B1', 'bs5g', FT)]);
    const transitions: Transition[] = [];
    const deltas: WallDelta[] = [];
    const p = new Pipeline({ room: 'live', registry: reg, clock: systemClock, emit: (d) => deltas.push(d), onTransition: (x) => transitions.push(x) });
    const timers = new Timers();
    timers.every(1000, () => p.sweep(Date.now()));
    timers.every(100, () => p.tick());
    const P1 = reg.get('P1')!;
    const start = Date.now();

    p.observe(P1, { status: 'online', busy: true, powerKw: 7 }, start, start, true);
    await vi.advanceTimersByTimeAsync(5_000);
    p.observe(P1, { status: 'fault' }, Date.now(), Date.now(), true);
    await vi.advanceTimersByTimeAsync(5_000);
    p.observe(P1, { status: 'online', busy: false }, Date.now(), Date.now(), true);
    // Pile cadence is 10 s: silent once 30 s pass without a report, caught by the 1 s sweep.
    await vi.advanceTimersByTimeAsync(29_000);
    expect(p.fleet.status(P1.idx)).toBe('online');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(p.fleet.status(P1.idx)).toBe('silent');

    expect(transitions.map((x) => [x.from, x.to, x.ts - start])).toEqual([
      ['silent', 'online', 0],
      ['online', 'fault', 5_000],
      ['fault', 'online', 10_000],
      // Last report at +10 s; silent exactly 30 s later, on the sweep at +40 s.
      ['online', 'silent', 40_000],
    ]);
    const faultEvents = deltas.flatMap((d) => d.faults ?? []);
    expect(faultEvents.map((e) => `${e.from}>${e.to}`)).toEqual(['online>fault', 'fault>online', 'online>silent']);
    // B1 never reported: it stays silent and produces no events.
    expect(p.fleet.status(reg.get('B1')!.idx)).toBe('silent');
    // Deltas are coalesced per tick and seq has no gaps.
    expect(deltas.map((d) => d.seq)).toEqual(deltas.map((_, i) => i + 1));
    expect(deltas.length).toBeLessThan(20);
    timers.dispose();
    p.dispose();
  });
});
