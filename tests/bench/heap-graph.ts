/**
 * A V8 heap snapshot (the JSON Chromium's HeapProfiler writes) as an indexed graph,
 * and the two questions the wall's heap figure needs answered:
 *   - which compiled code is baseline (Sparkplug, hung off a SharedFunctionInfo) and
 *     which is optimised (Maglev/TurboFan, hung off a closure), so JIT tier-up can be
 *     told from a leak of compiled functions;
 *   - which objects in a later snapshot are new (their ids were not in the earlier
 *     one) and survived a forced GC, grouped by type with one retainer path each.
 * Snapshot ids are stable for the life of a page, so "new" means allocated between
 * the two snapshots and still reachable.
 */

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]]; location_fields?: string[] } };
  nodes: number[];
  edges: number[];
  strings: string[];
  /** Where each function object's source starts (Chromium writes these; hand-built snapshots may not). */
  locations?: number[];
}

export interface HeapNode {
  index: number;
  type: string;
  name: string;
  id: number;
  size: number;
}

export interface HeapEdge {
  type: string;
  name: string;
  /** The node at the other end: the target for children(), the holder for parents(). */
  node: number;
}

export interface HeapGraph {
  count: number;
  node(i: number): HeapNode;
  children(i: number): HeapEdge[];
  parents(i: number): HeapEdge[];
  /** Where a closure's source starts: 0-based line and column in its script, as V8 records them. */
  location(i: number): { line: number; column: number } | undefined;
}

export function parseHeapSnapshot(json: string): HeapGraph {
  const s = JSON.parse(json) as RawSnapshot;
  const m = s.snapshot.meta;
  const nf = m.node_fields.length;
  const ef = m.edge_fields.length;
  const count = s.nodes.length / nf;
  const iType = m.node_fields.indexOf('type');
  const iName = m.node_fields.indexOf('name');
  const iId = m.node_fields.indexOf('id');
  const iSize = m.node_fields.indexOf('self_size');
  const iEdges = m.node_fields.indexOf('edge_count');
  const nodeTypes = m.node_types[0];
  const edgeTypes = m.edge_types[0];
  // Edges are stored per node in node order; first[i] is node i's first edge offset.
  const first = new Uint32Array(count + 1);
  for (let i = 0; i < count; i++) first[i + 1] = first[i]! + s.nodes[i * nf + iEdges]! * ef;
  // Reverse index (CSR): for each node, the edge offsets that point at it.
  const revStart = new Uint32Array(count + 1);
  for (let e = 0; e < s.edges.length; e += ef) revStart[s.edges[e + 2]! / nf + 1]!++;
  for (let i = 0; i < count; i++) revStart[i + 1]! += revStart[i]!;
  const fill = revStart.slice(0, count);
  const revEdge = new Uint32Array(s.edges.length / ef);
  const revFrom = new Uint32Array(s.edges.length / ef);
  for (let i = 0; i < count; i++) {
    for (let e = first[i]!; e < first[i + 1]!; e += ef) {
      const to = s.edges[e + 2]! / nf;
      const k = fill[to]!++;
      revEdge[k] = e;
      revFrom[k] = i;
    }
  }
  const where = new Map<number, { line: number; column: number }>();
  const lf = m.location_fields ?? [];
  if (s.locations && lf.length) {
    const [iObj, iLine, iCol] = [lf.indexOf('object_index'), lf.indexOf('line'), lf.indexOf('column')];
    for (let k = 0; k < s.locations.length; k += lf.length) where.set(s.locations[k + iObj]! / nf, { line: s.locations[k + iLine]!, column: s.locations[k + iCol]! });
  }
  const edgeName = (e: number): string => {
    const t = edgeTypes[s.edges[e]!]!;
    // element and hidden edges carry an index, the rest a string-table offset.
    return t === 'element' || t === 'hidden' ? String(s.edges[e + 1]) : String(s.strings[s.edges[e + 1]!]);
  };
  return {
    count,
    node: (i) => ({
      index: i,
      type: nodeTypes[s.nodes[i * nf + iType]!]!,
      name: String(s.strings[s.nodes[i * nf + iName]!]),
      id: s.nodes[i * nf + iId]!,
      size: s.nodes[i * nf + iSize]!,
    }),
    children(i) {
      const out: HeapEdge[] = [];
      for (let e = first[i]!; e < first[i + 1]!; e += ef) out.push({ type: edgeTypes[s.edges[e]!]!, name: edgeName(e), node: s.edges[e + 2]! / nf });
      return out;
    },
    parents(i) {
      const out: HeapEdge[] = [];
      for (let k = revStart[i]!; k < revStart[i + 1]!; k++) out.push({ type: edgeTypes[s.edges[revEdge[k]!]!]!, name: edgeName(revEdge[k]!), node: revFrom[k]! });
      return out;
    },
    location: (i) => where.get(i),
  };
}

