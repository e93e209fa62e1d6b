/**
 * `pnpm bench damage [--path '/wall?layout=4k'] [--secs 60] [--repeat 2] [--against-dist DIR]`:
 * what the wall costs Chromium's compositor, frame by frame.
 *
 * Why: with `--disable-gpu` (these machines, and a wall PC without a working GPU
 * driver) the GPU process composites in software, on the same two cores as the
 * renderer's main thread, and the wall bench's remaining long tasks were the main
 * thread waiting for a CPU. `pnpm bench motion` says how much CPU the moving lists
 * cost; this says which frames cost it: from a trace of the compositor, the frames it
 * drew per second, the GPU-process time they took, and where on the screen their
 * damage was (tests/bench/damage-report.ts).
 *
 * Baseline, in the same run, readings alternating: by default the same page with
 * everything that moves by itself stopped (CSS animations paused, the fault ticker's
 * and the leaders board's rows hidden), so the difference is what motion costs. With
 * `--against-dist DIR`, another build of the client (a `client/dist` copied aside,
 * served by a second server), so the ratio is this build against that one.
 * Each reading is a fresh page at 3840×2160, 20 s to settle, then `--secs` traced.
 * Same seeded hour and 10× feeds as the wall bench.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';
import { arg, fmt, median, sleep, table } from './common.js';
import { DAMAGE_EVENT, DRAW_EVENT, drawnFrames, regions, summarize, type FrameSummary, type TraceEvent } from './damage-report.js';
import { cpuByRole, cpuShares, type ProcRole } from './sched.js';
import { seedSeriesHour } from './seed-series.js';
import { spawnServer, type ServerProc } from './server-proc.js';
import { ensureBuilt, fleetUp, startFeeds, stopChild } from './wall-procs.js';

const STILL_CSS =
  '*, *::before, *::after { animation-play-state: paused !important; } .fault-ticker .rows, .scroll-board .track { visibility: hidden !important; }';

const pagePath = arg('path') ?? '/wall?layout=4k';
const secs = Number(arg('secs') ?? 60);
const repeat = Number(arg('repeat') ?? 2);
const againstDist = arg('against-dist');
if (!pagePath.startsWith('/') || !(secs >= 10) || !Number.isInteger(repeat) || repeat < 1) {
  console.error("usage: pnpm bench damage [--path '/wall?layout=4k'] [--secs ≥10] [--repeat N≥1] [--against-dist DIR]");
  process.exit(2);
}

interface Reading {
  summary: FrameSummary;
  shares: Map<ProcRole, number>;
  frames: ReturnType<typeof drawnFrames>;
}

async function reading(browser: Browser, srv: ServerProc, feedsPid: number | undefined, css: string | null): Promise<Reading> {
  const page = await browser.newPage({ viewport: { width: 3840, height: 2160 }, deviceScaleFactor: 1 });
  try {
    await page.goto(`${srv.url}${pagePath}`);
    await page.waitForFunction(() => (window as { __wall?: { connection?: string } }).__wall?.connection === 'connected', undefined, { timeout: 60_000 });
    if (css) await page.addStyleTag({ content: css });
    await sleep(20_000);
    const cdp = await browser.newBrowserCDPSession();
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => {
      // The protocol types trace events as string maps; they are Chrome's JSON trace events.
      for (const ev of e.value as unknown as TraceEvent[]) {
        if (ev.name === DRAW_EVENT || ev.name === DAMAGE_EVENT) events.push({ name: ev.name, ts: ev.ts, dur: ev.dur, args: ev.args });
      }
    });
    const complete = new Promise<void>((resolve) => cdp.on('Tracing.tracingComplete', () => resolve()));
    // 'viz' alone: the two events needed, and a trace small enough for minutes at 10×.
    await cdp.send('Tracing.start', { categories: 'viz', transferMode: 'ReportEvents' });
    const a = cpuByRole({ server: srv.pid, feeds: feedsPid });
    const t0 = Date.now();
    await sleep(secs * 1000);
    const ms = Date.now() - t0;
    const shares = new Map(cpuShares(a, cpuByRole({ server: srv.pid, feeds: feedsPid }), ms));
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
    const frames = drawnFrames(events);
    return { summary: summarize(frames, ms / 1000), shares, frames };
  } finally {
    await page.close();
  }
}

ensureBuilt();
const main = await spawnServer({}, (d) => seedSeriesHour(d));
const other = againstDist ? await spawnServer({ WALL_CLIENT_DIST: path.resolve(againstDist) }, (d) => seedSeriesHour(d)) : null;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
const variants = [
  { name: 'this build', srv: main, css: null },
  againstDist ? { name: `against ${againstDist}`, srv: other!, css: null } : { name: 'motion stopped (baseline)', srv: main, css: STILL_CSS },
];
try {
  console.log(`damage: 3840×2160 ${pagePath}, feeds at 10×, ${secs} s traced per reading, ${repeat} per variant, alternating`);
  const got = new Map<string, Reading[]>(variants.map((v) => [v.name, []]));
  for (let i = 0; i < repeat; i++) {
    for (const v of variants) {
      // Only the server being read has feeds running, so the other build's server costs nothing meanwhile.
      const feeds = startFeeds(v.srv.url, v.srv.token, 10);
      try {
        await fleetUp(v.srv.url);
        const r = await reading(browser, v.srv, feeds.pid, v.css);
        got.get(v.name)!.push(r);
        const s = r.summary;
        console.log(
          `  ${v.name.padEnd(28)} ${fmt(s.framesPerS, 1)} frames/s · ${fmt(s.drawMsPerS, 1)} ms/s drawing · gpu process ${fmt((r.shares.get('gpu process') ?? 0) * 100, 1)} % · renderer ${fmt((r.shares.get('renderer') ?? 0) * 100, 1)} %`,
        );
      } finally {
        await stopChild(feeds);
      }
    }
  }
  const med = (name: string, f: (r: Reading) => number): number => median(got.get(name)!.map(f));
  const [self, base] = variants.map((v) => v.name) as [string, string];
  const row = (label: string, f: (r: Reading) => number, digits = 1, unit = ''): [string, string, string, string] => {
    const a = med(self, f);
    const b = med(base, f);
    return [label, `${fmt(a, digits)}${unit}`, `${fmt(b, digits)}${unit}`, b > 0 ? `${fmt(a / b, 2)}×` : '—'];
  };
  table(`Compositor, medians (this build | ${base} | ratio)`, [
    row('frames drawn / s', (r) => r.summary.framesPerS),
    row('GPU-process draw time, ms / s', (r) => r.summary.drawMsPerS),
    row('mean damage per frame, MP', (r) => r.summary.meanMp, 2),
    row('share of draw time in frames ≥ 2 MP', (r) => r.summary.big.drawShare * 100, 0, ' %'),
    row('slowest frame, ms', (r) => r.summary.slowestMs),
    row('GPU process, % of a core', (r) => (r.shares.get('gpu process') ?? 0) * 100),
    row('renderer, % of a core', (r) => (r.shares.get('renderer') ?? 0) * 100),
  ]);
  for (const v of variants) {
    const all = got.get(v.name)!.flatMap((r) => r.frames);
    table(
      `Where the draw time went, ${v.name} (damage snapped to 200 px; all readings)`,
      regions(all).map((g) => [g.key, `${g.frames} frames`, `${fmt(g.drawMs)} ms`, `${fmt(g.drawMs / g.frames, 1)} ms/frame · ${fmt(g.meanMp, 2)} MP`]),
    );
  }
  const out = path.resolve(import.meta.dirname, '../../artifacts/bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    path.join(out, 'damage.json'),
    JSON.stringify(Object.fromEntries([...got].map(([k, rs]) => [k, rs.map((r) => ({ summary: r.summary, shares: Object.fromEntries(r.shares) }))])), null, 1),
  );
} finally {
  await browser.close();
  await main.stop();
  await other?.stop();
}
