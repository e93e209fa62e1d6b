import { createHash } from 'node:crypto';
import { IngestReport, KINDS, silentAfterMs, type DeviceKind } from '@futian/shared';
import { describe, expect, it } from 'vitest';
import { QUIET_BEHAVIOUR, type BehaviourConfig, type DeepPartial } from './config.js';
import type { FeedSource, FeedTick } from './feed.js';
import { createFeeds, type FeedsOptions } from './feeds.js';

/** 2024-05-10 00:00 Asia/Shanghai. */
const MIDNIGHT = Date.UTC(2024, 4, 9, 16, 0, 0);
const at = (hour: number): number => MIDNIGHT + hour * 3_600_000;

function run(feeds: FeedSource[], times: readonly number[], onTick?: (now: number, out: FeedTick[]) => void): IngestReport[] {
  const reports: IngestReport[] = [];
  for (const now of times) {
    const outs = feeds.map((f) => f.tick(now));
    for (const o of outs) for (const r of o.reports) reports.push(r);
    onTick?.(now, outs);
  }
  return reports;
}

const seconds = (t0: number, n: number, step = 1000): number[] => Array.from({ length: n + 1 }, (_, i) => t0 + i * step);

function digest(reports: readonly IngestReport[]): string {
  const h = createHash('sha256');
  for (const r of reports) h.update(JSON.stringify(r)).update('\n');
  return h.digest('hex');
}

const quiet = (o: FeedsOptions = {}): FeedSource[] => createFeeds({ ...o, behaviour: QUIET_BEHAVIOUR as DeepPartial<BehaviourConfig> });

/** Online share at `now` as the server would see it: silent (no report for 3× cadence) counts as down. */
function onlineShare(latest: Map<string, IngestReport>, ids: readonly string[], kind: DeviceKind, now: number, rate = 1): number {
  let online = 0;
  for (const id of ids) {
    const r = latest.get(id);
    if (r && r.status === 'online' && now - r.ts <= silentAfterMs(kind) / rate) online++;
  }
  return online / ids.length;
}

function track(latest: Map<string, IngestReport>, reports: readonly IngestReport[]): void {
  for (const r of reports) latest.set(r.deviceId, r);
}

describe('telemetry feeds: determinism', { timeout: 30_000 }, () => {
  const times = seconds(at(20), 120);

  it('replays byte for byte with the same seed, and differs with another', () => {
    const a = run(createFeeds({ seed: 99 }), times);
    const b = run(createFeeds({ seed: 99 }), times);
    const c = run(createFeeds({ seed: 100 }), times);
    expect(a.length).toBeGreaterThan(18_000);
    expect(digest(b)).toBe(digest(a));
    expect(digest(c)).not.toBe(digest(a));
    expect(createFeeds({ seed: 99 }).map((f) => f.registrations())).toEqual(createFeeds({ seed: 99 }).map((f) => f.registrations()));
  });

  it('sends only schema-valid reports, dated within their tick, one per (device, ts)', () => {
    const feeds = createFeeds({ seed: 5 });
    const seen = new Set<string>();
    const problems: string[] = [];
    let prev = Number.NEGATIVE_INFINITY;
    let n = 0;
    run(feeds, times, (now, outs) => {
      for (const o of outs) {
        for (const r of o.reports) {
          n++;
          const parsed = IngestReport.safeParse(r);
          if (!parsed.success) problems.push(`${JSON.stringify(r)}: ${parsed.error.message}`);
          if (r.ts > now || r.ts <= prev) problems.push(`${r.deviceId} ts ${r.ts} outside (${prev}, ${now}]`);
          const key = `${r.deviceId}@${r.ts}`;
          if (seen.has(key)) problems.push(`duplicate ${key}`);
          seen.add(key);
        }
      }
      prev = now;
    });
    expect(problems.slice(0, 5)).toEqual([]);
    expect(n).toBeGreaterThan(100_000);
  });

  it('does not depend on how ticks are grouped, incidents included', () => {
    const behaviour = { incidents: { siteDark: { perHour: 30 }, bsCluster: { perHour: 30 }, poleGroup: { perHour: 30 } } };
    const t0 = at(12);
    const fine = seconds(t0, 600);
    const coarse = [...seconds(t0, 85, 7000), t0 + 600_000];
    const key = (r: IngestReport): string => `${r.ts}|${r.deviceId}|${JSON.stringify(r)}`;
    const opts = { seed: 3, rate: 0.1, behaviour, only: ['pile', 'bs5g'] } as const;
    let incidents = 0;
    const a = run(createFeeds(opts), fine, (_n, outs) => outs.forEach((o) => (incidents += o.incidents.length))).map(key).sort();
    const b = run(createFeeds(opts), coarse).map(key).sort();
    expect(incidents).toBeGreaterThan(2);
    expect(a.length).toBeGreaterThan(50_000);
    expect(b.length).toBe(a.length);
    expect(b.every((x, i) => x === a[i])).toBe(true);
  });
});

