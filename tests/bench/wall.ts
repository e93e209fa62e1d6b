/**
 * `pnpm bench wall [--minutes N] [--layout 32x9|48x9|4k|1080p]`: the wall in
 * Chromium with every module live while the mock feeds run at 10× rate.
 *
 * Default: 7680×2160 with layout 32x9 (every module on screen, twice the pixels
 * of 4K; 16:9 layouts rotate modules, so only two are live at a time there), a
 * 5-minute 10× phase (BENCH_WALL_MINUTES or --minutes; the issue's heap target is
 * for 30 minutes). Phases on one page, so each has a same-run baseline:
 *   warm-up   feeds 1×, fleet registering, page loading (not measured)
 *   1×        feeds at the normal rate, 60 s
 *   10× warm  feeds at 10× rate, W minutes (--warmup, default 0): V8 tiers up the
 *             hot functions and the series buffers fill; heap is sampled but the
 *             fit is reported apart, as the cold figure
 *   10×       feeds at 10× rate, N minutes (the measured run)
 *   idle      feeds off, 30 s: clock, number rolls and ticker alone
 * The real server entry runs in its own process (server-proc.ts), the feeds in
 * another (the feed CLI), so neither shares the bench's event loop.
 *
 * Environment: BENCH_WALL_MINUTES, BENCH_WALL_WARMUP_MIN, BENCH_WALL_LAYOUT, BENCH_WALL_BASELINE_S (60),
 * BENCH_WALL_IDLE_S (30), BENCH_WALL_HEAP_EVERY_S (20), BENCH_WALL_SERIES_STEP
 * (server series step, default the server's 10 s), BENCH_WALL_FRESH_SERVER=1 (start
 * the server with no stored series; by default it starts with the last hour seeded,
 * seed-series.ts), BENCH_WALL_JS_FLAGS (V8 flags passed to Chromium as --js-flags, for
 * diagnostic runs; shown in the printed command), BENCH_WALL_BUILD=1 (rebuild
 * the client first; otherwise client/dist is used as built), BENCH_WALL_THREADS=1 (also
 * sample every thread and split each long task's window by who had the CPUs; a
 * diagnostic, not for the targets' runs: it costs a few per cent of a core). Results are also
 * written to artifacts/bench/wall-<layout>-<minutes>min.json.
 */
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';
import { arg, fmt, sleep, table } from './common.js';
import { seedSeriesHour } from './seed-series.js';
import { ensureBuilt, fleetUp, startFeeds, stopChild, VIEWPORTS } from './wall-procs.js';
import { busyRow, headroomRows, printCauses, printSched, printSlowCallbacks, printSlowDraws, type Counters, type SlowDraw } from './wall-report.js';
import { BENCH_TOKEN, spawnServer } from './server-proc.js';
import { cpuByRole, cpuShares, findRendererPid, startSchedSampler } from './sched.js';
import { startThreadSampler } from './threads.js';
import { printThreads } from './threads-report.js';
import {
  codeEntries,
  codeGrowth,
  functionStates,
  optimisedByScript,
  parseHeapSnapshot,
  tierHeadroom,
  type CodeEntry,
  type FunctionState,
} from './heap-graph.js';
import { attributeLongTasks, frameStats, longTasksIn, PROBE_SOURCE, slope, summarizeSnapshot, topGrowth, type HeapSummary, type ProbeDump } from './wall-probe.js';

const root = path.resolve(import.meta.dirname, '../..');
const MINUTES = Number(arg('minutes') ?? process.env.BENCH_WALL_MINUTES ?? 5);
const WARMUP_MIN = Number(arg('warmup') ?? process.env.BENCH_WALL_WARMUP_MIN ?? 0);
const LAYOUT = arg('layout') ?? process.env.BENCH_WALL_LAYOUT ?? '32x9';
const VIEW = VIEWPORTS[LAYOUT] ?? VIEWPORTS['32x9']!;
const BASELINE_S = Number(process.env.BENCH_WALL_BASELINE_S ?? 60);
const IDLE_S = Number(process.env.BENCH_WALL_IDLE_S ?? 30);
const HEAP_EVERY_S = Number(process.env.BENCH_WALL_HEAP_EVERY_S ?? 20);
const FRESH_SERVER = process.env.BENCH_WALL_FRESH_SERVER === '1';
// V8 flags for a diagnostic run (e.g. lower tier-up thresholds, to see where the
// compiled-code part of the heap levels off). Printed in the command line so a
// figure taken with them is never mistaken for a default-flags figure.
const JS_FLAGS = process.env.BENCH_WALL_JS_FLAGS?.trim() ?? '';
// Every thread of Chromium, the server and the feeds sampled, to split long tasks'
// windows by who had the CPUs (threads.ts). Off by default: it costs a few per cent of a core.
const THREADS = process.env.BENCH_WALL_THREADS === '1';
const ARGS = [...CHROMIUM_ARGS, ...(JS_FLAGS ? [`--js-flags=${JS_FLAGS}`] : [])];

