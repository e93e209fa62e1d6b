/** What `pnpm bench wall` prints beyond its tables: busy time, long-task causes, slow rAF callbacks. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fmt } from './common.js';
import type { LongTaskCause, ProbeDump } from './wall-probe.js';
import { descheduled, schedDuring, waitRate, type SchedSample, type TaskSched } from './sched.js';
import { newlyOptimisedFrom, tierHeadroom, type FunctionState } from './heap-graph.js';

const root = path.resolve(import.meta.dirname, '../..');

/** CDP Performance.getMetrics totals plus the page's own counters at one instant. */
export interface Counters {
  at: number;
  deltas: number;
  task: number;
  script: number;
  layout: number;
  style: number;
  charts: { live: number; created: number; redraws: number };
}


export function busyRow(label: string, a: Counters, b: Counters): [string, string, string] {
  const secs = (b.at - a.at) / 1000;
  const deltas = b.deltas - a.deltas;
  const task = (b.task - a.task) * 1000;
  const parts = `script ${fmt(((b.script - a.script) * 1000) / secs, 0)} · style ${fmt(((b.style - a.style) * 1000) / secs, 0)} · layout ${fmt(((b.layout - a.layout) * 1000) / secs, 0)} ms/s`;
  return [label, `${fmt(task / secs, 0)} ms/s busy`, `${fmt(deltas / secs, 1)} deltas/s · ${deltas > 0 ? fmt(task / deltas, 2) : '—'} ms/delta all-in · ${parts}`];
}

/** Steady-state long tasks grouped by cause, with the built code around each script's position for minified names. */
export function printCauses(causes: LongTaskCause[]): void {
  if (causes.length === 0) return;
  const groups = new Map<string, LongTaskCause[]>();
  for (const c of causes) groups.set(c.cause, [...(groups.get(c.cause) ?? []), c]);
  process.stdout.write('\nlong tasks by cause (10× steady state)\n');
  for (const [cause, list] of [...groups.entries()].sort((a, b) => b[1].length - a[1].length)) {
    process.stdout.write(`  ${String(list.length).padStart(3)} × ${cause} · ${list.map((c) => `${fmt(c.ms, 0)}`).join(', ')} ms\n`);
    const top = list[0]!.loaf?.scripts[0];
    const file = top ? path.join(root, 'client/dist/assets', top.url) : '';
    if (top && top.url && existsSync(file)) {
      const src = readFileSync(file, 'utf8');
      process.stdout.write(`        code: ${JSON.stringify(src.slice(Math.max(0, top.pos - 40), top.pos + 120))}\n`);
    }
    const l = list[0]!.loaf;
    if (l) process.stdout.write(`        frame: ${l.ms} ms · script ${l.scriptMs} · style+layout ${l.styleLayoutMs} · render ${l.renderMs} · scripts ${l.scripts.map((x) => `${x.fn || '(anon)'} ${x.ms} ms (forced layout ${x.forcedLayoutMs})`).join('; ')}\n`);
  }
  // Which module the rotating slot showed: one module's motion or redraws would gather here.
  const byModule = new Map<string, number[]>();
  for (const c of causes) if (c.onScreen) byModule.set(c.onScreen.module, [...(byModule.get(c.onScreen.module) ?? []), c.onScreen.sinceTurnMs]);
  if (byModule.size === 0) return;
  process.stdout.write('  by module on screen (s after it turned in):\n');
  for (const [m, since] of [...byModule.entries()].sort((a, b) => b[1].length - a[1].length)) {
    process.stdout.write(`  ${String(since.length).padStart(3)} × ${m} · ${since.map((ms) => fmt(ms / 1000, 1)).join(', ')}\n`);
  }
}

/** rAF callbacks of 16 ms or more in the steady state, grouped by their source head. */
export function printSlowCallbacks(d: ProbeDump, from: number, to: number): void {
  const groups = new Map<string, number[]>();
  for (const [ts, ms, head] of d.slowCallbacks) if (ts >= from && ts < to) groups.set(head, [...(groups.get(head) ?? []), ms]);
  if (groups.size === 0) return;
  process.stdout.write('\nrAF callbacks ≥ 16 ms (10× steady state; with their microtasks)\n');
  for (const [head, list] of [...groups.entries()].sort((a, b) => b[1].length - a[1].length).slice(0, 6)) {
    list.sort((a, b) => a - b);
    process.stdout.write(`  ${String(list.length).padStart(4)} × max ${fmt(list.at(-1)!, 0)} ms · median ${fmt(list[list.length >> 1]!, 0)} ms · ${JSON.stringify(head)}\n`);
  }
}


/** One setOption of SLOW_DRAW_MS or more, as the client records it (client/src/kit/charts/stats.ts). */
export interface SlowDraw {
  at: number;
  ms: number;
  chart: string;
  width: number;
  height: number;
}