describe('telemetry feeds: heartbeats', { timeout: 30_000 }, () => {
  it('without failures, every device beats exactly on its cadence', () => {
    const feeds = quiet({ seed: 8, only: ['bs5g', 'pole'] });
    const t0 = at(10);
    run(feeds, [t0]);
    const reports = run(feeds, seconds(t0 + 1000, 90 - 1));
    const byDevice = new Map<string, number[]>();
    for (const r of reports) byDevice.set(r.deviceId, [...(byDevice.get(r.deviceId) ?? []), r.ts]);
    expect(byDevice.size).toBe(5700 + 3700);
    for (const ts of byDevice.values()) {
      expect(ts).toHaveLength(3);
      expect((ts[1] ?? 0) - (ts[0] ?? 0)).toBe(30_000);
      expect((ts[2] ?? 0) - (ts[1] ?? 0)).toBe(30_000);
    }
  });

  it('over 3 cadences every pile reports at least twice, and the load is spread evenly', () => {
    const [pile] = quiet({ seed: 8, only: ['pile'] });
    if (!pile) throw new Error('no pile feed');
    const t0 = at(19);
    run([pile], [t0]);
    const perSecond: number[] = [];
    const reports = run([pile], seconds(t0 + 1000, 29), (_now, outs) => perSecond.push(outs[0]?.reports.length ?? 0));
    const counts = new Map<string, number>();
    for (const r of reports) counts.set(r.deviceId, (counts.get(r.deviceId) ?? 0) + 1);
    expect(counts.size).toBe(9499);
    expect(Math.min(...counts.values())).toBeGreaterThanOrEqual(2);
    const mean = 9499 / KINDS.pile.cadenceMs * 1000;
    expect(Math.max(...perSecond)).toBeLessThan(mean * 1.5);
    expect(Math.min(...perSecond)).toBeGreaterThan(mean * 0.6);
  });

  it('with default failures, all but the deliberately silent few report twice in 3 cadences', () => {
    const feeds = createFeeds({ seed: 11, only: ['bs5g', 'pole'] });
    const t0 = at(15);
    const reports = run(feeds, seconds(t0, 90));
    const counts = new Map<string, number>();
    for (const r of reports) counts.set(r.deviceId, (counts.get(r.deviceId) ?? 0) + 1);
    const twice = [...counts.values()].filter((n) => n >= 2).length;
    expect(twice / 9400).toBeGreaterThan(0.98);
    expect(twice).toBeLessThan(9400); // some devices are down hard and say nothing
  });

  it('rate 10 sends ten times the heartbeats', () => {
    const count = (rate: number): number => run(quiet({ seed: 2, rate, only: ['bs5g'] }), seconds(at(9), 60)).length;
    const base = count(1);
    expect(count(10) - 5700).toBe((base - 5700) * 10);
  });
});

describe('telemetry feeds: online rate and behaviour', { timeout: 30_000 }, () => {
  it('starts in a realistic steady state: 98–99.7 % online per kind', () => {
    for (const feed of createFeeds({ seed: 21, only: ['bs5g', 'pole', 'pile'] })) {
      const out = feed.tick(at(11));
      const online = out.reports.filter((r) => r.status === 'online').length;
      const share = online / feed.registrations().length;
      expect(share, feed.name).toBeGreaterThan(0.98);
      expect(share, feed.name).toBeLessThan(0.997);
    }
  });

  it('stays there over hours of simulated time', () => {
    const feeds = createFeeds({ seed: 4, rate: 0.1, only: ['bs5g', 'pile'] });
    const latest = new Map<string, IngestReport>();
    const shares: number[] = [];
    const ids = feeds.map((f) => f.registrations().map((r) => r.deviceId));
    run(feeds, seconds(at(6), 6 * 60, 60_000), (now, outs) => {
      for (const o of outs) track(latest, o.reports);
      if (now >= at(7)) {
        shares.push(onlineShare(latest, ids[0] ?? [], 'bs5g', now, 0.1));
        shares.push(onlineShare(latest, ids[1] ?? [], 'pile', now, 0.1));
      }
    });
    const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
    expect(mean).toBeGreaterThan(0.975);
    expect(mean).toBeLessThan(0.997);
  });

  it('poles report their sensors, and some are down', () => {
    const [pole] = createFeeds({ seed: 6, only: ['pole'] });
    const reports = pole?.tick(at(10)).reports.filter((r) => r.kind === 'pole' && r.status === 'online') ?? [];
    const sensors = reports.map((r) => (r.kind === 'pole' ? r.sensorsOnline : undefined));
    expect(sensors.every((s) => s !== undefined && s >= 0 && s <= (KINDS.pole.sensorsPerDevice ?? 0))).toBe(true);
    expect(sensors.filter((s) => s === KINDS.pole.sensorsPerDevice).length / sensors.length).toBeGreaterThan(0.95);
    expect(sensors.some((s) => s !== undefined && s < (KINDS.pole.sensorsPerDevice ?? 0))).toBe(true);
  });

  it('reports base stations with status only', () => {
    const [bs] = createFeeds({ seed: 6, only: ['bs5g'] });
    for (const r of bs?.tick(at(10)).reports ?? []) expect(Object.keys(r).sort()).toEqual(['deviceId', 'kind', 'status', 'ts']);
  });
});
