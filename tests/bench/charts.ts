/**
 * `pnpm bench charts [--n 300] [--warmup 100] [--rounds 2]`: what one chart redraw
 * costs, per shipped option builder, at the size its tile has on a 3840×2160 wall,
 * handing ECharts the whole option as useEChart does, and how much JavaScript each
 * runs.
 *
 * The wall bench records single redraws of 50 ms or more and names the tile; this
 * says what that tile's redraw costs when nothing else is going on, so a 60 ms
 * redraw of a 3 ms chart reads as a stall (GC, JIT, the CPU given to another
 * process), not as a chart to simplify. Baseline: a bare two-point line chart at
 * the same size, in the same page, in the same round (the ratio column), so a
 * busy machine shows up in both.
 *
 * The page side is client/bench/chart-cost.ts, built here with the client's
 * own Vite into one script (nothing of it ships in the wall). Each case: `warmup`
 * untimed redraws, then `n` timed ones, each in its own task, with useEChart's
 * setOption flags. No server and no feeds: the builders run on their fixtures.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';
import { arg, fmt, percentile, table } from './common.js';
import { clientVite } from './wall-procs.js';

const root = path.resolve(import.meta.dirname, '../..');
/** A whole-number option, or a usage error (a typo must not become a NaN run). */
function count(name: string, dflt: number, min: number): number {
  const raw = arg(name);
  const v = raw === undefined ? dflt : Number(raw);
  if (!Number.isInteger(v) || v < min) {
    console.error(`--${name} must be a whole number ≥ ${min}, got ${raw}`);
    process.exit(2);
  }
  return v;
}
const N = count('n', 300, 1);
const WARMUP = count('warmup', 100, 0);
const ROUNDS = count('rounds', 2, 1);

/**
 * Every chart of the 4K wall at its size there, in CSS px (u = 2): the [data-draws]
 * elements of /wall?layout=4k after every rotating module had been shown, read on
 * 2026-11-23. The overview's online-rate chart has no size at 4K (its compact
 * variant hides it), so it is not here. The first two are the tiles the wall
 * bench has seen redraw slowly.
 */
const CASES: Array<{ label: string; name: string; width: number; height: number }> = [
  { label: 'infra · pile utilisation (trend, 360 pts, canvas)', name: 'trend', width: 1318, height: 421 },
  { label: 'infra · faults (trend, 360 pts, canvas)', name: 'trend', width: 912, height: 517 },
  { label: 'growth · map (choropleth)', name: 'choropleth', width: 901, height: 1076 },
  { label: 'map · frame (geo + points; drill-downs only)', name: 'map', width: 1572, height: 1368 },
  { label: 'map · live layers (fills + faults, canvas)', name: 'map-layers', width: 1572, height: 1368 },
  { label: 'growth · ranking (10 bars)', name: 'bar-ranking', width: 705, height: 1126 },
  { label: 'growth · quarterly growth (lines, canvas)', name: 'quarter-lines', width: 705, height: 398 },
  { label: 'growth · quarterly value added (bars)', name: 'quarter-bars', width: 705, height: 360 },
  { label: 'structure · boards (treemap)', name: 'treemap', width: 1210, height: 351 },
  { label: 'structure · sectors (12 bars)', name: 'bar-12', width: 555, height: 922 },
  { label: 'structure · categories (4 bars)', name: 'bar-4', width: 555, height: 395 },
  { label: 'structure · tiers (4 bars)', name: 'bar-4', width: 555, height: 239 },
];

interface CaseResult {
  name: string;
  kind: 'echarts' | 'canvas';
  width: number;
  height: number;
  ms: number[];
}
declare global {
  interface Window {
    ChartCost: {
      registerGeo(geojson: unknown): void;
      runCase(name: string, width: number, height: number, u: number, warmup: number, n: number): Promise<CaseResult>;
    };
  }
}

/** client/bench/chart-cost.ts as one IIFE script, built by the client's Vite (tests do not import the client). */
async function buildPageScript(): Promise<string> {
  const clientDir = path.join(root, 'client');
  const vite = await clientVite();
  const out = await vite.build({
    configFile: false,
    root: clientDir,
    logLevel: 'warn',
    mode: 'production',
    // Library mode leaves process.env.NODE_ENV in for the consumer; this page has no bundler after it.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      write: false,
      target: 'es2020',
      lib: { entry: path.join(clientDir, 'bench/chart-cost.ts'), formats: ['iife'], name: 'ChartCost', fileName: 'chart-cost' },
    },
  });
  for (const r of Array.isArray(out) ? out : [out]) {
    for (const o of r.output ?? []) if (o.type === 'chunk' && o.isEntry && o.code) return o.code;
  }
  throw new Error('vite build produced no entry chunk');
}

