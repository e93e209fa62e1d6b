/**
 * Pure helpers for `pnpm bench coverage`: V8's per-function call counts (CDP
 * precise coverage) taken window by window, each function's own size, and where
 * in the sources (through the build's source maps) the functions come from.
 *
 * Why: the 4K heap growth is V8 optimising functions one by one, for hours. V8
 * optimises a function once it has run enough of its bytecode, so a function
 * called thousands of times a minute is optimised in the first minutes and one
 * called a few times a minute only after an hour or more. Which functions sit in
 * that slow band, how big they are, and which code they belong to is what says
 * whether anything in the wall can shrink the growth.
 */

/** One function of a CDP `Profiler.takePreciseCoverage` result, with `detailed: false`. */
export interface FunctionCoverage {
  functionName: string;
  ranges: Array<{ startOffset: number; endOffset: number; count: number }>;
}

export interface ScriptCoverage {
  url: string;
  functions: FunctionCoverage[];
}

/** One function across every window of a run. */
export interface FunctionCalls {
  url: string;
  name: string;
  start: number;
  end: number;
  /** Source characters of the function less its nested functions: the part its own bytecode is compiled from. */
  own: number;
  /** Calls in each measured window (0 where it did not run). */
  calls: number[];
}

/**
 * Each function's own size: its range less the ranges of the functions directly
 * inside it. Ranges of one script nest (V8 reports every function literal by its
 * source range), so one pass over them sorted by start, with a stack, finds each
 * function's parent.
 */
export function ownSizes(ranges: ReadonlyArray<{ start: number; end: number }>): number[] {
  const order = ranges.map((_, i) => i).sort((a, b) => ranges[a]!.start - ranges[b]!.start || ranges[b]!.end - ranges[a]!.end);
  const own = ranges.map((r) => r.end - r.start);
  const stack: number[] = [];
  for (const i of order) {
    const r = ranges[i]!;
    while (stack.length && ranges[stack[stack.length - 1]!]!.end <= r.start) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent !== undefined && r.end <= ranges[parent]!.end) own[parent]! -= r.end - r.start;
    stack.push(i);
  }
  return own;
}

/**
 * Adds one window's coverage to the run's per-function table. `keep` says which
 * scripts count (the wall's own bundle, not the bench's evaluate calls). The
 * top-level script function (offset 0 to the end) runs once at load and is skipped.
 */
export function addWindow(
  table: Map<string, FunctionCalls>,
  window: number,
  windows: number,
  coverage: readonly ScriptCoverage[],
  keep: (url: string) => boolean,
): void {
  for (const s of coverage) {
    if (!keep(s.url)) continue;
    const fns = s.functions.filter((f) => f.ranges.length > 0 && f.ranges[0]!.startOffset > 0);
    const own = ownSizes(fns.map((f) => ({ start: f.ranges[0]!.startOffset, end: f.ranges[0]!.endOffset })));
    fns.forEach((f, k) => {
      const r = f.ranges[0]!;
      if (r.count === 0) return;
      const key = `${s.url}#${r.startOffset}`;
      let row = table.get(key);
      if (!row) {
        row = { url: s.url, name: f.functionName, start: r.startOffset, end: r.endOffset, own: own[k]!, calls: new Array<number>(windows).fill(0) };
        table.set(key, row);
      }
      row.calls[window]! += r.count;
    });
  }
}

/** Offsets of each line's first character, for offset → (line, column). */
export function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) out.push(i + 1);
  return out;
}

/** 1-based line and 0-based column, as source maps count them. */
export function lineColumn(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! };
}

/**
 * A source path from a source map, as the part of the code it belongs to:
 * `echarts/lib/chart/line`, `zrender/lib/graphic`, `@vue/runtime-core`,
 * `client/src/modules`. Packages are named by their name and, for ECharts and
 * zrender, the two folders under lib/ that say which feature it is.
 */
export function sourceGroup(source: string): string {
  const s = source.replace(/\\/g, '/');
  const nm = s.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = s.slice(nm + 'node_modules/'.length).split('/');
    const pkg = parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
    const rest = parts.slice(pkg.split('/').length);
    if ((pkg === 'echarts' || pkg === 'zrender') && rest[0] === 'lib') {
      const dirs = rest.slice(1, -1).slice(0, 2);
      return [pkg, 'lib', ...dirs].join('/');
    }
    return pkg;
  }
  const src = s.indexOf('src/');
  if (src >= 0) {
    const parts = s.slice(src).split('/');
    return `client/${parts.slice(0, Math.min(3, parts.length - 1)).join('/')}`;
  }
  return s || '(unmapped)';
}

/** Calls-per-minute bands, high to low; the lower bound is inclusive. */
export const BANDS: ReadonlyArray<{ label: string; min: number }> = [
  { label: '≥ 1,000 / min', min: 1000 },
  { label: '100–1,000 / min', min: 100 },
  { label: '10–100 / min', min: 10 },
  { label: '1–10 / min', min: 1 },
  { label: '< 1 / min', min: 0 },
];

export function bandOf(perMin: number): number {
  const i = BANDS.findIndex((b) => perMin >= b.min);
  return i < 0 ? BANDS.length - 1 : i;
}

export interface GroupRow {
  group: string;
  functions: number;
  /** Own source characters of those functions. */
  own: number;
  callsPerMin: number;
  /** Functions per band (index as BANDS). */
  byBand: number[];
  ownByBand: number[];
  /** Functions that ran in fewer than half the windows: driven by events (a turn, a drill-down), not by every update. */
  intermittent: number;
}

/** Per source group: how many functions ran, how often, and how big they are. */
export function groupRows(rows: readonly FunctionCalls[], minutes: number, groupOf: (f: FunctionCalls) => string): GroupRow[] {
  const out = new Map<string, GroupRow>();
  for (const f of rows) {
    const total = f.calls.reduce((a, b) => a + b, 0);
    if (total === 0) continue;
    const g = groupOf(f);
    let r = out.get(g);
    if (!r) {
      r = { group: g, functions: 0, own: 0, callsPerMin: 0, byBand: BANDS.map(() => 0), ownByBand: BANDS.map(() => 0), intermittent: 0 };
      out.set(g, r);
    }
    const perMin = total / minutes;
    const b = bandOf(perMin);
    r.functions++;
    r.own += f.own;
    r.callsPerMin += perMin;
    r.byBand[b]!++;
    r.ownByBand[b]! += f.own;
    if (f.calls.filter((c) => c > 0).length * 2 < f.calls.length) r.intermittent++;
  }
  return [...out.values()];
}
