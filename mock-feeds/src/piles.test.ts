import type { IngestReport } from '@futian/shared';
import { describe, expect, it } from 'vitest';
import type { BehaviourConfig, DeepPartial } from './config.js';
import { createFeeds } from './feeds.js';
import { shanghaiHour, utilisationAt } from './model.js';

/** 2024-05-10 00:00 Asia/Shanghai. */
const MIDNIGHT = Date.UTC(2024, 4, 9, 16, 0, 0);
const at = (hour: number): number => MIDNIGHT + hour * 3_600_000;

type PileReport = Extract<IngestReport, { kind: 'pile' }>;

/** Failures and outages end sessions early on purpose; session-length checks leave them out. */
const NO_FAILURES: DeepPartial<BehaviourConfig> = {
  pile: { fault: { perDay: 0 }, offline: { perDay: 0 }, silent: { perDay: 0 } },
  incidents: { siteDark: { perHour: 0 } },
};

/** Busy share among online piles at the end of a run from `fromHour` to `toHour`, ticking every minute. */
function simulate(seed: number, fromHour: number, toHour: number, behaviour?: DeepPartial<BehaviourConfig>) {
  const [feed] = createFeeds({ seed, rate: 0.02, only: ['pile'], ...(behaviour && { behaviour }) });
  if (!feed) throw new Error('no pile feed');
  const latest = new Map<string, PileReport>();
  const sessions: number[] = [];
  const busySince = new Map<string, number>();
  for (let t = at(fromHour); t <= at(toHour); t += 60_000) {
    for (const r of feed.tick(t).reports) {
      if (r.kind !== 'pile') continue;
      const was = latest.get(r.deviceId);
      if (r.busy && !was?.busy) busySince.set(r.deviceId, r.ts);
      if (!r.busy && was?.busy) {
        const since = busySince.get(r.deviceId);
        // Sessions already running at the first tick started before we saw them.
        if (since !== undefined && since > at(fromHour)) sessions.push(r.ts - since);
        busySince.delete(r.deviceId);
      }
      latest.set(r.deviceId, r);
    }
  }
  const share = (fast: boolean): number => {
    const online = [...latest.values()].filter((r) => r.status === 'online' && r.fast === fast);
    return online.filter((r) => r.busy).length / online.length;
  };
  return { slow: share(false), fast: share(true), sessions, latest };
}

describe('charging piles', { timeout: 30_000 }, () => {
  it('reads local time as Asia/Shanghai', () => {
    expect(shanghaiHour(Date.UTC(2024, 0, 1, 13, 0))).toBe(21);
    expect(shanghaiHour(Date.UTC(2024, 0, 1, 20, 30))).toBe(4.5);
    expect(utilisationAt(at(21), false)).toBeGreaterThan(3 * utilisationAt(at(4), false));
  });

  it('is busier at 21:00 than at 04:00 across the fleet, after hours of dynamics', () => {
    const evening = simulate(31, 17, 21);
    const night = simulate(31, 0, 4);
    expect(evening.slow).toBeGreaterThan(0.4);
    expect(night.slow).toBeLessThan(0.25);
    expect(evening.slow).toBeGreaterThan(2 * night.slow);
    expect(evening.fast).toBeGreaterThan(night.fast);
  });

  it('puts the fast-charge peak at midday, above slow sites then', () => {
    const noon = simulate(32, 9, 13);
    expect(noon.fast).toBeGreaterThan(0.5);
    expect(noon.fast).toBeGreaterThan(noon.slow + 0.2);
  });

  it('keeps sessions long enough not to flicker, and reports power in range', () => {
    const { sessions } = simulate(33, 17, 21, NO_FAILURES);
    const { latest } = simulate(33, 17, 21);
    sessions.sort((a, b) => a - b);
    expect(sessions.length).toBeGreaterThan(500);
    expect(sessions[Math.floor(sessions.length / 2)] ?? 0).toBeGreaterThan(20 * 60_000);
    expect(sessions[0] ?? 0).toBeGreaterThanOrEqual(15 * 60_000 - 1);
    for (const r of latest.values()) {
      if (r.status !== 'online') continue;
      if (!r.busy) expect(r.powerKw).toBe(0);
      else if (r.fast) {
        expect(r.powerKw).toBeGreaterThanOrEqual(40);
        expect(r.powerKw).toBeLessThanOrEqual(120);
      } else {
        expect(r.powerKw).toBeGreaterThanOrEqual(2.5);
        expect(r.powerKw).toBeLessThanOrEqual(7);
      }
    }
  });

  it('reports a session change at once, between heartbeats', () => {
    const [feed] = createFeeds({ seed: 34, only: ['pile'], behaviour: NO_FAILURES });
    feed?.tick(at(19));
    const byDevice = new Map<string, PileReport[]>();
    for (let t = at(19) + 1000; t <= at(19) + 300_000; t += 1000) {
      for (const r of feed?.tick(t).reports ?? []) if (r.kind === 'pile') byDevice.set(r.deviceId, [...(byDevice.get(r.deviceId) ?? []), r]);
    }
    let offGrid = 0;
    for (const reports of byDevice.values()) {
      const residues = new Map<number, number>();
      for (const r of reports) residues.set(r.ts % 10_000, (residues.get(r.ts % 10_000) ?? 0) + 1);
      const grid = [...residues.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
      expect(residues.get(grid ?? -1)).toBe(30);
      reports.forEach((r, i) => {
        if (r.ts % 10_000 === grid || i === 0) return;
        offGrid++;
        expect(r.busy).not.toBe(reports[i - 1]?.busy);
      });
    }
    expect(offGrid).toBeGreaterThan(50);
  });
});