export interface CodeEntry {
  /** Snapshot id of the Code object. */
  id: number;
  /** Code object plus its instruction stream. */
  bytes: number;
  /**
   * What the code drags along and dies with it: relocation info and deoptimisation
   * data (with the parts of it nothing else holds). For optimised code this is a
   * large share, so the tier-up ceiling counts it.
   */
  meta: number;
  /** baseline: shared by every closure of the function; optimised: held by closures only. */
  tier: 'baseline' | 'optimised' | 'other';
  /** Snapshot id of the function's SharedFunctionInfo, 0 when it could not be found. */
  fn: number;
  /** The function's name as V8 records it ('' for anonymous functions). */
  fnName: string;
  /** The URL of the script the function came from ('' for eval'd or injected code). */
  script: string;
}

const CODE = 'system / Code';
const SFI = 'system / SharedFunctionInfo';
const SCRIPT = 'system / Script';
const after = (name: string, prefix: string): string => (name.startsWith(`${prefix} / `) ? name.slice(prefix.length + 3) : '');

/** Every Code object in the snapshot, with its tier and owning function. */
export function codeEntries(g: HeapGraph): CodeEntry[] {
  const out: CodeEntry[] = [];
  for (let i = 0; i < g.count; i++) {
    const n = g.node(i);
    if (n.type !== 'code' || n.name !== CODE) continue;
    let bytes = n.size;
    let meta = 0;
    for (const c of g.children(i)) {
      if (c.name === 'instruction_stream') {
        bytes += g.node(c.node).size;
        for (const r of g.children(c.node)) if (r.name === 'relocation_info') meta += g.node(r.node).size;
      } else if (c.name === 'deoptimization_data') {
        meta += g.node(c.node).size;
        for (const d of g.children(c.node)) if (d.type !== 'shortcut' && g.node(d.node).type === 'code' && g.parents(d.node).length === 1) meta += g.node(d.node).size;
      }
    }
    let sfi = -1;
    let closure = -1;
    for (const p of g.parents(i)) {
      const pn = g.node(p.node);
      if (pn.name.startsWith(SFI) && p.name === 'trusted_function_data') sfi = p.node;
      else if (pn.type === 'closure' && p.name === 'code' && closure < 0) closure = p.node;
    }
    let fn = sfi;
    if (fn < 0 && closure >= 0) fn = g.children(closure).find((c) => c.name === 'shared')?.node ?? -1;
    const script = fn >= 0 ? g.children(fn).find((c) => c.name === 'script')?.node : undefined;
    out.push({
      id: n.id,
      bytes,
      meta,
      tier: sfi >= 0 ? 'baseline' : closure >= 0 ? 'optimised' : 'other',
      fn: fn >= 0 ? g.node(fn).id : 0,
      fnName: fn >= 0 ? after(g.node(fn).name, SFI) : '',
      script: script === undefined ? '' : after(g.node(script).name, SCRIPT),
    });
  }
  return out;
}

export interface CodeGrowth {
  tier: CodeEntry['tier'];
  before: { count: number; bytes: number };
  after: { count: number; bytes: number };
  /** Functions with code of this tier after but none before: tier-up reaching new functions. */
  newFunctions: number;
  /** Functions that had code of this tier before and have a different Code object now: re-optimisation churn. */
  replaced: number;
}

