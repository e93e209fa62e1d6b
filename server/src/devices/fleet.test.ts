import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KINDS, onlineRate, utilisation } from '@futian/shared';
import { dev, FT, registryWith, tempStore, XMH } from '../testing/fixtures.js';
import { FleetState } from './fleet.js';
import type { DeviceRegistry } from './registry.js';

describe('FleetState aggregates', () => {
  let t: ReturnType<typeof tempStore>;
  let reg: DeviceRegistry;
  let fleet: FleetState;

  beforeEach(async () => {
    t = tempStore();
    reg = await registryWith(t.store, [
      dev('P1', 'pile', XMH, { siteId: 'S1', fast: true }),
      dev('P2', 'pile', XMH, { siteId: 'S1', fast: true }),
      dev('P3', 'pile', FT, { siteId: 'S2' }),
      dev('B1', 'bs5g', FT),
      dev('L1', 'pole', FT),
    ]);
    fleet = new FleetState(reg);
  });
  afterEach(() => t.cleanup());

  const d = (id: string) => reg.get(id)!;

  it('starts every registered device silent, with totals per scope', () => {
    const c = fleet.cell('pile', 'district');
    expect(c).toMatchObject({ total: 3, silent: 3, online: 0, fastTotal: 2 });
    expect(fleet.cell('pile', XMH)).toMatchObject({ total: 2, silent: 2 });
    expect(fleet.siteSummary('district')).toEqual({ total: 2, fast: 1, dark: 2 });
  });

  it('moves counters for a report and records the transition', () => {
    const tr = fleet.observe(d('P1'), { status: 'online', busy: true, powerKw: 60.5 }, 1000, 1000, true);
    expect(tr).toMatchObject({ from: 'silent', to: 'online' });
    const xmh = fleet.cell('pile', XMH);
    expect(xmh).toMatchObject({ online: 1, silent: 1, busy: 1, powerKw: 60.5, fastOnline: 1, fastBusy: 1 });
    expect(fleet.cell('pile', 'district')).toMatchObject({ online: 1, silent: 2, busy: 1 });
    expect(utilisation(xmh)).toBe(100);
    expect(onlineRate(fleet.cell('pile', 'district'))).toBeCloseTo(100 / 3);
    expect(fleet.siteSummary(XMH).dark).toBe(0);
    expect(fleet.feeds.pile).toEqual({ lastReportAt: 1000, simulated: true, cadenceMs: KINDS.pile.cadenceMs });
    // Each fleet has its own clock: a pile report says nothing about the 5G or pole feeds.
    expect(fleet.feeds.bs5g).toEqual({ lastReportAt: null, simulated: false, cadenceMs: KINDS.bs5g.cadenceMs });
    expect([...fleet.dirtyFeeds]).toEqual(['pile']);
  });

  it('a repeated status is not a transition, and counters stay exact over many updates', () => {
    for (let i = 0; i < 1000; i++) {
      fleet.observe(d('P1'), { status: 'online', busy: i % 2 === 0, powerKw: 7.3 }, 1000 + i, 1000 + i, false);
    }
    const c = fleet.cell('pile', XMH);
    expect(c.online).toBe(1);
    // Last report (i=999) was idle: no busy pile and no power, with no float drift.
    expect(c.busy).toBe(0);
    expect(c.powerKw).toBe(0);
    expect(fleet.observe(d('P1'), { status: 'online', busy: false }, 5000, 5000, false)).toBeNull();
  });

  it('ignores out-of-order reports for live state', () => {
    fleet.observe(d('B1'), { status: 'fault' }, 2000, 2000, false);
    expect(fleet.observe(d('B1'), { status: 'online' }, 1500, 2100, false)).toBeNull();
    expect(fleet.cell('bs5g', FT).fault).toBe(1);
  });

  it('sweeps devices to silent after 3× cadence by receive time, visiting only expired ones', () => {
    fleet.observe(d('P1'), { status: 'online' }, 0, 0, false);
    fleet.observe(d('B1'), { status: 'online' }, 0, 0, false);
    // pile cadence 10 s → silent after 30 s; bs5g 30 s → 90 s.
    expect(fleet.sweep(29_999)).toEqual([]);
    const t1 = fleet.sweep(30_000);
    expect(t1.map((x) => x.device.deviceId)).toEqual(['P1']);
    expect(fleet.cell('pile', XMH).silent).toBe(2);
    expect(fleet.sweep(89_999)).toEqual([]);
    expect(fleet.sweep(90_000).map((x) => x.device.deviceId)).toEqual(['B1']);
    // A device that reported again is not swept.
    fleet.observe(d('P1'), { status: 'online' }, 100_000, 100_000, false);
    expect(fleet.sweep(110_000)).toEqual([]);
  });

  it('tracks dark sites when every pile of a site is down', () => {
    fleet.observe(d('P1'), { status: 'online' }, 1, 1, false);
    fleet.observe(d('P2'), { status: 'online' }, 1, 1, false);
    expect(fleet.darkSites()).toEqual(['S2']);
    fleet.observe(d('P1'), { status: 'offline' }, 2, 2, false);
    expect(fleet.siteSummary(XMH).dark).toBe(0);
    fleet.observe(d('P2'), { status: 'fault' }, 2, 2, false);
    expect(fleet.siteSummary(XMH).dark).toBe(1);
    expect(fleet.darkSites().sort()).toEqual(['S1', 'S2']);
  });

  it('counts busy and power only for online piles, and sensors only for online poles', () => {
    fleet.observe(d('P3'), { status: 'fault', busy: true, powerKw: 7 }, 1, 1, false);
    expect(fleet.cell('pile', FT)).toMatchObject({ fault: 1, busy: 0, powerKw: 0 });
    fleet.observe(d('L1'), { status: 'online', sensorsOnline: 5 }, 1, 1, false);
    expect(fleet.cell('pole', FT).sensorsOnline).toBe(5);
    fleet.observe(d('L1'), { status: 'offline', sensorsOnline: 5 }, 2, 2, false);
    expect(fleet.cell('pole', FT).sensorsOnline).toBe(0);
  });

  it('keeps district = sum of sub-districts after a random walk', () => {
    const ids = ['P1', 'P2', 'P3', 'B1', 'L1'];
    const statuses = ['online', 'offline', 'fault'] as const;
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 2000; i++) {
      const id = ids[Math.floor(rnd() * ids.length)]!;
      fleet.observe(d(id), { status: statuses[Math.floor(rnd() * 3)]!, busy: rnd() < 0.5, powerKw: Math.round(rnd() * 100), sensorsOnline: 3 }, i, i, false);
      if (i % 97 === 0) fleet.sweep(i + 95_000);
    }
    for (const kind of ['pile', 'bs5g', 'pole'] as const) {
      const dist = fleet.cell(kind, 'district');
      const a = fleet.cell(kind, XMH);
      const b = fleet.cell(kind, FT);
      for (const k of ['total', 'online', 'offline', 'fault', 'silent', 'busy', 'fastOnline', 'sensorsOnline'] as const) {
        expect(dist[k]).toBe(a[k] + b[k]);
      }
      expect(dist.online + dist.offline + dist.fault + dist.silent).toBe(dist.total);
    }
  });
});