/** The entry's own graph: the script and modulepreload links the built wall.html names. */
function entryGzipKb(): { kb: number; files: number } {
  const html = readFileSync(path.join(root, 'client/dist/wall.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const kb = files.reduce((a, f) => a + gzipSync(readFileSync(path.join(root, 'client/dist', f)), { level: 9 }).length, 0) / 1024;
  return { kb, files: files.length };
}

async function counters(page: Page, cdp: CDPSession): Promise<Counters> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  const m = (n: string): number => metrics.find((x) => x.name === n)?.value ?? NaN;
  const inPage = await page.evaluate(() => ({
    at: performance.now(),
    deltas: window.__wall?.counters.deltasApplied ?? 0,
    // The shell's read-only chart counters (client/src/kit/charts/stats.ts), typed here since tests do not import the client.
    charts: { ...((window as unknown as { __wallCharts?: Counters['charts'] }).__wallCharts ?? { live: 0, created: 0, redraws: 0 }) },
  }));
  return { ...inPage, task: m('TaskDuration'), script: m('ScriptDuration'), layout: m('LayoutDuration'), style: m('RecalcStyleDuration') };
}

/** This run's heap samples as they are taken (one JSON object per line); emptied when the run starts. */
const HEAP_LOG = path.join(root, 'artifacts/bench', `wall-${LAYOUT}-heap.ndjson`);

/** Page-time windows of the bench's forced GCs, so long tasks they cause are not put down to the wall. */
const gcWindows: Array<[number, number]> = [];

async function pageNow(cdp: CDPSession): Promise<number> {
  const r = (await cdp.send('Runtime.evaluate', { expression: 'performance.now()', returnByValue: true })) as { result: { value: number } };
  return r.result.value;
}

async function forcedGc(cdp: CDPSession): Promise<void> {
  const a = await pageNow(cdp);
  await cdp.send('HeapProfiler.collectGarbage');
  gcWindows.push([a, await pageNow(cdp)]);
}

async function heapMb(cdp: CDPSession): Promise<number> {
  await forcedGc(cdp);
  const h = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return h.usedSize / 1048576;
}

/**
 * Heap after a forced GC every HEAP_EVERY_S for `minutes`, as [hours since start, MB]; the first sample is at 0.
 * Each sample is also appended to artifacts/bench/wall-<layout>-heap.ndjson as it is taken, and every 10 minutes
 * the last 10 minutes' slope is printed, so a multi-hour soak can be read (and survives) before it ends.
 */
async function sampleHeap(cdp: CDPSession, minutes: number, phase: string): Promise<Array<[number, number]>> {
  const log = HEAP_LOG;
  const t0 = Date.now();
  const end = t0 + minutes * 60_000;
  const out: Array<[number, number]> = [];
  const take = async (): Promise<void> => {
    const s: [number, number] = [(Date.now() - t0) / 3_600_000, await heapMb(cdp)];
    out.push(s);
    appendFileSync(log, `${JSON.stringify({ phase, at: new Date().toISOString(), hours: s[0], mb: s[1] })}\n`);
  };
  await take();
  let nextReport = t0 + 600_000;
  while (Date.now() < end) {
    await sleep(Math.min(HEAP_EVERY_S * 1000, Math.max(0, end - Date.now())));
    await take();
    if (Date.now() >= nextReport) {
      const from = (nextReport - t0 - 600_000) / 3_600_000;
      const w = out.filter((h) => h[0] >= from);
      process.stdout.write(`  ${phase} ${fmt((nextReport - t0) / 60_000, 0)} min: ${fmt(w[w.length - 1]![1], 2)} MB · last 10 min ${fmt(slope(w.map((h) => h[0]), w.map((h) => h[1])), 2)} MB/h\n`);
      nextReport += 600_000;
    }
  }
  return out;
}

/**
 * A forced-GC heap snapshot, summarized (code vs data, and code by JIT tier) and then
 * dropped, or kept under artifacts/bench/ with BENCH_WALL_KEEP_SNAPSHOTS=1 for
 * `pnpm bench heap-diff`.
 */
async function snapshot(cdp: CDPSession, label: string): Promise<HeapSummary & { code: CodeEntry[]; states: FunctionState[] }> {
  await cdp.send('HeapProfiler.enable');
  await forcedGc(cdp);
  const chunks: string[] = [];
  const on = (e: { chunk: string }): void => void chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', on);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', on);
  const json = chunks.join('');
  if (process.env.BENCH_WALL_KEEP_SNAPSHOTS === '1') {
    const dir = path.join(root, 'artifacts/bench');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `wall-${LAYOUT}-${label}.heapsnapshot`), json);
  }
  const graph = parseHeapSnapshot(json);
  const code = codeEntries(graph);
  return { ...summarizeSnapshot(graph), code, states: functionStates(graph, code) };
}

