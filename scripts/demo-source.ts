/**
 * The demo room's scripted dataset, built from the mock feeds with a fixed seed.
 * It lives in the composition root because the server may not import the feeds.
 *
 * The script runs in virtual time that always starts at 10:00 on 2022-07-14 (the
 * reply letter's date), so the daily charging curve looks the same whatever hour
 * the visit happens; report timestamps are shifted to real time for the wall.
 * Two incidents are scheduled so a rehearsal and the visit both show an alarm
 * being raised and then clearing on the same second of the tour.
 */
import { createFeeds, type FeedSource, type Incident } from '@futian/mock-feeds';
import type { DemoSource } from '@futian/server';
import type { IngestReport, StatFigure } from '@futian/shared';

export const DEMO_SEED = 'futian-official-visit';
const VIRTUAL_T0 = Date.UTC(2022, 6, 14, 2, 0, 0);

const SCRIPT: Array<{ atMs: number; feed: string; incident: Incident }> = [
  { atMs: 40_000, feed: 'pile', incident: { type: 'siteDark', durationMs: 150_000, mode: 'offline' } },
  { atMs: 75_000, feed: 'bs5g', incident: { type: 'bsCluster', subdistrict: '440304008', size: 7, durationMs: 120_000, mode: 'offline' } },
];

export function createDemoSource(): DemoSource {
  let feeds: FeedSource[] = [];
  let shift = 0;
  let fired = 0;
  const make = () => createFeeds({ seed: DEMO_SEED, revisionIntervalMs: 0 });
  feeds = make();
  return {
    registrations: () => feeds.flatMap((f) => f.registrations()),
    reset(t0: number) {
      feeds = make();
      shift = t0 - VIRTUAL_T0;
      fired = 0;
    },
    advance(now: number): IngestReport[] {
      const v = now - shift;
      while (fired < SCRIPT.length && v >= VIRTUAL_T0 + SCRIPT[fired]!.atMs) {
        const step = SCRIPT[fired++]!;
        feeds.find((f) => f.name === step.feed)?.inject?.(step.incident, VIRTUAL_T0 + step.atMs);
      }
      const out: IngestReport[] = [];
      for (const f of feeds) {
        if (f.name === 'stats') continue;
        for (const r of f.tick(v).reports) out.push({ ...r, ts: r.ts + shift });
      }
      return out;
    },
    figures(): StatFigure[] {
      const stats = feeds.find((f) => f.name === 'stats');
      return stats?.currentFigures?.() ?? [];
    },
  };
}
