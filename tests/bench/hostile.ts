/**
 * `pnpm bench hostile`: what one hostile socket costs the wall server and its
 * honest walls. The real server entry in its own process, 50 socket.io walls
 * timing each ingest request to the delta that shows it (probe-load.ts), ingest
 * at BENCH_RATE (5,000 reports/s), and /api/health polled every 50 ms. After an
 * unmeasured warm-up of the same length, two phases in the same run:
 *   quiet    the walls and the load alone: the baseline
 *   hostile  plus one socket that sends 10,000 resyncs (BENCH_HOSTILE_RESYNCS)
 *            as fast as it can and never reads what it is sent
 * Printed: the walls' delta p99 in each phase and their ratio (target ≤ 1.5×),
 * /api/health p99 in the hostile phase (target < 100 ms), and the server's RSS
 * growth from the end of the quiet phase to the peak of the hostile one (target
 * < 50 MB), with what the server refused and dropped.
 */
import { fmt, percentile, sleep, table } from './common.js';
import { drive, latencies, makeBatches, prepareFleet, probeWalls, BATCH } from './probe-load.js';
import { promValue, spawnServer } from './server-proc.js';
import { RawWallClient } from '../support/raw-wall.js';

const RATE = Number(process.env.BENCH_RATE ?? 5_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const RESYNCS = Number(process.env.BENCH_HOSTILE_RESYNCS ?? 10_000);
const CLIENTS = 50;

const srv = await spawnServer({ WALL_MAX_SOCKETS_PER_ADDRESS: '200' });
await prepareFleet(srv.url, srv.token);
const walls = probeWalls(srv.url, CLIENTS);
await sleep(2000);

/** Polls /api/health and samples the server's RSS until stopped. */
function monitor() {
  const health: number[] = [];
  let rssPeak = srv.rssMb();
  let stop = false;
  const done = (async () => {
    while (!stop) {
      const t = performance.now();
      await fetch(`${srv.url}/api/health`).then((r) => r.arrayBuffer());
      health.push(performance.now() - t);
      rssPeak = Math.max(rssPeak, srv.rssMb());
      await sleep(50);
    }
  })();
  return {
    async end() {
      stop = true;
      await done;
      return { health: health.sort((a, b) => a - b), rssPeak };
    },
  };
}

async function phase(hostile: boolean) {
  const n = Math.round((RATE / BATCH) * SECONDS);
  const batches = makeBatches(n);
  const rssStart = srv.rssMb();
  const mon = monitor();
  let raw: RawWallClient | null = null;
  if (hostile) {
    raw = new RawWallClient(srv.url);
    await raw.ready;
    raw.stopReading();
    raw.resync(RESYNCS);
  }
  // Random send times within each slot: the quiet and hostile phases meet the publish tick alike.
  const sent = await drive(`${srv.url}/api/v1/ingest`, srv.token, batches, RATE, true);
  await sleep(1000);
  const m = await mon.end();
  // The server's own count: the paused client cannot read the close to notice it.
  const { clients } = (await (await fetch(`${srv.url}/api/health`)).json()) as { clients: number };
  raw?.close();
  return { lat: latencies(batches, sent, walls.seen), rssStart, ...m, clients };
}

process.stdout.write(`hostile: ${fmt(RATE)} reports/s, ${CLIENTS} walls, ${SECONDS} s per phase, ${fmt(RESYNCS)} resyncs from one socket that never reads\n`);
// An unmeasured phase first: the server's hot paths tier up here, not in the baseline.
await phase(false);
const quiet = await phase(false);
const hostile = await phase(true);
const metrics = await (await fetch(`${srv.url}/metrics`)).text();
walls.close();
await srv.stop();

const p = (a: number[], q: number) => percentile(a, q);
table('one hostile socket against 50 walls', [
  ['walls: delta p99, quiet (baseline)', `${fmt(p(quiet.lat, 99), 1)} ms`, `p50 ${fmt(p(quiet.lat, 50), 1)} ms · ${fmt(quiet.lat.length)} samples`],
  ['walls: delta p99, hostile', `${fmt(p(hostile.lat, 99), 1)} ms`, `${(p(hostile.lat, 99) / p(quiet.lat, 99)).toFixed(2)}× quiet · target ≤ 1.5×`],
  ['/api/health p99, quiet / hostile', `${fmt(p(quiet.health, 99), 1)} / ${fmt(p(hostile.health, 99), 1)} ms`, `max ${fmt(hostile.health.at(-1) ?? NaN, 1)} ms · target < 100 ms`],
  ['server RSS growth, hostile phase (start → peak)', `${fmt(hostile.rssPeak - hostile.rssStart, 1)} MB`, `${fmt(hostile.rssStart, 0)} → ${fmt(hostile.rssPeak, 0)} MB · target < 50 MB`],
  ['server RSS growth, quiet phase (start → peak)', `${fmt(quiet.rssPeak - quiet.rssStart, 1)} MB`],
  ['refused: rate / resync / buffer', `${fmt(promValue(metrics, 'wall_refused_total', 'reason="rate"') || 0)} / ${fmt(promValue(metrics, 'wall_refused_total', 'reason="resync"') || 0)} / ${fmt(promValue(metrics, 'wall_refused_total', 'reason="buffer"') || 0)}`],
  ['sockets the server holds at the end, quiet / hostile', `${quiet.clients} / ${hostile.clients}`, `${CLIENTS} walls: the hostile socket ${hostile.clients > CLIENTS ? 'is still connected' : 'was dropped'}`],
  ['seq gaps seen by the 50 walls', fmt(walls.gaps())],
]);