async function domCounters(cdp: CDPSession): Promise<{ nodes: number; listeners: number; documents: number }> {
  const c = (await cdp.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number; documents: number };
  return { nodes: c.nodes, listeners: c.jsEventListeners, documents: c.documents };
}

async function main(): Promise<void> {
  ensureBuilt();
  mkdirSync(path.dirname(HEAP_LOG), { recursive: true });
  writeFileSync(HEAP_LOG, '');
  const step = process.env.BENCH_WALL_SERIES_STEP;
  const command = `${THREADS ? 'BENCH_WALL_THREADS=1 ' : ''}${JS_FLAGS ? `BENCH_WALL_JS_FLAGS='${JS_FLAGS}' ` : ''}${FRESH_SERVER ? 'BENCH_WALL_FRESH_SERVER=1 ' : ''}${step ? `BENCH_WALL_SERIES_STEP=${step} ` : ''}pnpm bench wall --minutes ${MINUTES}${WARMUP_MIN > 0 ? ` --warmup ${WARMUP_MIN}` : ''} --layout ${LAYOUT}`;
  process.stdout.write(`${command}\nChromium ${VIEW.width}×${VIEW.height} ?layout=${LAYOUT}; 10× warm-up ${WARMUP_MIN} min, then 10× measured ${MINUTES} min; heap sampled every ${HEAP_EVERY_S} s after forced GC\n`);
  // BENCH_WALL_SERIES_STEP (e.g. 2s) fills the 360-point series buffers in minutes instead of an hour,
  // so a heap fit is not dominated by buffers that are still filling (and charts redraw more often).
  // By default the server starts with the last hour of series already stored, as a
  // server that has run for an hour has (BENCH_WALL_FRESH_SERVER=1 starts it empty,
  // so the buffers fill during the run, as in the 2026-11-22/23 figures).
  const srv = await spawnServer(
    {
      // The feed CLI sends telemetry and its statistics on one token: it needs both scopes (an ingest-only token got 403 on every statistics batch).
      WALL_INGEST_TOKEN: '',
      WALL_TOKENS: `feeds:ingest+stats:${BENCH_TOKEN}:sim`,
      ...(process.env.BENCH_WALL_SERIES_STEP ? { WALL_SERIES_STEP: process.env.BENCH_WALL_SERIES_STEP } : {}),
    },
    FRESH_SERVER ? undefined : (dir) => seedSeriesHour(dir),
  );
  let feeds: ChildProcess | null = startFeeds(srv.url, srv.token, 1);
  await fleetUp(srv.url);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: VIEW, deviceScaleFactor: 1 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.addInitScript(PROBE_SOURCE);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${srv.url}/wall?layout=${LAYOUT}`);
    await page.waitForFunction(() => window.__wall?.connection === 'connected' && (window.__wall?.seq ?? 0) > 5, undefined, { timeout: 120_000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-module]').length >= 5 || document.querySelectorAll('[data-slot]').length < 5, undefined, { timeout: 60_000 });
    // Script requests and first paint on the page's own clock (Resource Timing), so
    // "before first paint" does not depend on when Playwright's request events reach Node.
    const paint = await page.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
      const js = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => new URL(e.name).pathname.endsWith('.js'))
        .map((e) => ({ url: e.name, startedAt: e.startTime }));
      return { fcp, js };
    });
    // Let the fleet finish registering and the first minute of series fill in.
    await sleep(30_000);
    // The renderer's main thread, sampled from here on: was a long task work, or a wait for a CPU?
    const rendererPid = findRendererPid();
    const sched = rendererPid === null ? null : startSchedSampler(rendererPid);
    const threads = THREADS ? startThreadSampler(() => ({ server: srv.pid, feeds: feeds?.pid })) : null;
    const timeOrigin = await page.evaluate(() => performance.timeOrigin);

    // ---- 1× baseline ----
    const b0 = await counters(page, cdp);
    await sleep(BASELINE_S * 1000);
    const b1 = await counters(page, cdp);

    // ---- 10× ----
    await stopChild(feeds);
    feeds = startFeeds(srv.url, srv.token, 10);
    await sleep(10_000);
    // Cold heap: from the start of the 10× phase through the warm-up, sampled the same way.
    const cold = WARMUP_MIN > 0 ? await sampleHeap(cdp, WARMUP_MIN, 'warm-up') : [];
    const dom0 = await domCounters(cdp);
    const snapA = await snapshot(cdp, 'start');
    const x0 = await counters(page, cdp);
    const cpu0 = { at: Date.now(), by: cpuByRole({ server: srv.pid, feeds: feeds.pid }) };
    const heap = await sampleHeap(cdp, MINUTES, 'measured');
    const cpu1 = { at: Date.now(), by: cpuByRole({ server: srv.pid, feeds: feeds.pid }) };
    const x1 = await counters(page, cdp);
    const dom1 = await domCounters(cdp);
    const snapB = await snapshot(cdp, 'end');

    // ---- idle: feeds off ----
    await stopChild(feeds);
    feeds = null;
    const i0 = await counters(page, cdp);
    await sleep(IDLE_S * 1000);
    const i1 = await counters(page, cdp);

    const schedSamples = sched?.stop() ?? [];
    const threadSamples = threads?.stop() ?? null;
    const dump = (await page.evaluate(() => {
      const p = (window as unknown as { __wallProbe: { frames: Float64Array; count: number; longtasks: Array<[number, number]>; loafs: unknown[]; slowCallbacks: unknown[]; turns: Array<[number, string]> } }).__wallProbe;
      const frames: Array<[number, number, number]> = [];
      for (let i = 0; i < p.count; i++) frames.push([p.frames[i * 3]!, p.frames[i * 3 + 1]!, p.frames[i * 3 + 2]!]);
      return { frames, longtasks: p.longtasks, loafs: p.loafs, slowCallbacks: p.slowCallbacks, turns: p.turns };
    })) as ProbeDump;
    const slowDraws = await page.evaluate(() => (window as unknown as { __wallCharts?: { slowDraws?: SlowDraw[] } }).__wallCharts?.slowDraws ?? []);
    // The first minute of the 10× phase is ramp-up (feeds re-registering, series re-filling): steady state after it.
    const steadyFrom = Math.min(x1.at, x0.at + 60_000);
    const fBase = frameStats(dump, b0.at, b1.at);
    const fTen = frameStats(dump, x0.at, x1.at);
    const fIdle = frameStats(dump, i0.at, i1.at);
    const ltTen = longTasksIn(dump, steadyFrom, x1.at);
    const causes = attributeLongTasks(dump, gcWindows, steadyFrom, x1.at);
    const ltWall = causes.filter((c) => !c.cause.startsWith('bench:'));
    const ltBase = longTasksIn(dump, b0.at, b1.at);
    const growth = slope(heap.map((h) => h[0]), heap.map((h) => h[1]));

    // Initial JS: scripts requested before first contentful paint, gzip -9 of the built files.
    const gz = (url: string): number => {
      const file = path.join(root, 'client/dist', new URL(url).pathname);
      return existsSync(file) ? gzipSync(readFileSync(file), { level: 9 }).length : NaN;
    };
    const fcpWall = paint.fcp;
    const early = paint.js.filter((s) => s.startedAt < fcpWall);
    const initialKb = early.reduce((a, s) => a + gz(s.url), 0) / 1024;
    const allKb = scripts.reduce((a, u) => a + gz(u), 0) / 1024;

    const ms = (v: number): string => (Number.isFinite(v) ? `${fmt(v, 2)} ms` : 'n/a');
    table(`Main-thread JS per update (store apply + Vue flush + setOption + frame callbacks), ${LAYOUT} ${VIEW.width}×${VIEW.height}`, [
      ['10× p95', ms(fTen.p95), `target ≤ 8 ms · p50 ${ms(fTen.p50)} · p99 ${ms(fTen.p99)} · max ${ms(fTen.max)} · ${fTen.updateFrames} update frames`],
      ['1× p95 (baseline)', ms(fBase.p95), `p50 ${ms(fBase.p50)} · max ${ms(fBase.max)} · ${fBase.updateFrames} update frames`],
      ['idle, animation-only frames p95', ms(fIdle.otherP95), `${fIdle.otherFrames} frames in ${IDLE_S} s (ticker, rolls, clock)`],
    ]);
    table('Main thread, all work (CDP Performance: script + style + layout + paint tasks)', [
      busyRow('1×', b0, b1),
      busyRow('10×', x0, x1),
      busyRow('idle', i0, i1),
    ]);
    table('Long tasks > 50 ms (PerformanceObserver longtask)', [
      ['10× steady state', `${fmt(ltTen.perMin, 2)} /min`, `target 0 · ${ltTen.count} in ${fmt((x1.at - steadyFrom) / 60_000, 1)} min after the first minute · longest ${fmt(ltTen.maxMs, 0)} ms`],
      ['  not the bench\'s forced GC', `${fmt(ltWall.length / ((x1.at - steadyFrom) / 60_000), 2)} /min`, `${ltWall.length} · longest ${fmt(Math.max(0, ...ltWall.map((c) => c.ms)), 0)} ms · ${causes.length - ltWall.length} overlapped a forced GC`],
      ['1× baseline', `${fmt(ltBase.perMin, 2)} /min`, `${ltBase.count} in ${fmt((b1.at - b0.at) / 60_000, 1)} min`],
    ]);
    // The renderer's main thread waits for a CPU whenever the others fill both cores:
    // this says who they were (software compositing at 4K lands in the GPU process).
    const cpu = cpuShares(cpu0.by, cpu1.by, cpu1.at - cpu0.at);
    table(`CPU by process, 10× measured phase (/proc stat; share of one core, ${os.cpus().length} cores)`, cpu.map(([role, share]) => [role, `${fmt(share * 100, 1)} %`]));
    printCauses(causes);
    printSlowCallbacks(dump, steadyFrom, x1.at);
    printSlowDraws(slowDraws, steadyFrom, x1.at);
    const schedOut = schedSamples.length > 1 ? printSched(schedSamples, timeOrigin, causes, slowDraws, steadyFrom, x1.at) : null;
    if (!schedOut) process.stdout.write('\nrenderer main thread: no /proc schedstat samples (renderer not found)\n');
    const threadsOut = threadSamples ? printThreads(threadSamples, timeOrigin, causes, dump.turns, steadyFrom, x1.at) : null;
    const coldFit = cold.length > 1 ? slope(cold.map((h) => h[0]), cold.map((h) => h[1])) : NaN;
    const halfAt = (MINUTES / 60) / 2;
    const secondHalf = heap.filter((h) => h[0] >= halfAt);
    table(`JS heap after forced GC, 10× phase (${MINUTES} min after ${WARMUP_MIN} min warm-up, ${heap.length} samples)`, [
      ...(cold.length > 1
        ? [['cold: warm-up phase', `${fmt(coldFit, 2)} MB/h`, `${fmt(cold[0]![1], 1)} → ${fmt(cold[cold.length - 1]![1], 1)} MB over the first ${WARMUP_MIN} min at 10× (JIT tier-up${FRESH_SERVER ? ', buffers filling' : ''})`] as [string, string, string]]
        : []),
      ['start → end', `${fmt(heap[0]![1], 1)} → ${fmt(heap[heap.length - 1]![1], 1)} MB`, ''],
      ['linear fit', `${fmt(growth, 2)} MB/h`, `target ≤ 1 MB/h over 30 min · this run ${MINUTES} min (short runs are noisy; use --minutes 30)`],
      ['  second half alone', `${fmt(slope(secondHalf.map((h) => h[0]), secondHalf.map((h) => h[1])), 2)} MB/h`, `${secondHalf.length} samples`],
      ['  of which V8 compiled code', `${fmt(((snapB.codeBytes - snapA.codeBytes) / 1048576) * (60 / MINUTES), 2)} MB/h`, 'heap snapshots at start and end: JIT tier-up, plateaus'],
      ...codeGrowth(snapA.code, snapB.code)
        .filter((g) => g.tier !== 'other')
        .map((g): [string, string, string] => [
          `    ${g.tier} code`,
          `${fmt(((g.after.bytes - g.before.bytes) / 1048576) * (60 / MINUTES), 2)} MB/h`,
          `${g.before.count} → ${g.after.count} code objects · ${g.newFunctions} functions newly at this tier · ${g.replaced} re-optimised`,
        ]),
      ['  objects (everything but code)', `${fmt(((snapB.dataBytes - snapA.dataBytes) / 1048576) * (60 / MINUTES), 2)} MB/h`, FRESH_SERVER ? 'series buffers fill for their first hour (6 × 360 points), then stay' : 'series buffers started full (seeded hour)'],
      ...topGrowth(snapA, snapB, 4).map((g): [string, string, string] => [`    ${g.key}`, `${fmt(g.bytes / 1024, 1)} KB`, `${g.count >= 0 ? '+' : ''}${g.count} objects`]),
      ...topGrowth(snapA, snapB, 6, true).map((g): [string, string, string] => [`    ${g.key}`, `${fmt(g.bytes / 1024, 1)} KB`, `${g.count >= 0 ? '+' : ''}${g.count} entries`]),
    ]);
    table(
      'Optimised code by script, measured phase (which chunk V8 went on optimising)',
      optimisedByScript(snapA.code, snapB.code)
        .slice(0, 8)
        .map((r): [string, string, string] => [
          r.script ? r.script.replace(/^.*\//, '') : '(injected: bench probe)',
          `${fmt(((r.after - r.before) / 1048576) * (60 / MINUTES), 2)} MB/h`,
          `${fmt(r.before / 1024, 0)} → ${fmt(r.after / 1024, 0)} KB · ${r.newFunctions} functions newly optimised`,
        ]),
    );
    table('Tier-up ceiling: optimised code V8 can still add for the code paths already run (estimate; see heap-graph.ts)', headroomRows(snapA.states, snapB.states));
    table('DOM and listeners, 10× start → end (Memory.getDOMCounters)', [
      ['nodes', `${dom0.nodes} → ${dom1.nodes}`, 'flat'],
      ['JS event listeners', `${dom0.listeners} → ${dom1.listeners}`, 'flat'],
      ['documents', `${dom0.documents} → ${dom1.documents}`, ''],
      ['chart instances live', `${x0.charts.live} → ${x1.charts.live}`, `created ${x1.charts.created} · redraws ${fmt(((x1.charts.redraws - x0.charts.redraws) * 60_000) / (x1.at - x0.at), 0)} /min at 10×`],
    ]);
    const entry = entryGzipKb();
    table('Initial JS (gzip -9 of the built files; network log of this page load)', [
      ['all JS this layout loads (every module on screen)', `${fmt(allKb, 1)} KB`, `target ≤ 300 KB (the strictest reading) · ${scripts.length} files`],
      ['entry graph (wall.html script + modulepreload)', `${fmt(entry.kb, 1)} KB`, `${entry.files} files: all the shell's first paint needs; the rest are lazy chunks`],
      ['requested before first contentful paint', `${fmt(initialKb, 1)} KB`, `${early.length} files · FCP ${fmt(fcpWall, 0)} ms (software raster presents the first frame late, after the modules have asked for their chunks)`],
    ]);
    if (errors.length > 0) process.stdout.write(`\npage errors: ${errors.slice(0, 5).join(' | ')}\n`);

    const outDir = path.join(root, 'artifacts/bench');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(
      path.join(outDir, `wall-${LAYOUT}-${MINUTES}min${WARMUP_MIN > 0 ? `-warm${WARMUP_MIN}` : ''}.json`),
      JSON.stringify({ command, view: VIEW, layout: LAYOUT, minutes: MINUTES, warmupMin: WARMUP_MIN, cold, coldFit, fBase, fTen, fIdle, ltTen, ltBase, longTaskCauses: causes, turns: dump.turns, sched: schedOut, threads: threadsOut, cpu: Object.fromEntries(cpu), heap, growth, headroom: { start: tierHeadroom(snapA.states), end: tierHeadroom(snapB.states) }, dom0, dom1, initialKb, allKb, scripts: early.map((s) => s.url) }, null, 2),
    );
  } finally {
    await browser.close();
    await stopChild(feeds);
    await srv.stop();
  }
}

await main();
