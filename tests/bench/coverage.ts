/**
 * `pnpm bench coverage [--layout 4k] [--warmup 15] [--minutes 10] [--window 60]`:
 * how often each of the wall's functions runs on a live wall, and which code it is.
 *
 * Why: at 3840×2160 the heap grows by compiled code for hours (docs/PERFORMANCE.md,
 * Heap). V8 optimises a function with Maglev after about 400 calls' worth of its
 * bytecode and with TurboFan after about 3,000 (`--invocation-count-for-maglev`,
 * `--invocation-count-for-turbofan` in this Chromium's V8), so the functions that
 * get optimised in a given window of uptime are the ones with a given call rate.
 * This bench measures the call rates and maps each function through the build's
 * source maps to the package and feature it belongs to, so "what is still tiering
 * up after 15 minutes" has an answer in code, not just in megabytes.
 *
 * How: the client is built with source maps into artifacts/bench/coverage-dist and
 * served by the real server (WALL_CLIENT_DIST), with the last hour of series seeded,
 * as `pnpm bench wall` does. Chromium at the layout's size; feeds at 1× while the
 * fleet registers, then 10×. V8 precise coverage with call counts runs from the
 * start of the 10× phase; after `--warmup` minutes its counters are reset, then
 * read every `--window` seconds for `--minutes`.
 *
 * What it cannot say: precise call counting stops V8 from optimising (that is how
 * it keeps the counts exact), so this page's timing and heap are not the wall's.
 * It counts calls; `pnpm bench wall` measures the heap. The predicted bands use
 * invocation counts, but V8 really counts bytecode run, so a function with a loop
 * tiers up sooner than its calls alone say.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';
import { arg, fmt, sleep, table } from './common.js';
import { addWindow, BANDS, bandOf, groupRows, sourceGroup, type FunctionCalls, type ScriptCoverage } from './coverage-map.js';
import { seedSeriesHour } from './seed-series.js';
import { BuildSources } from './source-maps.js';
import { spawnServer } from './server-proc.js';
import { clientVite, fleetUp, startFeeds, stopChild, VIEWPORTS } from './wall-procs.js';

const root = path.resolve(import.meta.dirname, '../..');
function num(name: string, dflt: number, min: number): number {
  const raw = arg(name);
  const v = raw === undefined ? dflt : Number(raw);
  if (!Number.isFinite(v) || v < min) {
    console.error(`--${name} must be a number ≥ ${min}, got ${raw}`);
    process.exit(2);
  }
  return v;
}
const LAYOUT = arg('layout') ?? '4k';
const VIEW = VIEWPORTS[LAYOUT] ?? usage(`--layout must be one of ${Object.keys(VIEWPORTS).join(', ')}`);
function usage(msg: string): never {
  console.error(msg);
  process.exit(2);
}
const WARMUP = num('warmup', 15, 0);
const MINUTES = num('minutes', 10, 1);
const WINDOW_S = num('window', 60, 5);
const WINDOWS = Math.max(1, Math.round((MINUTES * 60) / WINDOW_S));
/** V8's tier-up thresholds in this Chromium (`chromium --js-flags=--help`). */
const MAGLEV_AT = 400;
const TURBOFAN_AT = 3000;
/** The window the wall bench's heap target is read over: 30 minutes after the warm-up. */
const HEAP_WINDOW_MIN = 30;

const OUT_DIR = path.join(root, 'artifacts/bench/coverage-dist');

/** The wall as shipped, plus source maps, built by the client's own Vite and config. */
async function buildWithMaps(): Promise<void> {
  const clientDir = path.join(root, 'client');
  const vite = await clientVite();
  // As the client's build script sets it; put back after, so the server started next
  // runs in the environment `pnpm bench wall` gives it.
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await vite.build({
      root: clientDir,
      configFile: path.join(clientDir, 'vite.config.ts'),
      logLevel: 'warn',
      mode: 'production',
      build: { outDir: OUT_DIR, emptyOutDir: true, sourcemap: true },
    });
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}

/** Which family a source group belongs to, for the band table. */
function family(group: string): string {
  if (group.startsWith('echarts/') || group === 'echarts') return 'ECharts';
  if (group.startsWith('zrender/') || group === 'zrender') return 'zrender';
  if (group.startsWith('@vue/') || group === 'vue' || group === 'pinia') return 'Vue, Pinia';
  if (group.startsWith('client/')) return 'the wall';
  return 'other';
}

