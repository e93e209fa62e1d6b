/**
 * Was the renderer's main thread working, or waiting for a CPU, during a long task?
 *
 * The page can only see that a task took 60 ms on its clock. On a 2-core machine
 * that also runs the server and the 10× feeds, a task can take 60 ms because the
 * kernel gave the core to another process for 40 of them. Linux keeps, per thread,
 * the time spent running and the time spent runnable but waiting on a run queue
 * (`/proc/<pid>/task/<tid>/schedstat`: run ns, wait ns, slices). Sampling both every
 * few tens of ms and lining the samples up with each long task tells the two apart,
 * without tracing (which at 10× for half an hour would be hundreds of MB).
 * The kernel folds a running thread's time into these counters at scheduler ticks
 * and switches, so a sample can lag by one tick (a few ms): small beside a 50 ms task.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** [epoch ms, cumulative run ns, cumulative run-queue wait ns] of one thread. */
export type SchedSample = readonly [number, number, number];

/** Where a long task's time went, from the samples that bracket it. */
export interface TaskSched {
  /** Span between the bracketing samples: the task plus up to one sample period on each side. */
  windowMs: number;
  /** The thread ran this long in the window (may include other tasks in the window). */
  ranMs: number;
  /** The thread was runnable but waiting for a CPU this long in the window. */
  waitMs: number;
}

/**
 * The renderer process of the page: Chromium's processes whose command line has
 * `--type=renderer`, and of those the one that has used the most CPU (a spare
 * renderer sits idle). Its main thread's tid is its pid.
 */
export function findRendererPid(): number | null {
  let best: { pid: number; cpu: number } | null = null;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer') || cmd.includes('--extension-process')) continue;
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cpu = Number(rest[11]) + Number(rest[12]);
      if (!best || cpu > best.cpu) best = { pid: Number(name), cpu };
    } catch {
      // The process ended while we looked.
    }
  }
  return best?.pid ?? null;
}

export function readSchedstat(pid: number, tid = pid): SchedSample | null {
  try {
    const [run, wait] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    return run === undefined || wait === undefined ? null : [Date.now(), run, wait];
  } catch {
    return null;
  }
}

/**
 * Calls `take` now and every `everyMs`; the returned stop ends it with one last call,
 * so the samples bracket the whole span. A bench that throws must still exit: the
 * timer never holds the process open.
 */
export function sampleEvery(take: () => void, everyMs: number): () => void {
  take();
  const timer = setInterval(take, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    take();
  };
}

/** Samples the thread every `everyMs` until stopped; 36,000 samples for half an hour at 50 ms. */
export function startSchedSampler(pid: number, everyMs = 50): { stop: () => SchedSample[] } {
  const out: SchedSample[] = [];
  const stop = sampleEvery(() => {
    const s = readSchedstat(pid);
    if (s) out.push(s);
  }, everyMs);
  return {
    stop: () => {
      stop();
      return out;
    },
  };
}

/**
 * The run and wait time in the smallest sampled window that contains
 * [startMs, startMs + ms) (epoch ms). Null when the samples do not cover it.
 */
export function schedDuring(samples: readonly SchedSample[], startMs: number, ms: number): TaskSched | null {
  const end = startMs + ms;
  let a = -1;
  for (let i = 0; i < samples.length && samples[i]![0] <= startMs; i++) a = i;
  if (a < 0) return null;
  let b = a;
  while (b < samples.length && samples[b]![0] < end) b++;
  if (b >= samples.length) return null;
  const s0 = samples[a]!;
  const s1 = samples[b]!;
  return { windowMs: s1[0] - s0[0], ranMs: (s1[1] - s0[1]) / 1e6, waitMs: (s1[2] - s0[2]) / 1e6 };
}

/** Run-queue wait of the thread per second of wall time over [fromMs, toMs): the background rate a task's wait compares with. */
export function waitRate(samples: readonly SchedSample[], fromMs: number, toMs: number): number {
  const inside = samples.filter((s) => s[0] >= fromMs && s[0] < toMs);
  if (inside.length < 2) return NaN;
  const first = inside[0]!;
  const last = inside[inside.length - 1]!;
  return (last[2] - first[2]) / 1e6 / ((last[0] - first[0]) / 1000);
}

/**
 * A long task whose window holds run-queue wait of at least a third of the task
 * lost that time to other processes, not to its own work. A third, because the
 * window is wider than the task: a task that waited less than that may still have
 * been slowed, but the page's own work is then the larger part of it.
 */
export function descheduled(t: TaskSched, taskMs: number): boolean {
  return t.waitMs >= taskMs / 3;
}

/** Chromium's role of a process from its command line, or null when it is not Chromium's. */
export function chromiumRole(cmdline: string): 'browser' | 'renderer' | 'gpu' | 'utility' | null {
  if (!cmdline.startsWith('/usr/lib/chromium/') && !cmdline.startsWith('/usr/bin/chromium')) return null;
  const type = /--type=([a-z-]+)/.exec(cmdline)?.[1];
  if (!type) return 'browser';
  if (type === 'gpu-process') return 'gpu';
  return type === 'renderer' ? 'renderer' : 'utility';
}

/** Who used the CPU during a bench phase: the renderer's main thread waits whenever these fill both cores. */
const ROLES = ['renderer', 'gpu process', 'browser and utilities', 'server', 'feeds'] as const;
export type ProcRole = (typeof ROLES)[number];

/**
 * Cumulative CPU ms (user + system) per role, from /proc/<pid>/stat. Chromium's
 * processes are found by their `--type=` switch, so a renderer or GPU process that
 * restarts is still counted; the server and feeds by the pids the bench started.
 * USER_HZ is 100 on every Linux this runs on (the kernel's ABI, not CONFIG_HZ).
 */
export function cpuByRole(pids: { server: number; feeds: number | undefined }): Map<ProcRole, number> {
  const out = new Map<ProcRole, number>();
  const add = (role: ProcRole, pid: number): void => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(role, (out.get(role) ?? 0) + (Number(rest[11]) + Number(rest[12])) * 10);
    } catch {
      // The process ended while we looked.
    }
  };
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    const role = chromiumRole(cmd);
    if (role) add(role === 'renderer' ? 'renderer' : role === 'gpu' ? 'gpu process' : 'browser and utilities', Number(name));
  }
  add('server', pids.server);
  if (pids.feeds !== undefined) add('feeds', pids.feeds);
  return out;
}

/** Share of one core per role between two `cpuByRole` readings `ms` apart. */
export function cpuShares(a: Map<ProcRole, number>, b: Map<ProcRole, number>, ms: number): Array<[ProcRole, number]> {
  return ROLES.map((r) => [r, ms > 0 ? ((b.get(r) ?? 0) - (a.get(r) ?? 0)) / ms : NaN]);
}
