/**
 * `pnpm bench login-flood`: GET /wall latency while 400 anonymous logins
 * arrive at once, against the same server quiet, in one run. The issue's
 * target: p99 under 200 ms during the flood (it was 18 s before the bounded
 * hashing queue). Prints both runs' numbers and the ratio; never fails on timing.
 */
import { spawnServer } from './server-proc.js';

const ROUNDS = Number(process.argv[2] ?? 3);
const LOGINS = 400;
const PROBES = 200;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function probe(url: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const r = await fetch(`${url}/wall`);
    await r.arrayBuffer();
    out.push(performance.now() - t);
    await new Promise((res) => setTimeout(res, 5));
  }
  return out;
}

async function flood(url: string): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {};
  await Promise.all(
    Array.from({ length: LOGINS }, async (_, i) => {
      const r = await fetch(`${url}/api/console/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${(i >> 8) & 255}.${i & 255}.7` },
        body: JSON.stringify({ name: `flood-${i}`, password: `Flood-password-${i}` }),
      });
      await r.arrayBuffer();
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    }),
  );
  return statuses;
}

const srv = await spawnServer({ WALL_TRUST_PROXY: '127.0.0.1', WALL_ADMIN_PASSWORD: 'Bench-admin-pass-1' });
try {
  await probe(srv.url, 20); // warm-up
  for (let round = 1; round <= ROUNDS; round++) {
    const quiet = await probe(srv.url, PROBES);
    // Keep the flood going for the whole probe: a new wave as each one ends.
    let stop = false;
    const waves: Array<Record<number, number>> = [];
    const floodRun = (async () => {
      while (!stop) waves.push(await flood(srv.url));
    })();
    const loud = await probe(srv.url, PROBES);
    stop = true;
    await floodRun;
    const total: Record<number, number> = {};
    for (const w of waves) for (const [k, v] of Object.entries(w)) total[Number(k)] = (total[Number(k)] ?? 0) + v;
    console.log(
      `round ${round}: GET /wall quiet p50 ${pct(quiet, 50).toFixed(1)} p99 ${pct(quiet, 99).toFixed(1)} ms | ` +
        `during ${waves.length} waves of ${LOGINS} logins p50 ${pct(loud, 50).toFixed(1)} p99 ${pct(loud, 99).toFixed(1)} max ${Math.max(...loud).toFixed(1)} ms ` +
        `(p99 ${(pct(loud, 99) / pct(quiet, 99)).toFixed(1)}× quiet; target < 200 ms) | logins answered ${JSON.stringify(total)}`,
    );
  }
} finally {
  await srv.stop();
}
