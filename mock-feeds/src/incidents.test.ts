import { silentAfterMs, type DeviceKind, type IngestReport } from '@futian/shared';
import { describe, expect, it } from 'vitest';
import { QUIET_BEHAVIOUR, type BehaviourConfig, type DeepPartial } from './config.js';
import type { FeedSource, IncidentEvent } from './feed.js';
import { createFeeds } from './feeds.js';
import { buildFleet } from './fleet.js';

const T0 = Date.UTC(2024, 4, 10, 2, 0, 0);
const quiet = QUIET_BEHAVIOUR as DeepPartial<BehaviourConfig>;

function feedOf(name: 'bs5g' | 'pole' | 'pile', behaviour: DeepPartial<BehaviourConfig> = quiet): FeedSource {
  const [f] = createFeeds({ seed: 77, only: [name], behaviour });
  if (!f) throw new Error(`no ${name} feed`);
  return f;
}

/** Ticks every second from `from` to `to` inclusive; returns reports and the latest report per device. */
function runFor(feed: FeedSource, from: number, to: number, latest = new Map<string, IngestReport>()) {
  const reports: IngestReport[] = [];
  for (let t = from; t <= to; t += 1000) {
    for (const r of feed.tick(t).reports) {
      reports.push(r);
      latest.set(r.deviceId, r);
    }
  }
  return { reports, latest };
}

function onlineShare(latest: Map<string, IngestReport>, ids: readonly string[], kind: DeviceKind, now: number): number {
  const online = ids.filter((id) => {
    const r = latest.get(id);
    return r !== undefined && r.status === 'online' && now - r.ts <= silentAfterMs(kind);
  });
  return online.length / ids.length;
}