export function codeGrowth(a: readonly CodeEntry[], b: readonly CodeEntry[]): CodeGrowth[] {
  return (['baseline', 'optimised', 'other'] as const).map((tier) => {
    const ta = a.filter((c) => c.tier === tier);
    const tb = b.filter((c) => c.tier === tier);
    const fnsA = new Set(ta.map((c) => c.fn));
    const idsA = new Set(ta.map((c) => c.id));
    return {
      tier,
      before: { count: ta.length, bytes: ta.reduce((s, c) => s + c.bytes, 0) },
      after: { count: tb.length, bytes: tb.reduce((s, c) => s + c.bytes, 0) },
      newFunctions: new Set(tb.filter((c) => !fnsA.has(c.fn)).map((c) => c.fn)).size,
      replaced: tb.filter((c) => fnsA.has(c.fn) && !idsA.has(c.id)).length,
    };
  });
}

export interface ScriptCodeGrowth {
  script: string;
  /** Optimised code bytes held at a and at b for this script's functions. */
  before: number;
  after: number;
  /** Functions of this script that hold optimised code at b and held none at a. */
  newFunctions: number;
  /** A few of those functions' names, for telling the app's code from a library's. */
  examples: string[];
}

/**
 * Optimised-code growth per script: which bundle's functions V8 went on optimising.
 * A leak of compiled code would show as one script's bytes growing without new
 * functions; tier-up shows as new functions spread over the scripts that run.
 */
export function optimisedByScript(a: readonly CodeEntry[], b: readonly CodeEntry[]): ScriptCodeGrowth[] {
  const fnsA = new Set(a.filter((c) => c.tier === 'optimised').map((c) => c.fn));
  const rows = new Map<string, ScriptCodeGrowth & { fns: Set<number> }>();
  const row = (script: string): ScriptCodeGrowth & { fns: Set<number> } => {
    let r = rows.get(script);
    if (!r) rows.set(script, (r = { script, before: 0, after: 0, newFunctions: 0, examples: [], fns: new Set() }));
    return r;
  };
  for (const c of a) if (c.tier === 'optimised') row(c.script).before += c.bytes;
  for (const c of b) {
    if (c.tier !== 'optimised') continue;
    const r = row(c.script);
    r.after += c.bytes;
    if (!fnsA.has(c.fn) && !r.fns.has(c.fn)) {
      r.fns.add(c.fn);
      r.newFunctions++;
      if (r.examples.length < 5) r.examples.push(c.fnName || '(anonymous)');
    }
  }
  return [...rows.values()]
    .map(({ fns: _fns, ...r }) => r)
    .sort((x, y) => y.after - y.before - (x.after - x.before));
}

export interface SurvivorGroup {
  key: string;
  /** Net change of this type between the snapshots: what a leak shows up as. */
  net: { count: number; bytes: number };
  /** Members allocated since the first snapshot and still reachable (replacements included). */
  fresh: { count: number; bytes: number };
  /** One retainer path of one fresh member, nearest holder first. */
  path: string;
}

/** A retainer path from node i towards the roots, skipping weak edges; depth-limited. */
export function retainerPath(g: HeapGraph, i: number, depth = 8): string {
  const parts: string[] = [];
  const seen = new Set<number>([i]);
  let cur = i;
  for (let d = 0; d < depth; d++) {
    const p = g.parents(cur).find((e) => e.type !== 'weak' && !seen.has(e.node));
    if (!p) break;
    const n = g.node(p.node);
    parts.push(`[${p.name.slice(0, 24)}] ${n.type === 'object' || n.type === 'native' ? n.name.slice(0, 40) : `(${n.type}) ${n.name.slice(0, 30)}`}`);
    seen.add(p.node);
    cur = p.node;
  }
  return parts.join(' ← ');
}

/**
 * Heap objects by type and name: net change from a to b, largest growth first,
 * with how many are fresh (ids not in a) and a retainer path of one fresh member.
 * Code is left out: codeGrowth covers it.
 */
