/**
 * In-page instrumentation for `pnpm bench wall`, injected with addInitScript so
 * the wall's own code is measured unmodified. It runs before any page script, so
 * socket.io, Vue, the store and zrender all pick up the wrapped functions.
 *
 * What one "update" costs on the main thread:
 * - the WebSocket message handlers that arrived since the previous frame
 *   (socket.io decode + the store's seq check and applyDelta), plus
 * - every requestAnimationFrame callback of the frame that repaints them, each
 *   with the microtasks it queued (the store's triggerRef → Vue's scheduler flush
 *   → component renders; useEChart's throttled setOption; number rolls; the
 *   fault ticker; zrender's own frame).
 * A frame is an "update frame" when the store's applied-delta counter moved.
 * Style, layout and paint are not JavaScript; the bench reports them separately
 * from the CDP Performance domain.
 */
import type { HeapGraph } from './heap-graph.js';
export const PROBE_SOURCE = `(() => {
  // Preallocated, so the probe itself adds nothing to the heap the bench measures:
  // a growing array of frames was ~1 MB per 5 minutes of 60 fps.
  const maxFrames = 400000;
  const probe = {
    frames: new Float64Array(maxFrames * 3), // frameTs, workMs, deltasApplied
    count: 0,
    longtasks: [],        // [startTime, duration]; a handful at most
    slowCallbacks: [],    // [frameTs, ms incl. microtasks, source head] of rAF callbacks >= 16 ms
    turns: [],            // [time, slot's active module] at every change: what was on screen for a long task
    msgMs: 0,
  };
  Object.defineProperty(window, '__wallProbe', { value: probe, configurable: true });

  // WebSocket message handlers: socket.io assigns ws.onmessage.
  const desc = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');
  Object.defineProperty(WebSocket.prototype, 'onmessage', {
    configurable: true,
    get() { return desc.get.call(this); },
    set(fn) {
      if (typeof fn !== 'function') return desc.set.call(this, fn);
      desc.set.call(this, function (ev) {
        const t0 = performance.now();
        try { return fn.call(this, ev); } finally { probe.msgMs += performance.now() - t0; }
      });
    },
  });

  // rAF callbacks, grouped by frame timestamp; the trailing microtask closes the
  // measurement after Vue's flush, which the callback queued first.
  const raf = window.requestAnimationFrame.bind(window);
  let frameTs = -1;
  let frameWork = 0;
  function closeFrame() {
    if (frameTs < 0) return;
    const deltas = window.__wall && window.__wall.counters ? window.__wall.counters.deltasApplied : 0;
    if (probe.count < maxFrames) {
      const i = probe.count++ * 3;
      probe.frames[i] = frameTs;
      probe.frames[i + 1] = frameWork + probe.msgMs;
      probe.frames[i + 2] = deltas;
    }
    probe.msgMs = 0;
    frameWork = 0;
    frameTs = -1;
  }
  window.requestAnimationFrame = function (cb) {
    return raf(function (ts) {
      if (ts !== frameTs) { closeFrame(); frameTs = ts; }
      const t0 = performance.now();
      try { cb(ts); } finally {
        queueMicrotask(() => {
          const ms = performance.now() - t0;
          frameWork += ms;
          // The LoAF entry names this wrapper, not the wall's callback: keep the
          // callback's own source head for the slow ones, to tell them apart.
          if (ms >= 16 && probe.slowCallbacks.length < 2000) probe.slowCallbacks.push([ts, ms, String(cb).slice(0, 90)]);
        });
      }
    });
  };
  // A frame with no later frame to close it (the page went idle): close on a timer.
  setInterval(() => { if (frameTs >= 0 && performance.now() - frameTs > 100) closeFrame(); }, 250);

  // A rotating slot names its module in data-active-module; a few hundred changes an hour.
  new MutationObserver((records) => {
    for (const r of records) probe.turns.push([performance.now(), r.target.getAttribute('data-active-module') || '']);
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-active-module'] });

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longtasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { /* longtask unsupported: reported as n/a */ }

  // Long animation frames over 50 ms, with the scripts that ran in them, so each long
  // task can be put down to a function (or to no script at all: GC, style, layout).
  // Only the long ones are kept, and at most 2,000, so the probe stays out of the heap fit.
  probe.loafs = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.duration <= 50 || probe.loafs.length >= 2000) continue;
        const scripts = [...e.scripts]
          .sort((a, b) => b.duration - a.duration)
          .slice(0, 3)
          .map((s) => ({
            invoker: String(s.invoker).slice(0, 80),
            fn: s.sourceFunctionName || '',
            url: (s.sourceURL || '').split('/').pop() || '',
            pos: s.sourceCharPosition,
            ms: Math.round(s.duration),
            forcedLayoutMs: Math.round(s.forcedStyleAndLayoutDuration),
          }));
        probe.loafs.push({
          start: e.startTime,
          ms: Math.round(e.duration),
          blockingMs: Math.round(e.blockingDuration),
          renderMs: e.renderStart > 0 ? Math.round(e.startTime + e.duration - e.renderStart) : 0,
          styleLayoutMs: e.styleAndLayoutStart > 0 ? Math.round(e.startTime + e.duration - e.styleAndLayoutStart) : 0,
          scriptMs: Math.round(e.scripts.reduce((a, s) => a + s.duration, 0)),
          scripts,
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch (e) { /* LoAF unsupported: no attribution */ }
})();`;

