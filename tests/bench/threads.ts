/**
 * Who had the CPUs while the renderer's main thread waited? (BENCH_WALL_THREADS=1)
 *
 * sched.ts says a long task was mostly a wait for a CPU. On a 2-core machine the
 * CPUs were then held by someone else, and the candidates differ in what would help:
 * Chromium's raster workers and compositor drawing a pane that just came on screen,
 * the GPU process compositing it (software, with --disable-gpu), the server, the
 * feeds, or a service of the machine. This samples every thread of Chromium, the
 * server and the feeds (`/proc/<pid>/task/<tid>/schedstat`, run ns) and the
 * machine's busy time (`/proc/stat`), sums them into named groups, and splits a
 * long task's window by group.
 *
 * Opt-in, because reading ~150 files every 50 ms costs the bench process a few
 * per cent of a core: a run that measures the targets runs without it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { chromiumRole, readSchedstat, sampleEvery } from './sched.js';

/** Cumulative CPU ms per group at each sample: `rows[i] = [epoch ms, machine busy ms, ...group ms in `groups` order]`. */
export interface GroupSamples {
  groups: string[];
  rows: number[][];
}

/**
 * The group of one thread. Chromium's threads are told apart by name, with the
 * numbers of a pool dropped (`CompositorTileWorker1` and `…2`, cut by the kernel to
 * 15 characters as `CompositorTileW`, are one group: raster). Node's threads (the
 * main one, libuv's pool, V8's GC helpers) all work for the one process, so the
 * server, the feeds and the bench are one group each.
 */
export function threadGroup(role: string, isMain: boolean, comm: string): string {
  if (role === 'server' || role === 'feeds' || role === 'bench') return role;
  if (isMain) return `${role}: main`;
  const name = comm.trim().replace(/[\d/]+$/, '');
  if (name.startsWith('CompositorTile')) return `${role}: raster`;
  return `${role}: ${name || 'thread'}`;
}

/** Busy jiffies of all CPUs from the `cpu` line of /proc/stat: everything but idle and iowait. */
export function busyJiffies(stat: string): number {
  const line = stat.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return NaN;
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest is counted inside user).
  return (f[0] ?? 0) + (f[1] ?? 0) + (f[2] ?? 0) + (f[5] ?? 0) + (f[6] ?? 0) + (f[7] ?? 0);
}

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

interface Tracked {
  pid: number;
  tid: number;
  group: number;
  lastNs: number;
}

/**
 * Samples every `everyMs` until stopped. Processes are re-found every 2 s and
 * threads every second, so a restarted GPU process or a new pool thread is counted;
 * a thread first seen after the start counts its whole run time then (it was born
 * since the last scan, at most a second ago; a restarted process's threads are new).
 */
export function startThreadSampler(pidsNow: () => { server: number; feeds?: number | undefined }, everyMs = 50): { stop: () => GroupSamples } {
  const groups: string[] = [];
  const groupIndex = new Map<string, number>();
  const idOf = (name: string): number => {
    let i = groupIndex.get(name);
    if (i === undefined) {
      i = groups.length;
      groups.push(name);
      groupIndex.set(name, i);
    }
    return i;
  };
  const totals: number[] = [];
  const tracked = new Map<number, Tracked>();
  let procs: Array<{ pid: number; role: string }> = [];
  let lastProcScan = 0;
  let lastThreadScan = 0;
  const rows: number[][] = [];

  const scanProcs = (): void => {
    // The bench restarts the feeds at 10×: their pid is read at every scan.
    const pids = pidsNow();
    // The bench's own process (Playwright's client, the samplers) is on the same two cores.
    const out: Array<{ pid: number; role: string }> = [
      { pid: pids.server, role: 'server' },
      { pid: process.pid, role: 'bench' },
    ];
    if (pids.feeds !== undefined) out.push({ pid: pids.feeds, role: 'feeds' });
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      const cmd = read(`/proc/${name}/cmdline`);
      const role = cmd === null ? null : chromiumRole(cmd);
      if (role) out.push({ pid: Number(name), role });
    }
    procs = out;
  };
  const scanThreads = (): void => {
    for (const { pid, role } of procs) {
      let tids: string[];
      try {
        tids = readdirSync(`/proc/${pid}/task`);
      } catch {
        continue;
      }
      for (const t of tids) {
        const tid = Number(t);
        if (tracked.has(tid)) continue;
        const comm = read(`/proc/${pid}/task/${tid}/comm`) ?? '';
        const run = readSchedstat(pid, tid)?.[1];
        if (run === undefined) continue;
        const group = idOf(threadGroup(role, tid === pid, comm));
        // Born since the last sample: its run time so far belongs to this span.
        if (rows.length > 0) totals[group] = (totals[group] ?? 0) + run / 1e6;
        tracked.set(tid, { pid, tid, group, lastNs: run });
      }
    }
  };
  const take = (): void => {
    const now = Date.now();
    if (now - lastProcScan >= 2000) {
      scanProcs();
      lastProcScan = now;
    }
    if (now - lastThreadScan >= 1000) {
      scanThreads();
      lastThreadScan = now;
    }
    for (const t of tracked.values()) {
      const run = readSchedstat(t.pid, t.tid)?.[1];
      if (run === undefined) {
        tracked.delete(t.tid);
        continue;
      }
      totals[t.group] = (totals[t.group] ?? 0) + (run - t.lastNs) / 1e6;
      t.lastNs = run;
    }
    const stat = read('/proc/stat');
    // USER_HZ is 100: a jiffy is 10 ms.
    const busy = stat === null ? NaN : busyJiffies(stat) * 10;
    rows.push([now, busy, ...groups.map((_, i) => totals[i] ?? 0)]);
  };
  const stop = sampleEvery(take, everyMs);
  return {
    stop: () => {
      stop();
      // Rows taken before a group was first seen are shorter: pad them with zeros.
      return { groups: [...groups], rows: rows.map((r) => [...r, ...new Array<number>(2 + groups.length - r.length).fill(0)]) };
    },
  };
}