export function survivors(a: HeapGraph, b: HeapGraph, top = 10): SurvivorGroup[] {
  const keyOf = (n: HeapNode): string | null => (n.type === 'code' || n.type === 'synthetic' ? null : `${n.type} ${n.name.slice(0, 48)}`);
  const idsA = new Set<number>();
  const groups = new Map<string, { net: { count: number; bytes: number }; fresh: { count: number; bytes: number }; sample: number }>();
  const group = (key: string): { net: { count: number; bytes: number }; fresh: { count: number; bytes: number }; sample: number } => {
    let gr = groups.get(key);
    if (!gr) groups.set(key, (gr = { net: { count: 0, bytes: 0 }, fresh: { count: 0, bytes: 0 }, sample: -1 }));
    return gr;
  };
  for (let i = 0; i < a.count; i++) {
    const n = a.node(i);
    idsA.add(n.id);
    const key = keyOf(n);
    if (key === null) continue;
    const gr = group(key);
    gr.net.count--;
    gr.net.bytes -= n.size;
  }
  for (let i = 0; i < b.count; i++) {
    const n = b.node(i);
    const key = keyOf(n);
    if (key === null) continue;
    const gr = group(key);
    gr.net.count++;
    gr.net.bytes += n.size;
    if (!idsA.has(n.id)) {
      gr.fresh.count++;
      gr.fresh.bytes += n.size;
      if (gr.sample < 0) gr.sample = i;
    }
  }
  return [...groups.entries()]
    .filter(([, gr]) => gr.net.bytes > 0)
    .sort((x, y) => y[1].net.bytes - x[1].net.bytes)
    .slice(0, top)
    .map(([key, gr]) => ({ key, net: gr.net, fresh: gr.fresh, path: gr.sample >= 0 ? retainerPath(b, gr.sample) : '' }));
}

/**
 * Where a function stands on V8's tiers, read off its SharedFunctionInfo:
 *   - uncompiled: never run (lazy parsing left UncompiledData), or its bytecode was flushed;
 *   - cold: has bytecode but no closure has a FeedbackVector yet (run only a few times);
 *   - warm: a closure has a FeedbackVector, so V8 is counting it towards tier-up;
 *   - baseline: Sparkplug code hangs off the SharedFunctionInfo;
 *   - optimised: some closure holds Maglev or TurboFan code.
 * Why: the 4K heap growth is V8 optimising functions one by one. A function that is
 * never warm is never optimised, so the warm and baseline functions that are not yet
 * optimised bound how much more code tier-up can add (see tierHeadroom).
 */
export type TierState = 'uncompiled' | 'cold' | 'warm' | 'baseline' | 'optimised';

export interface FunctionState {
  /** Snapshot id of the SharedFunctionInfo (the `fn` of a CodeEntry). */
  fn: number;
  script: string;
  state: TierState;
  /** BytecodeArray bytes; 0 when uncompiled. */
  bytecode: number;
  /** Optimised code held by this function's closures: Code, instruction stream and metadata. */
  optimised: number;
}

/** Every function that belongs to a script (builtins and API functions have none). */
export function functionStates(g: HeapGraph, code: readonly CodeEntry[]): FunctionState[] {
  const optimisedBytes = new Map<number, number>();
  for (const c of code) if (c.tier === 'optimised') optimisedBytes.set(c.fn, (optimisedBytes.get(c.fn) ?? 0) + c.bytes + c.meta);
  const out: FunctionState[] = [];
  for (let i = 0; i < g.count; i++) {
    const n = g.node(i);
    if (n.type !== 'code' || !n.name.startsWith(SFI)) continue;
    const kids = g.children(i);
    const scriptEdge = kids.find((c) => c.name === 'script');
    if (!scriptEdge) continue;
    const script = after(g.node(scriptEdge.node).name, SCRIPT);
    const data = kids.find((c) => c.name === 'trusted_function_data' || c.name === 'function_data');
    let bytecode = 0;
    let baseline = false;
    if (data) {
      const d = g.node(data.node);
      if (d.name === 'system / BytecodeArray') bytecode = d.size;
      else if (d.name === CODE) {
        // Sparkplug code keeps the bytecode it was compiled from (for deopts back to the interpreter).
        baseline = true;
        const bc = g.children(data.node).find((c) => c.name === 'interpreter_data');
        bytecode = bc ? g.node(bc.node).size : 0;
      }
    }
    let feedback = false;
    for (const p of g.parents(i)) {
      if (p.name !== 'shared' || g.node(p.node).type !== 'closure') continue;
      const cell = g.children(p.node).find((c) => c.name === 'feedback_cell');
      if (cell && g.children(cell.node).some((c) => c.name === 'value' && g.node(c.node).name === 'system / FeedbackVector')) {
        feedback = true;
        break;
      }
    }
    const opt = optimisedBytes.get(n.id) ?? 0;
    const state: TierState = opt > 0 ? 'optimised' : baseline ? 'baseline' : feedback ? 'warm' : bytecode > 0 ? 'cold' : 'uncompiled';
    out.push({ fn: n.id, script, state, bytecode, optimised: opt });
  }
  return out;
}