/** The frame queue's long tasks, by chart: which single redraws were 50 ms or more. */
export function printSlowDraws(draws: readonly SlowDraw[], from: number, to: number): void {
  const groups = new Map<string, SlowDraw[]>();
  for (const d of draws) if (d.at >= from && d.at < to) groups.set(d.chart, [...(groups.get(d.chart) ?? []), d]);
  process.stdout.write(`\nsingle chart redraws ≥ 50 ms (10× steady state, the draw call alone: setOption or a canvas paint): ${[...groups.values()].reduce((a, g) => a + g.length, 0)}\n`);
  for (const [chart, list] of [...groups.entries()].sort((a, b) => b[1].length - a[1].length)) {
    const ms = list.map((d) => d.ms).sort((a, b) => a - b);
    process.stdout.write(`  ${String(list.length).padStart(4)} × ${chart} (${list[0]!.width}×${list[0]!.height} CSS px) · ${ms.map((v) => fmt(v, 0)).join(', ')} ms\n`);
  }
}

/**
 * Long tasks and slow redraws against the renderer main thread's scheduling
 * (sched.ts): how many lost a third or more of their length waiting for a CPU.
 * Page times are converted with the page's timeOrigin.
 */
export function printSched(
  samples: readonly SchedSample[],
  timeOrigin: number,
  causes: readonly LongTaskCause[],
  draws: readonly SlowDraw[],
  from: number,
  to: number,
): { background: number; tasks: Array<{ cause: string; ms: number; sched: TaskSched | null }> } {
  const background = waitRate(samples, timeOrigin + from, timeOrigin + to);
  // Each task keeps its module on screen: printed apart from its wait/ran, a reader has to pair the two lists by order.
  const tasks = causes.map((c) => ({ cause: c.cause, ms: c.ms, onScreen: c.onScreen, sched: schedDuring(samples, timeOrigin + c.start, c.ms) }));
  process.stdout.write(`\nrenderer main thread during them (/proc schedstat, run-queue wait = runnable but not on a CPU)\n`);
  process.stdout.write(`  background: ${fmt(background, 1)} ms of run-queue wait per second over the 10× steady state\n`);
  const row = (label: string, list: ReadonlyArray<{ ms: number; onScreen?: LongTaskCause['onScreen']; sched: TaskSched | null }>): void => {
    const known = list.filter((x) => x.sched);
    if (known.length === 0) return;
    const lost = known.filter((x) => descheduled(x.sched!, x.ms));
    const one = (x: (typeof known)[number]): string =>
      `${fmt(x.ms, 0)} ms${x.onScreen ? ` (${x.onScreen.module} +${fmt(x.onScreen.sinceTurnMs / 1000, 1)} s)` : ''} ${fmt(x.sched!.waitMs, 0)}/${fmt(x.sched!.ranMs, 0)}`;
    process.stdout.write(
      `  ${String(lost.length).padStart(3)} of ${String(known.length).padEnd(3)} waited ≥ ⅓ of their length · ${label} · wait/ran in window: ${known.map(one).join(', ')} ms\n`,
    );
  };
  const groups = new Map<string, typeof tasks>();
  for (const t of tasks) groups.set(t.cause, [...(groups.get(t.cause) ?? []), t]);
  for (const [cause, list] of [...groups.entries()].sort((a, b) => b[1].length - a[1].length)) row(`long tasks: ${cause.slice(0, 60)}`, list);
  const inRun = draws.filter((d) => d.at >= from && d.at < to).map((d) => ({ ms: d.ms, sched: schedDuring(samples, timeOrigin + d.at, d.ms) }));
  row('single chart redraws ≥ 50 ms', inRun);
  return { background, tasks };
}

const MB = (bytes: number): string => `${fmt(bytes / 1048576, 2)} MB`;

/**
 * The tier-up ceiling at the start and end snapshots, and where the functions
 * optimised in between came from. Why: a growth rate extrapolated from a window says
 * nothing about where JIT growth stops; the warm and baseline functions V8 has not
 * optimised yet bound it, as long as the wall keeps running the same code paths
 * (newly optimised functions that were uncompiled or cold at the start are paths it
 * had not run, or had barely run, which no snapshot can foresee).
 */
export function headroomRows(a: readonly FunctionState[], b: readonly FunctionState[]): Array<[string, string, string]> {
  const row = (label: string, s: readonly FunctionState[]): [string, string, string] => {
    const h = tierHeadroom(s);
    return [
      label,
      `≤ ${MB(h.ceiling)} more`,
      `${h.candidates.count} warm or baseline functions not optimised (${fmt(h.candidates.bytecode / 1024, 0)} KB bytecode) × ${fmt(h.ratio, 1)} B of optimised code per bytecode byte (${h.optimised.count} functions optimised, ${MB(h.optimised.code)})`,
    ];
  };
  const from = newlyOptimisedFrom(a, b);
  const total = Object.values(from).reduce((t, v) => t + v.count, 0);
  const foreseen = from.warm.count + from.baseline.count;
  return [
    row('ceiling at start', a),
    row('ceiling at end', b),
    [
      'newly optimised in between',
      `${total} functions`,
      `${foreseen} were warm or baseline at start (${MB(from.warm.code + from.baseline.code)}) · ${from.cold.count} cold (${MB(from.cold.code)}) · ${from.uncompiled.count} uncompiled (${MB(from.uncompiled.code)})`,
    ],
  ];
}
