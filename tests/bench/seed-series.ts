import path from 'node:path';
import { SqliteStore } from '@futian/server';
import { SERIES_KEYS, SERIES_MAX_POINTS, SERIES_STEP_MS, type SeriesKey } from '@futian/shared';

/**
 * Where each district series sits on the mock feeds at 1×, in the units the server
 * samples (percent, kW, count), read off a fresh bench server's snapshot. The seeded
 * hour wanders around these, so the charts draw the same scale the live points join.
 */
const CENTRE: Record<SeriesKey, { value: number; wander: number; integer?: boolean }> = {
  'pile.utilisation': { value: 30, wander: 2 },
  'pile.powerKw': { value: 67_000, wander: 3_000 },
  'bs5g.onlineRate': { value: 99.0, wander: 0.3 },
  'pole.onlineRate': { value: 99.3, wander: 0.3 },
  'pile.onlineRate': { value: 98.9, wander: 0.4 },
  faults: { value: 35, wander: 6, integer: true },
};

/**
 * Writes the hour of district samples before `now` into a bench server's SQLite file,
 * as a server that has run for an hour holds them. The server loads them into its
 * chart series at start-up (server/src/pipeline/prefill.ts), so the wall under test
 * starts with full 360-point buffers, as a wall joining a running server does.
 * Without this, a fresh server's buffers fill over the bench's first hour and that
 * filling, not the wall, dominates the heap slope. The values are a bench fixture
 * (a bounded random walk), never shown outside the bench.
 */
export async function seedSeriesHour(dataDir: string, now = Date.now()): Promise<number> {
  const store = new SqliteStore(path.join(dataDir, 'wall.db'), { backgroundCheckpoint: false });
  let seed = 0x5eed;
  const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const samples = [];
  const t0 = Math.ceil((now - 3_600_000) / SERIES_STEP_MS) * SERIES_STEP_MS;
  for (const key of SERIES_KEYS) {
    const c = CENTRE[key];
    let v = c.value;
    for (let i = 0; i < SERIES_MAX_POINTS; i++) {
      // A walk pulled back towards the centre, so it stays within about ±wander.
      v += (rand() - 0.5) * c.wander * 0.3 + (c.value - v) * 0.05;
      const value = c.integer ? Math.max(0, Math.round(v)) : Math.round(v * 100) / 100;
      samples.push({ ts: t0 + i * SERIES_STEP_MS, metric: key, scope: 'district', value });
    }
  }
  await store.writeHistory({ transitions: [], samples, rollups: [] });
  await store.close();
  return samples.length;
}