export interface TierHeadroom {
  /** Functions optimised now, their bytecode and their optimised code. */
  optimised: { count: number; bytecode: number; code: number };
  /** Warm or baseline but not optimised: what V8 may still optimise without new paths being run. */
  candidates: { count: number; bytecode: number };
  /** Optimised code bytes per bytecode byte, over the functions optimised now. */
  ratio: number;
  /** candidates.bytecode × ratio: optimised code still to come if every candidate were optimised. */
  ceiling: number;
}

/** How much more optimised code tier-up can add, for the functions that match `keep` (by script). */
export function tierHeadroom(states: readonly FunctionState[], keep: (script: string) => boolean = () => true): TierHeadroom {
  const mine = states.filter((s) => keep(s.script));
  const opt = mine.filter((s) => s.state === 'optimised');
  const cand = mine.filter((s) => s.state === 'warm' || s.state === 'baseline');
  const optimised = {
    count: opt.length,
    bytecode: opt.reduce((t, s) => t + s.bytecode, 0),
    code: opt.reduce((t, s) => t + s.optimised, 0),
  };
  const candidates = { count: cand.length, bytecode: cand.reduce((t, s) => t + s.bytecode, 0) };
  const ratio = optimised.bytecode > 0 ? optimised.code / optimised.bytecode : 0;
  return { optimised, candidates, ratio, ceiling: candidates.bytecode * ratio };
}

/**
 * For the functions optimised at b but not at a: the state each was in at a. If
 * nearly all were already warm or baseline, the candidates at a foretold the growth
 * and their ceiling bounds what is left; functions that were uncompiled or cold at a
 * are code paths the wall reached only later, which no ceiling taken at a can see.
 */
export function newlyOptimisedFrom(a: readonly FunctionState[], b: readonly FunctionState[]): Record<TierState, { count: number; code: number }> {
  const at = new Map(a.map((s) => [s.fn, s.state]));
  const out: Record<TierState, { count: number; code: number }> = {
    uncompiled: { count: 0, code: 0 },
    cold: { count: 0, code: 0 },
    warm: { count: 0, code: 0 },
    baseline: { count: 0, code: 0 },
    optimised: { count: 0, code: 0 },
  };
  for (const s of b) {
    if (s.state !== 'optimised') continue;
    const was = at.get(s.fn);
    if (was === 'optimised') continue;
    // Not in a at all: its SharedFunctionInfo was created later (a new closure literal compiled), so it was uncompiled then.
    const k = was ?? 'uncompiled';
    out[k].count++;
    out[k].code += s.optimised;
  }
  return out;
}

/**
 * Where each function's source starts, by SharedFunctionInfo snapshot id (the `fn` of
 * a FunctionState), read off any of its closures. Why: minified names say little, but
 * a position and the build's source maps say which package and feature a newly
 * optimised function belongs to (`pnpm bench heap-diff --maps`).
 */
export function functionPositions(g: HeapGraph): Map<number, { line: number; column: number }> {
  const out = new Map<number, { line: number; column: number }>();
  for (let i = 0; i < g.count; i++) {
    const at = g.location(i);
    if (!at || g.node(i).type !== 'closure') continue;
    const shared = g.children(i).find((c) => c.name === 'shared');
    if (shared) out.set(g.node(shared.node).id, at);
  }
  return out;
}