/** CPU ms per group in the smallest sampled window around [startMs, startMs + ms) (epoch ms). */
export interface WindowSplit {
  windowMs: number;
  /** All CPUs' busy time from /proc/stat (10 ms resolution). */
  machineBusyMs: number;
  /** Groups by CPU ms in the window, largest first, then what the machine was busy with outside them. */
  byGroup: Array<[string, number]>;
}

export function groupsDuring(s: GroupSamples, startMs: number, ms: number): WindowSplit | null {
  const end = startMs + ms;
  let a = -1;
  for (let i = 0; i < s.rows.length && s.rows[i]![0]! <= startMs; i++) a = i;
  if (a < 0) return null;
  let b = a;
  while (b < s.rows.length && s.rows[b]![0]! < end) b++;
  if (b >= s.rows.length) return null;
  return split(s, s.rows[a]!, s.rows[b]!);
}

function split(s: GroupSamples, r0: number[], r1: number[]): WindowSplit {
  const byGroup: Array<[string, number]> = s.groups.map((g, i) => [g, r1[2 + i]! - r0[2 + i]!]);
  const machineBusyMs = r1[1]! - r0[1]!;
  const known = byGroup.reduce((x, [, v]) => x + v, 0);
  byGroup.push(['rest of the machine', Math.max(0, machineBusyMs - known)]);
  byGroup.sort((x, y) => y[1] - x[1]);
  return { windowMs: r1[0]! - r0[0]!, machineBusyMs, byGroup };
}

/**
 * CPU ms per second of each group in the `spanMs` before each turn, in the `spanMs`
 * after it, and outside both, over [fromMs, toMs) (epoch ms): what a turn makes
 * Chromium do, and whether a warming pane moved some of it ahead of the turn.
 */
export function aroundTurns(
  s: GroupSamples,
  turnsMs: readonly number[],
  spanMs: number,
  fromMs: number,
  toMs: number,
): Array<{ group: string; beforeTurn: number; afterTurn: number; otherwise: number }> {
  const n = s.groups.length + 1;
  const kinds = ['before', 'after', 'otherwise'] as const;
  const sums = { before: new Array<number>(n).fill(0), after: new Array<number>(n).fill(0), otherwise: new Array<number>(n).fill(0) };
  // The machine's busy time has 10 ms resolution: the rest is taken from the sums, not per sample.
  const busy = { before: 0, after: 0, otherwise: 0 };
  const span = { before: 0, after: 0, otherwise: 0 };
  const sorted = [...turnsMs].sort((x, y) => x - y);
  for (let i = 1; i < s.rows.length; i++) {
    const r0 = s.rows[i - 1]!;
    const r1 = s.rows[i]!;
    const mid = (r0[0]! + r1[0]!) / 2;
    if (mid < fromMs || mid >= toMs) continue;
    const last = sorted.findLast((t) => t <= mid);
    const next = sorted.find((t) => t > mid);
    const kind = last !== undefined && mid - last < spanMs ? 'after' : next !== undefined && next - mid <= spanMs ? 'before' : 'otherwise';
    for (let g = 0; g < s.groups.length; g++) sums[kind][g]! += r1[2 + g]! - r0[2 + g]!;
    busy[kind] += r1[1]! - r0[1]!;
    span[kind] += r1[0]! - r0[0]!;
  }
  for (const k of kinds) sums[k][n - 1] = Math.max(0, busy[k] - sums[k].slice(0, n - 1).reduce((x, v) => x + v, 0));
  const rate = (k: (typeof kinds)[number], g: number): number => (span[k] > 0 ? (sums[k][g]! / span[k]) * 1000 : NaN);
  return [...s.groups, 'rest of the machine'].map((group, g) => ({
    group,
    beforeTurn: rate('before', g),
    afterTurn: rate('after', g),
    otherwise: rate('otherwise', g),
  }));
}