/** One long animation frame (> 50 ms) as the probe keeps it: its longest scripts, and how much was not script. */
export interface LoafEntry {
  start: number;
  ms: number;
  blockingMs: number;
  /** From renderStart to the frame's end: rAF callbacks, style, layout, paint. */
  renderMs: number;
  styleLayoutMs: number;
  scriptMs: number;
  scripts: Array<{ invoker: string; fn: string; url: string; pos: number; ms: number; forcedLayoutMs: number }>;
}

export interface ProbeDump {
  frames: Array<[number, number, number]>;
  longtasks: Array<[number, number]>;
  loafs: LoafEntry[];
  slowCallbacks: Array<[number, number, string]>;
  /** [page time, module] whenever a rotating slot turned (empty on a wall that does not rotate). */
  turns: Array<[number, string]>;
}

/** Why a long task happened, as far as the page can tell. */
export interface LongTaskCause {
  start: number;
  ms: number;
  /** `bench: forced GC` when it overlaps the bench's own HeapProfiler.collectGarbage; else the longest script, or what the frame spent its time on. */
  cause: string;
  /** The rotating slot's module when the task began, and ms since it turned in (absent without rotation). */
  onScreen?: { module: string; sinceTurnMs: number };
  loaf?: LoafEntry;
}

/**
 * Puts each long task in [from, to) down to a cause: the bench's forced GC (its
 * page-time windows, measured around the CDP call), else the long animation frame
 * that holds it and that frame's longest script. A task with no script in its frame
 * is the browser's own work (GC it chose, style, layout, paint).
 */
export function attributeLongTasks(d: ProbeDump, gcWindows: ReadonlyArray<readonly [number, number]>, from: number, to: number): LongTaskCause[] {
  const out: LongTaskCause[] = [];
  for (const [start, ms] of d.longtasks) {
    if (start < from || start >= to) continue;
    const turn = d.turns.findLast(([t]) => t <= start);
    const onScreen = turn ? { module: turn[1], sinceTurnMs: Math.round(start - turn[0]) } : undefined;
    // The task starts after the page answered "before" and ends by the time it answers "after".
    if (gcWindows.some(([a, b]) => start >= a - 1 && start <= b)) {
      out.push({ start, ms, cause: 'bench: forced GC (HeapProfiler.collectGarbage)', onScreen });
      continue;
    }
    const loaf = d.loafs.find((l) => start >= l.start - 1 && start <= l.start + l.ms);
    if (!loaf) {
      out.push({ start, ms, cause: 'no long animation frame recorded', onScreen });
      continue;
    }
    const top = loaf.scripts[0];
    const cause =
      top && top.ms >= ms / 2
        ? `script ${top.fn || '(anonymous)'} @ ${top.url}:${top.pos} via ${top.invoker}`
        : `not script: ${loaf.scriptMs} ms script, ${loaf.styleLayoutMs} ms style+layout of ${loaf.ms} ms frame`;
    out.push({ start, ms, cause, onScreen, loaf });
  }
  return out;
}

