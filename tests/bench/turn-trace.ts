/**
 * `pnpm bench turn-trace [--turns 5]`: what the renderer's main thread does around a
 * rotation turn at 3840×2160. A diagnostic, not a measurement against a target.
 *
 * Why: in the 90-minute 4K wall run, 21 of 47 long tasks began within a second after
 * a 30-second turn, and the long-task observer filed half of them under "no long
 * animation frame recorded", which names no script. A Chromium trace does name the
 * work. It does not give a timing for the target, because tracing slows the page.
 * For each turn this prints the main-thread tasks of 8 ms or more from 3 s before the
 * turn (the next module warms up, and its charts draw, in the 2 s before it) to 2.5 s
 * after it, each split into script (and which chunk), style, layout, paint, commit and GC.
 *
 * Same server, seeded hour and 10× feeds as `pnpm bench wall`; the first 150 s are
 * not traced, so every module has had a turn and is mounted.
 */
import { arg, fmt, sleep } from './common.js';
import { traceTimeline, withTurningWall } from './turn-page.js';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  /** Microseconds. */
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { functionName?: string; url?: string } };
}

const TURNS = Number(arg('turns') ?? 5);
if (!Number.isInteger(TURNS) || TURNS < 1) {
  console.error('usage: pnpm bench turn-trace [--turns N]  (N a whole number ≥ 1)');
  process.exit(2);
}
/**
 * The window reported around each turn. Before: takes in the warm-up (ModuleSlot's
 * WARM_MS, 2 s), when the next module's charts draw. After: how long tracing goes on
 * once the turn is seen.
 */
const BEFORE_MS = 3_000;
const AFTER_MS = 2_500;
/** Work inside a task worth naming, by trace event name. */
const PARTS = ['FunctionCall', 'TimerFire', 'FireAnimationFrame', 'RunMicrotasks', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'MinorGC', 'MajorGC'];

function report(turn: number, events: TraceEvent[]): void {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) {
    console.log(`turn ${turn}: no renderer main thread in the trace`);
    return;
  }
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
  const end = Math.max(...onMain.map((e) => e.ts + e.dur!));
  // The turn was seen within 100 ms of happening, then AFTER_MS were traced: the turn is ≈ `end - AFTER_MS`.
  const turnAt = end - AFTER_MS * 1000;
  const tasks = onMain.filter((e) => e.name === 'RunTask' && e.dur! >= 8_000 && e.ts >= turnAt - BEFORE_MS * 1000);
  console.log(`\nturn ${turn}: ${tasks.length} main-thread tasks ≥ 8 ms from ~${BEFORE_MS / 1000} s before the turn to ${AFTER_MS / 1000} s after`);
  for (const task of tasks) {
    const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur!);
    const by = new Map<string, number>();
    for (const e of inside) if (PARTS.includes(e.name)) by.set(e.name, (by.get(e.name) ?? 0) + e.dur! / 1000);
    const calls = inside
      .filter((e) => e.name === 'FunctionCall' && e.dur! >= 2_000)
      .map((e) => `${fmt(e.dur! / 1000, 1)} ms in ${(e.args?.data?.url ?? '').replace(/^.*\//, '') || '?'}`);
    const parts = [...by].filter(([, ms]) => ms >= 0.5).map(([k, ms]) => `${k} ${fmt(ms, 1)}`);
    console.log(`  ${fmt((task.ts - turnAt) / 1000, 0).padStart(6)} ms  task ${fmt(task.dur! / 1000, 1).padStart(5)} ms · ${parts.join(' · ')}${calls.length ? ` · script: ${calls.join(', ')}` : ''}`);
  }
}

await withTurningWall(async ({ activeNow, waitTurn, cdp }) => {
  console.log('pnpm bench turn-trace: 3840×2160 ?layout=4k, feeds at 10×; 150 s for every module to have had a turn, then tracing');
  await sleep(150_000);
  // Time is given in ms from the turn (0 ≈ when the page was seen to turn; polled every 100 ms).
  for (let t = 1; t <= TURNS; t++) {
    const before = await activeNow();
    report(t, await traceTimeline<TraceEvent>(cdp, async () => {
      await waitTurn(before, 100);
      await sleep(AFTER_MS);
    }));
  }
  console.log('\nTimes are under tracing, which slows script; read them for where the time goes, not as figures against a target.');
});
