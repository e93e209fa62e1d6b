/**
 * `pnpm bench motion [--screens infra,structure] [--layout 4k|1080p] [--secs 20] [--repeat 3]`:
 * what the wall's moving lists cost in CPU, per process, one module full-screen at a time.
 *
 * Why: with `--disable-gpu` (as on these machines, and on a wall PC without a working
 * GPU driver) Chromium's GPU process composites in software, so every frame in which
 * anything moves costs a composite of the whole screen. That CPU is taken from the two
 * cores the renderer's main thread needs, and the wall bench's remaining long tasks were
 * the main thread waiting for a CPU (docs/PERFORMANCE.md, "The GPU process").
 *
 * Each reading is a fresh page, 8 s to settle, then `--secs` of CPU per process from
 * /proc. The baseline is the same page in the same run with the moving lists (fault
 * ticker, leaders board) hidden by injected CSS, so the difference is what their motion
 * costs. Live and still readings alternate, because the feeds' fault backlog and the
 * machine's load drift over a run. Same server, seeded hour and 10× feeds as the wall bench.
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';
import { arg, median, sleep, table } from './common.js';
import { cpuByRole, cpuShares, type ProcRole } from './sched.js';
import { seedSeriesHour } from './seed-series.js';
import { spawnServer } from './server-proc.js';
import { ensureBuilt, fleetUp, startFeeds, stopChild } from './wall-procs.js';

const LAYOUTS = { '4k': [3840, 2160], '1080p': [1920, 1080] } as const;
const SCREENS = ['overview', 'structure', 'growth', 'map', 'infra'] as const;
/** The wall's lists that move by themselves; hiding them leaves the rest of the page live. */
const STILL_CSS = '.fault-ticker .rows, .scroll-board .track { visibility: hidden !important; }';

const layout = (arg('layout') ?? '4k') as keyof typeof LAYOUTS;
const screens = (arg('screens') ?? 'infra,structure').split(',');
const secs = Number(arg('secs') ?? 20);
const repeat = Number(arg('repeat') ?? 3);
if (
  !(layout in LAYOUTS) ||
  !screens.every((s) => (SCREENS as readonly string[]).includes(s)) ||
  !(secs >= 5) ||
  !Number.isInteger(repeat) ||
  repeat < 1
) {
  console.error(`usage: pnpm bench motion [--screens ${SCREENS.join(',')}] [--layout 4k|1080p] [--secs ≥5] [--repeat N≥1]`);
  process.exit(2);
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

ensureBuilt();
const srv = await spawnServer({}, (d) => seedSeriesHour(d));
const feeds = startFeeds(srv.url, srv.token, 10);
const [w, h] = LAYOUTS[layout];
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
try {
  await fleetUp(srv.url);
  console.log(`motion: ${w}×${h}, feeds at 10×, ${secs} s per reading, ${repeat} live and ${repeat} still per screen; share of one core`);
  const rows: Array<[string, string, string?]> = [];
  for (const screen of screens) {
    const got: Record<'live' | 'still', Array<Map<ProcRole, number>>> = { live: [], still: [] };
    for (let i = 0; i < repeat; i++) {
      for (const mode of ['live', 'still'] as const) {
        const page = await browser.newPage({ viewport: { width: w, height: h }, deviceScaleFactor: 1 });
        await page.goto(`${srv.url}/wall?screen=${screen}&layout=${layout}`);
        await page.waitForFunction(() => (window as { __wall?: { connection?: string } }).__wall?.connection === 'connected', undefined, { timeout: 60_000 });
        if (mode === 'still') await page.addStyleTag({ content: STILL_CSS });
        await sleep(8_000);
        const a = cpuByRole({ server: srv.pid, feeds: feeds.pid });
        const t0 = Date.now();
        await sleep(secs * 1000);
        const shares = new Map(cpuShares(a, cpuByRole({ server: srv.pid, feeds: feeds.pid }), Date.now() - t0));
        got[mode].push(shares);
        process.stdout.write(
          `  ${screen.padEnd(9)} ${mode.padEnd(5)} ${[...shares].map(([r, v]) => `${r.split(' ')[0]} ${pct(v)}`).join(' · ')}\n`,
        );
        await page.close();
      }
    }
    for (const role of ['gpu process', 'renderer'] as const) {
      const live = median(got.live.map((m) => m.get(role) ?? 0));
      const still = median(got.still.map((m) => m.get(role) ?? 0));
      rows.push([`${screen} · ${role}`, `${pct(live)} live`, `${pct(still)} still (baseline) · motion costs ${pct(live - still)} of a core`]);
    }
  }
  table(`Median CPU per process, moving lists live vs hidden (${w}×${h})`, rows);
} finally {
  await browser.close();
  await stopChild(feeds);
  await srv.stop();
}