describe('incidents', { timeout: 30_000 }, () => {
  it('siteDark (silent): the whole site stops reporting, then comes back', () => {
    const feed = feedOf('pile');
    feed.tick(T0);
    const site = buildFleet().sites.find((s) => s.fast);
    if (!site) throw new Error('no fast site');
    const ev = feed.inject?.({ type: 'siteDark', siteId: site.siteId, mode: 'silent', durationMs: 120_000 }, T0 + 500);
    expect(ev?.deviceIds).toEqual(site.pileIds);
    expect(ev?.from).toBe(T0 + 500);
    const ids = new Set(site.pileIds);
    const reports = runFor(feed, T0 + 1000, T0 + 120_000).reports.filter((r) => ids.has(r.deviceId));
    // Heartbeats due before the incident began still go out.
    expect(reports.every((r) => r.ts < T0 + 500)).toBe(true);
    const after = runFor(feed, T0 + 121_000, T0 + 125_000).reports.filter((r) => ids.has(r.deviceId));
    expect(new Set(after.map((r) => r.deviceId))).toEqual(ids);
    expect(after.every((r) => r.status === 'online' && r.ts >= T0 + 120_500)).toBe(true);
  });

  it('siteDark (offline): every pile says offline at once', () => {
    const feed = feedOf('pile');
    feed.tick(T0);
    const ev = feed.inject?.({ type: 'siteDark', mode: 'offline', durationMs: 60_000 }, T0 + 200);
    if (!ev) throw new Error('not injected');
    const first = runFor(feed, T0 + 1000, T0 + 1000).reports.filter((r) => ev.deviceIds.includes(r.deviceId) && r.ts >= ev.from);
    expect(first.filter((r) => r.ts === T0 + 200).map((r) => r.deviceId)).toEqual(ev.deviceIds);
    expect(first.every((r) => r.status === 'offline')).toBe(true);
  });

  it('bsCluster: at least 5 neighbouring stations in one sub-district go down', () => {
    const feed = feedOf('bs5g');
    feed.tick(T0);
    const ev = feed.inject?.({ type: 'bsCluster', mode: 'offline' }, T0 + 10);
    if (!ev) throw new Error('not injected');
    expect(ev.deviceIds.length).toBeGreaterThanOrEqual(5);
    const sd = ev.subdistrict ?? '';
    expect(ev.deviceIds.every((id) => id.startsWith(`BS-${sd}-`))).toBe(true);
    const { latest } = runFor(feed, T0 + 1000, T0 + 60_000);
    expect(ev.deviceIds.every((id) => latest.get(id)?.status === 'offline')).toBe(true);
  });

  it('poleGroup: pushes a sub-district below 95 % online for minutes, then recovers', () => {
    const feed = feedOf('pole', {});
    const latest = new Map<string, IngestReport>();
    runFor(feed, T0, T0 + 60_000, latest);
    const ev = feed.inject?.({ type: 'poleGroup', subdistrict: '440304011', durationMs: 5 * 60_000 }, T0 + 60_000);
    if (!ev) throw new Error('not injected');
    const ids = feed.registrations().filter((r) => r.subdistrict === '440304011').map((r) => r.deviceId);
    expect(onlineShare(latest, ids, 'pole', T0 + 60_000)).toBeGreaterThan(0.95);
    runFor(feed, T0 + 61_000, T0 + 4 * 60_000, latest);
    expect(onlineShare(latest, ids, 'pole', T0 + 4 * 60_000)).toBeLessThan(0.95);
    runFor(feed, T0 + 4 * 60_000 + 1000, T0 + 7 * 60_000, latest);
    expect(onlineShare(latest, ids, 'pole', T0 + 7 * 60_000)).toBeGreaterThan(0.95);
  });

  it('device: a single fault is reported, then clears', () => {
    const feed = feedOf('bs5g');
    feed.tick(T0);
    const id = feed.registrations()[42]?.deviceId ?? '';
    expect(feed.inject?.({ type: 'device', deviceId: id, status: 'fault', durationMs: 90_000 }, T0 + 5)).not.toBeNull();
    const mine = runFor(feed, T0 + 1000, T0 + 200_000).reports.filter((r) => r.deviceId === id);
    expect(mine[0]).toMatchObject({ status: 'fault', ts: T0 + 5 });
    expect(mine.find((r) => r.ts === T0 + 90_005)?.status).toBe('online');
    expect(mine.filter((r) => r.status === 'fault').every((r) => r.ts < T0 + 90_005)).toBe(true);
  });

  it('refuses what a feed does not own, and anything before the first tick', () => {
    const pile = feedOf('pile');
    expect(pile.inject?.({ type: 'siteDark' }, T0)).toBeNull();
    pile.tick(T0);
    expect(pile.inject?.({ type: 'bsCluster' }, T0)).toBeNull();
    expect(pile.inject?.({ type: 'siteDark', siteId: 'SITE-9999' }, T0)).toBeNull();
    expect(pile.inject?.({ type: 'device', deviceId: 'BS-440304001-0001', status: 'offline' }, T0)).toBeNull();
  });

  it('schedules every incident type by itself, with the configured sizes and durations', () => {
    const behaviour: DeepPartial<BehaviourConfig> = {
      incidents: { siteDark: { perHour: 6 }, bsCluster: { perHour: 6 }, poleGroup: { perHour: 6 } },
    };
    const feeds = createFeeds({ seed: 12, rate: 0.1, behaviour, only: ['bs5g', 'pole', 'pile'] });
    const events: IncidentEvent[] = [];
    for (let t = T0; t <= T0 + 3 * 3_600_000; t += 10_000) for (const f of feeds) events.push(...f.tick(t).incidents);
    for (const type of ['siteDark', 'bsCluster', 'poleGroup'] as const) {
      const mine = events.filter((e) => e.type === type);
      expect(mine.length, type).toBeGreaterThanOrEqual(5);
      for (const e of mine) {
        expect(e.forced).toBe(false);
        expect(e.to - e.from).toBeGreaterThanOrEqual(3 * 60_000);
        expect(e.to - e.from).toBeLessThanOrEqual(10 * 60_000);
        if (type === 'bsCluster') expect(e.deviceIds.length).toBeGreaterThanOrEqual(5);
      }
    }
  });
});
