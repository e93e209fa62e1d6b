/** What `BENCH_WALL_THREADS=1 pnpm bench wall` prints about who had the CPUs (threads.ts). */
import { fmt, table } from './common.js';
import { aroundTurns, groupsDuring, type GroupSamples, type WindowSplit } from './threads.js';
import type { LongTaskCause } from './wall-probe.js';

/**
 * A turn's extra work (style, layout, raster and compositing of the pane that came on)
 * falls in its first 2 s (PERFORMANCE.md); the 2 s before it are when the next pane warms.
 */
const AFTER_TURN_MS = 2_000;

export interface ThreadsOut {
  aroundTurns: ReturnType<typeof aroundTurns>;
  tasks: Array<{ ms: number; cause: string; onScreen?: LongTaskCause['onScreen']; split: WindowSplit | null }>;
}

/** Page times are converted with the page's timeOrigin; `turns` are the probe's [page ms, module] records. */
export function printThreads(
  s: GroupSamples,
  timeOrigin: number,
  causes: readonly LongTaskCause[],
  turns: ReadonlyArray<readonly [number, string]>,
  from: number,
  to: number,
): ThreadsOut {
  const around = aroundTurns(s, turns.map(([t]) => timeOrigin + t), AFTER_TURN_MS, timeOrigin + from, timeOrigin + to).sort(
    (a, b) => b.afterTurn - a.afterTurn,
  );
  table(
    `CPU by thread group, 10× steady state (/proc schedstat every 50 ms; ms of CPU per second in the ${AFTER_TURN_MS / 1000} s before a turn, the ${AFTER_TURN_MS / 1000} s after it, and otherwise)`,
    around
      .slice(0, 12)
      .map((r): [string, string, string, string] => [r.group, `${fmt(r.beforeTurn, 0)} before`, `${fmt(r.afterTurn, 0)} after`, `${fmt(r.otherwise, 0)} otherwise`]),
  );
  const tasks = causes.map((c) => ({ ms: c.ms, cause: c.cause, onScreen: c.onScreen, split: groupsDuring(s, timeOrigin + c.start, c.ms) }));
  process.stdout.write('\nlong tasks: who had the CPUs in their window (ms of CPU; 2 cores give twice the window)\n');
  for (const t of tasks) {
    const where = t.onScreen ? ` ${t.onScreen.module} +${fmt(t.onScreen.sinceTurnMs / 1000, 1)} s` : '';
    const split = t.split
      ? `window ${fmt(t.split.windowMs, 0)} ms, machine busy ${fmt(t.split.machineBusyMs, 0)} · ${t.split.byGroup
          .filter(([, v]) => v >= 1)
          .slice(0, 7)
          .map(([g, v]) => `${g} ${fmt(v, 0)}`)
          .join(' · ')}`
      : 'outside the samples';
    process.stdout.write(`  ${fmt(t.ms, 0)} ms${where} (${t.cause.slice(0, 40)}): ${split}\n`);
  }
  return { aroundTurns: around, tasks };
}