async function main(): Promise<void> {
  process.stdout.write(`pnpm bench charts --n ${N} --warmup ${WARMUP} --rounds ${ROUNDS}\n`);
  const script = await buildPageScript();
  const geo = JSON.parse(readFileSync(path.join(root, 'config/geo/futian-subdistricts.wgs84.geojson'), 'utf8')) as unknown;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage({ viewport: { width: 3840, height: 2160 }, deviceScaleFactor: 1 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setContent('<!doctype html><html><body style="margin:0;background:#050b18"></body></html>');
    await page.addScriptTag({ content: script });
    if (errors.length) throw new Error(`the page script failed: ${errors.join('; ')}`);
    await page.evaluate((g) => window.ChartCost.registerGeo(g), geo);
    process.stdout.write(`Chromium ${browser.version()} · 3840×2160 · u = 2 · ${CASES.length} cases × ${ROUNDS} rounds\n`);

    const got = new Map<number, { bare: number[]; chart: number[] }>();
    const painted = new Set<number>();
    const run = (c: (typeof CASES)[number], name: string, warmup: number, n: number): Promise<CaseResult> =>
      page.evaluate(([nm, w, h, wu, k]) => window.ChartCost.runCase(nm, w, h, 2, wu, k), [name, c.width, c.height, warmup, n] as const);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [k, c] of CASES.entries()) {
        // Bare first, then the case, at one size: both see the same state of the machine.
        const acc = got.get(k) ?? { bare: [], chart: [] };
        acc.bare.push(...(await run(c, 'bare', WARMUP, N)).ms);
        const r = await run(c, c.name, WARMUP, N);
        acc.chart.push(...r.ms);
        if (r.kind === 'canvas') painted.add(k);
        got.set(k, acc);
      }
    }
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);

    // How much JavaScript one update runs, from V8's own call counts (a separate,
    // untimed pass: counting slows every call). Functions reached and calls made per
    // update, summed over the page: builder, ECharts and zrender.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    const js = new Map<number, { fns: number; calls: number }>();
    // Functions by how often one update calls them. V8 gives a function
    // an interrupt budget of 400 × its bytecode length before Maglev (3,000 × before
    // TurboFan) and spends it as the bytecode runs, so a loop-free function called
    // once a draw is optimised only after about 400 draws of charts that reach it.
    const BUCKETS = [
      { label: '< 0.5 (first draw, init, dispose)', max: 0.5 },
      { label: '0.5–1.5 (once a draw)', max: 1.5 },
      { label: '1.5–10', max: 10 },
      { label: '≥ 10', max: Infinity },
    ];
    const spread = new Map<number, number[]>();
    const COUNTED = 50;
    for (const [k, c] of CASES.entries()) {
      await run(c, c.name, 0, 20); // the chart's first draws are not what the wall repeats
      await cdp.send('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
      await run(c, c.name, 0, COUNTED);
      const cov = (await cdp.send('Profiler.takePreciseCoverage')) as {
        result: Array<{ functions: Array<{ ranges: Array<{ count: number }> }> }>;
      };
      await cdp.send('Profiler.stopPreciseCoverage');
      let fns = 0;
      let calls = 0;
      const buckets = BUCKETS.map(() => 0);
      for (const script of cov.result)
        for (const f of script.functions) {
          const n = f.ranges[0]?.count ?? 0;
          if (n > 0) {
            fns++;
            buckets[BUCKETS.findIndex((b) => n / COUNTED < b.max)]!++;
          }
          calls += n;
        }
      spread.set(k, buckets);
      // The count includes the chart's init and dispose and the first setOption: small beside 50 updates.
      js.set(k, { fns, calls: calls / COUNTED });
    }

    const rows: Array<[string, string, string, string]> = [
      ['chart (CSS px)', 'median · p90 · p99 ms', 'chart ÷ bare line (median) · bare', 'drawn by'],
    ];
    for (const [k, c] of CASES.entries()) {
      const r = got.get(k)!;
      const q = (xs: number[]): { med: number; text: string } => {
        const s = [...xs].sort((a, b) => a - b);
        return { med: percentile(s, 50), text: `${fmt(percentile(s, 50), 2)} · ${fmt(percentile(s, 90), 2)} · ${fmt(percentile(s, 99), 2)}` };
      };
      const w = q(r.chart);
      const b = q(r.bare);
      rows.push([`${c.label} ${c.width}×${c.height}`, w.text, `${fmt(w.med / b.med, 2)}× · bare ${fmt(b.med, 2)} ms`, painted.has(k) ? 'its canvas painter' : 'ECharts (whole option)']);
    }
    table(`one redraw (build + setOption, canvas repainted), ${N * ROUNDS} timed per chart after ${WARMUP} untimed`, rows);

    const jsRows: Array<[string, string]> = [['chart', 'functions · calls per update']];
    for (const [k, c] of CASES.entries()) {
      const r = js.get(k)!;
      jsRows.push([c.label, `${r.fns} · ${Math.round(r.calls)}`]);
    }
    table(`JavaScript run per update (V8 call counts over ${COUNTED} updates, untimed)`, jsRows);

    const spreadRows: Array<[string, ...string[]]> = [['chart: functions reached, by calls per update', ...BUCKETS.map((b) => b.label)]];
    for (const [k, c] of CASES.entries()) spreadRows.push([c.label, ...spread.get(k)!.map(String)]);
    table('How hot each function an update reaches is (V8 optimises one called once a draw after about 400 draws)', spreadRows);
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