export interface FrameStats {
  updateFrames: number;
  otherFrames: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  otherP95: number;
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Per-update main-thread ms within [from, to) page time. */
export function frameStats(d: ProbeDump, from: number, to: number): FrameStats {
  const update: number[] = [];
  const other: number[] = [];
  let lastDeltas = -1;
  for (const [ts, work, deltas] of d.frames) {
    const moved = lastDeltas >= 0 && deltas > lastDeltas;
    lastDeltas = deltas;
    if (ts < from || ts >= to) continue;
    (moved ? update : other).push(work);
  }
  update.sort((a, b) => a - b);
  other.sort((a, b) => a - b);
  return {
    updateFrames: update.length,
    otherFrames: other.length,
    p50: pct(update, 50),
    p95: pct(update, 95),
    p99: pct(update, 99),
    max: update[update.length - 1] ?? NaN,
    otherP95: pct(other, 95),
  };
}

export function longTasksIn(d: ProbeDump, from: number, to: number): { count: number; perMin: number; maxMs: number } {
  const hits = d.longtasks.filter(([t]) => t >= from && t < to);
  const minutes = (to - from) / 60_000;
  return { count: hits.length, perMin: minutes > 0 ? hits.length / minutes : NaN, maxMs: Math.max(0, ...hits.map((h) => h[1])) };
}

/** Least-squares slope of y over x. */
export function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}

/** Self size by category of one heap snapshot (V8's JSON format), for the code/data split. */
export interface HeapSummary {
  /** Compiled code and bytecode: grows while V8 tiers up hot functions, then plateaus. */
  codeBytes: number;
  dataBytes: number;
  byName: Map<string, { count: number; bytes: number }>;
}

/** Code/data split and self size by type and name, over a parsed snapshot (heap-graph.ts parses once). */
export function summarizeSnapshot(g: HeapGraph): HeapSummary {
  const out: HeapSummary = { codeBytes: 0, dataBytes: 0, byName: new Map() };
  for (let i = 0; i < g.count; i++) {
    const n = g.node(i);
    if (n.type === 'code') out.codeBytes += n.size;
    else out.dataBytes += n.size;
    // Code is keyed by name too, so a run can tell JIT tier-up (a few hot functions)
    // from a leak of compiled functions (the same names piling up).
    const named = n.type === 'object' || n.type === 'closure' || n.type === 'code';
    const key = named ? `${n.type} ${n.name.slice(0, 48)}` : `(${n.type})`;
    const e = out.byName.get(key) ?? { count: 0, bytes: 0 };
    e.count++;
    e.bytes += n.size;
    out.byName.set(key, e);
  }
  return out;
}

/** The categories that grew most between two summaries; `code` picks compiled code only, or everything else. */
export function topGrowth(a: HeapSummary, b: HeapSummary, n = 5, code = false): Array<{ key: string; count: number; bytes: number }> {
  return [...b.byName.entries()]
    .map(([key, v]) => ({ key, count: v.count - (a.byName.get(key)?.count ?? 0), bytes: v.bytes - (a.byName.get(key)?.bytes ?? 0) }))
    .filter((x) => x.key.startsWith('code ') === code)
    .sort((x, y) => y.bytes - x.bytes)
    .slice(0, n);
}