async function main(): Promise<void> {
  const command = `pnpm bench coverage --layout ${LAYOUT} --warmup ${WARMUP} --minutes ${MINUTES} --window ${WINDOW_S}`;
  process.stdout.write(`${command}\nbuilding the client with source maps into ${path.relative(root, OUT_DIR)}…\n`);
  await buildWithMaps();
  const srv = await spawnServer({ WALL_CLIENT_DIST: OUT_DIR }, (dir) => seedSeriesHour(dir));
  let feeds = startFeeds(srv.url, srv.token, 1);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    await fleetUp(srv.url);
    const page = await browser.newPage({ viewport: VIEW, deviceScaleFactor: 1 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${srv.url}/wall?layout=${LAYOUT}`);
    await page.waitForFunction(() => window.__wall?.connection === 'connected' && (window.__wall?.seq ?? 0) > 5, undefined, { timeout: 120_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await stopChild(feeds);
    feeds = startFeeds(srv.url, srv.token, 10);
    // Counting starts here, with the 10× phase: what ran before (start-up) is not in the table.
    await cdp.send('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
    process.stdout.write(`Chromium ${browser.version()} ${VIEW.width}×${VIEW.height} ?layout=${LAYOUT}; 10× feeds; ${WARMUP} min warm-up, then ${WINDOWS} windows of ${WINDOW_S} s\n`);
    const take = async (): Promise<ScriptCoverage[]> => ((await cdp.send('Profiler.takePreciseCoverage')) as { result: ScriptCoverage[] }).result;
    const draws = async (): Promise<number> => page.evaluate(() => (window as unknown as { __wallCharts?: { redraws: number } }).__wallCharts?.redraws ?? 0);
    // Which charts drew: useEChart (and any chart on the frame queue) writes its draw count on its element.
    const drawsByChart = async (): Promise<Map<string, number>> =>
      new Map(
        await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('[data-draws]')].map((el, i): [string, number] => {
            const mod = el.closest('[data-module]')?.getAttribute('data-module') ?? '?';
            const widget = el.closest('[class]')?.parentElement?.className.toString().split(' ')[0] ?? '';
            return [`${mod} · ${widget || 'chart'} #${i}`, Number(el.dataset.draws ?? 0)];
          }),
        ),
      );
    await sleep(WARMUP * 60_000);
    await take(); // resets the counters: the warm-up's calls are not counted
    const d0 = await draws();
    const byChart0 = await drawsByChart();
    const t0 = Date.now();
    const calls = new Map<string, FunctionCalls>();
    const origin = new URL(srv.url).origin;
    const keep = (url: string): boolean => url.startsWith(`${origin}/assets/`);
    for (let w = 0; w < WINDOWS; w++) {
      await sleep(WINDOW_S * 1000);
      addWindow(calls, w, WINDOWS, await take(), keep);
    }
    const minutes = (Date.now() - t0) / 60_000;
    const redraws = (await draws()) - d0;
    const byChart1 = await drawsByChart();
    await cdp.send('Profiler.stopPreciseCoverage');

    const maps = new BuildSources(OUT_DIR);
    const rows = [...calls.values()];
    const where = new Map<FunctionCalls, { source: string; line: number }>(rows.map((f) => [f, maps.atOffset(f.url, f.start)]));
    const groupOf = (f: FunctionCalls): string => sourceGroup(where.get(f)!.source);
    const perMin = (f: FunctionCalls): number => f.calls.reduce((a, b) => a + b, 0) / minutes;
    const totalCalls = rows.reduce((a, f) => a + perMin(f), 0);
    process.stdout.write(`\n${rows.length} functions ran in ${fmt(minutes, 1)} min (${fmt(totalCalls, 0)} calls/min); ${redraws} chart redraws (${fmt(redraws / minutes, 1)}/min)\n`);

    table(
      'Chart draws in the measured windows, by element (module · widget #index)',
      [...byChart1].map(([k, n]): [string, string, string] => [k, String(n - (byChart0.get(k) ?? 0)), `${fmt((n - (byChart0.get(k) ?? 0)) / minutes, 2)} / min`]),
    );

    // Bands of calls per minute, by family of code.
    const families = ['ECharts', 'zrender', 'Vue, Pinia', 'the wall', 'other'];
    const byFamily = families.map((fam) => groupRows(rows.filter((f) => family(groupOf(f)) === fam), minutes, () => fam)[0]);
    table(
      'Functions by calls per minute (own source KB in brackets)',
      [
        ['band', ...families, 'all'],
        ...BANDS.map((b, i): [string, ...string[]] => {
          const cells = byFamily.map((r) => (r ? `${r.byBand[i]} (${fmt(r.ownByBand[i]! / 1024, 1)})` : '0'));
          const n = byFamily.reduce((a, r) => a + (r?.byBand[i] ?? 0), 0);
          const kb = byFamily.reduce((a, r) => a + (r?.ownByBand[i] ?? 0), 0) / 1024;
          return [b.label, ...cells, `${n} (${fmt(kb, 1)})`];
        }),
      ],
    );

    // What V8 would tier up in the wall bench's heap window, from these rates alone.
    const from = WARMUP;
    const to = WARMUP + HEAP_WINDOW_MIN;
    const crosses = (f: FunctionCalls, at: number): boolean => perMin(f) * from < at && perMin(f) * to >= at;
    const inWindow = rows.filter((f) => crosses(f, MAGLEV_AT) || crosses(f, TURBOFAN_AT));
    process.stdout.write(
      `\nPredicted to reach a tier in minutes ${from}–${to} of the 10× phase (Maglev: ${fmt(MAGLEV_AT / to, 1)}–${fmt(MAGLEV_AT / Math.max(from, 1e-9), 1)} calls/min; TurboFan: ${fmt(TURBOFAN_AT / to, 1)}–${fmt(TURBOFAN_AT / Math.max(from, 1e-9), 1)} calls/min): ${inWindow.length} functions, ${fmt(inWindow.reduce((a, f) => a + f.own, 0) / 1024, 1)} KB own source\n`,
    );
    const groups = groupRows(inWindow, minutes, groupOf).sort((a, b) => b.own - a.own);
    const reached = new Map(groupRows(rows, minutes, groupOf).map((g) => [g.group, g]));
    table('  …by source group (largest first)', [
      ['group', 'in window', 'own KB', 'intermittent', 'of functions that ran'],
      ...groups.slice(0, 25).map((g): [string, ...string[]] => [g.group, String(g.functions), fmt(g.own / 1024, 1), String(g.intermittent), String(reached.get(g.group)?.functions ?? 0)]),
      ...(groups.length > 25 ? [[`(${groups.length - 25} more groups)`, String(groups.slice(25).reduce((a, g) => a + g.functions, 0)), fmt(groups.slice(25).reduce((a, g) => a + g.own, 0) / 1024, 1), '', ''] as [string, ...string[]]] : []),
    ]);
    const biggest = [...inWindow].sort((a, b) => b.own - a.own).slice(0, 25);
    table('  …the largest functions among them', [
      ['function', 'source', 'calls/min', 'own chars', 'windows run'],
      ...biggest.map((f): [string, ...string[]] => {
        const w = where.get(f)!;
        const src = w.source.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)+/, '');
        return [f.name || '(anonymous)', `${src}:${w.line}`, fmt(perMin(f), 1), fmt(f.own, 0), `${f.calls.filter((c) => c > 0).length}/${f.calls.length}`];
      }),
    ]);

    const outFile = path.join(root, 'artifacts/bench', `coverage-${LAYOUT}.json`);
    mkdirSync(path.dirname(outFile), { recursive: true });
    writeFileSync(
      outFile,
      JSON.stringify({
        command,
        chromium: browser.version(),
        minutes,
        redraws,
        functions: rows.map((f) => ({ ...f, band: BANDS[bandOf(perMin(f))]!.label, group: groupOf(f), ...where.get(f)! })),
      }),
    );
    process.stdout.write(`\nper-function table: ${path.relative(root, outFile)}\n`);
    if (errors.length) process.stdout.write(`page errors: ${errors.slice(0, 5).join(' | ')}\n`);
  } finally {
    await browser.close();
    await stopChild(feeds);
    await srv.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
