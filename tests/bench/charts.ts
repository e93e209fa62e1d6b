/**
 * `pnpm bench charts [--n 300] [--warmup 100] [--rounds 2]`: what one chart redraw
 * costs, per shipped option builder, at the size its tile has on a 3840×2160 wall.
 *
 * The wall bench records single redraws of 50 ms or more and names the tile; this
 * says what that tile's redraw costs when nothing else is going on, so a 60 ms
 * redraw of a 3 ms chart reads as a stall (GC, JIT, the CPU given to another
 * process), not as a chart to simplify. Baseline: a bare two-point line chart at
 * the same size, in the same page, in the same round (the ratio column), so a
 * busy machine shows up in both.
 *
 * The page side is client/src/bench/chart-cost.ts, built here with the client's
 * own Vite into one script (nothing of it ships in the wall). Each case: `warmup`
 * untimed redraws, then `n` timed ones, each in its own task, with useEChart's
 * setOption flags. No server and no feeds: the builders run on their fixtures.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';
import { arg, fmt, percentile, table } from './common.js';

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
 * variant hides it), so it is not here. The first three are the tiles the wall
 * bench has seen redraw slowly.
 */
const CASES: Array<{ label: string; name: string; width: number; height: number }> = [
  { label: 'infra · pile utilisation (trend, 360 pts)', name: 'trend', width: 1318, height: 421 },
  { label: 'infra · faults (trend, 360 pts)', name: 'trend', width: 912, height: 517 },
  { label: 'growth · map (choropleth)', name: 'choropleth', width: 901, height: 1076 },
  { label: 'map · pile density (geo + points)', name: 'map', width: 1572, height: 1368 },
  { label: 'growth · ranking (10 bars)', name: 'bar-ranking', width: 705, height: 1126 },
  { label: 'growth · quarterly growth (lines)', name: 'quarter-lines', width: 705, height: 398 },
  { label: 'growth · quarterly value added (bars)', name: 'quarter-bars', width: 705, height: 360 },
  { label: 'structure · boards (treemap)', name: 'treemap', width: 1210, height: 351 },
  { label: 'structure · sectors (12 bars)', name: 'bar-12', width: 555, height: 922 },
  { label: 'structure · categories (4 bars)', name: 'bar-4', width: 555, height: 395 },
  { label: 'structure · tiers (4 bars)', name: 'bar-4', width: 555, height: 239 },
];

interface CaseResult {
  name: string;
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

interface ViteOut {
  output?: Array<{ type: string; isEntry?: boolean; code?: string }>;
}

/** client/src/bench/chart-cost.ts as one IIFE script, built by the client's Vite (tests do not import the client). */
async function buildPageScript(): Promise<string> {
  const clientDir = path.join(root, 'client');
  const vitePath = createRequire(path.join(clientDir, 'package.json')).resolve('vite');
  // Only the part of Vite's API used here: tests/ has no dependency on vite, the client has.
  const vite = (await import(vitePath)) as { build(config: Record<string, unknown>): Promise<ViteOut | ViteOut[]> };
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
      lib: { entry: path.join(clientDir, 'src/bench/chart-cost.ts'), formats: ['iife'], name: 'ChartCost', fileName: 'chart-cost' },
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

    const got = new Map<number, { own: number[]; bare: number[] }>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [k, c] of CASES.entries()) {
        // Bare first, then the case, at one size: both see the same state of the machine.
        const run = (name: string): Promise<CaseResult> =>
          page.evaluate(([nm, w, h, wu, n]) => window.ChartCost.runCase(nm, w, h, 2, wu, n), [name, c.width, c.height, WARMUP, N] as const);
        const bare = await run('bare');
        const own = await run(c.name);
        const acc = got.get(k) ?? { own: [], bare: [] };
        acc.own.push(...own.ms);
        acc.bare.push(...bare.ms);
        got.set(k, acc);
      }
    }
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);

    const rows: Array<[string, string, string?]> = [['chart (CSS px)', 'median · p90 · p99 · max ms', '× bare line (median)']];
    for (const [k, c] of CASES.entries()) {
      const r = got.get(k)!;
      const own = [...r.own].sort((a, b) => a - b);
      const bare = [...r.bare].sort((a, b) => a - b);
      const med = percentile(own, 50);
      rows.push([
        `${c.label} ${c.width}×${c.height}`,
        `${fmt(med, 2)} · ${fmt(percentile(own, 90), 2)} · ${fmt(percentile(own, 99), 2)} · ${fmt(own[own.length - 1]!, 1)}`,
        `${fmt(med / percentile(bare, 50), 1)}× (bare ${fmt(percentile(bare, 50), 2)} ms)`,
      ]);
    }
    table(`one redraw (build + setOption, canvas repainted), ${N * ROUNDS} timed per chart after ${WARMUP} untimed`, rows);
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
