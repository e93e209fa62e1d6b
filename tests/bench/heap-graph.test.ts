import { describe, expect, it } from 'vitest';
import {
  codeEntries,
  codeGrowth,
  functionPositions,
  functionStates,
  newlyOptimisedFrom,
  optimisedByScript,
  parseHeapSnapshot,
  retainerPath,
  survivors,
  tierHeadroom,
} from './heap-graph.js';

// A hand-built snapshot in V8's JSON layout: just enough meta for the parser.
const NODE_TYPES = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic'];
const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];
interface N {
  type: string;
  name: string;
  id: number;
  size: number;
  edges?: Array<[type: string, name: string | number, to: number]>;
}
function snapshot(nodes: N[], locations: Array<[id: number, line: number, column: number]> = []): string {
  const strings: string[] = [];
  const str = (v: string): number => {
    const i = strings.indexOf(v);
    return i >= 0 ? i : strings.push(v) - 1;
  };
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const flatNodes: number[] = [];
  const edges: number[] = [];
  for (const n of nodes) {
    flatNodes.push(NODE_TYPES.indexOf(n.type), str(n.name), n.id, n.size, n.edges?.length ?? 0);
    for (const [t, name, to] of n.edges ?? []) {
      edges.push(EDGE_TYPES.indexOf(t), t === 'element' || t === 'hidden' ? Number(name) : str(String(name)), index.get(to)! * 5);
    }
  }
  return JSON.stringify({
    snapshot: {
      meta: {
        node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'],
        node_types: [NODE_TYPES, 'string', 'number', 'number', 'number'],
        edge_fields: ['type', 'name_or_index', 'to_node'],
        edge_types: [EDGE_TYPES, 'string_or_number', 'node'],
        location_fields: ['object_index', 'script_id', 'script_object_index', 'line', 'column'],
      },
    },
    nodes: flatNodes,
    edges,
    strings,
    locations: locations.flatMap(([id, line, column]) => [index.get(id)! * 5, 7, 0, line, column]),
  });
}

// Before: f is optimised (code 10), g has baseline code only (12, on its SharedFunctionInfo).
const before: N[] = [
  { type: 'synthetic', name: '(GC roots)', id: 1, size: 0, edges: [['element', 1, 2], ['element', 2, 3], ['element', 3, 30]] },
  { type: 'closure', name: 'f', id: 2, size: 32, edges: [['internal', 'code', 10], ['internal', 'shared', 20]] },
  { type: 'closure', name: 'g', id: 3, size: 32, edges: [['internal', 'code', 12], ['internal', 'shared', 21]] },
  { type: 'code', name: 'system / Code', id: 10, size: 72, edges: [['internal', 'instruction_stream', 11]] },
  { type: 'code', name: 'system / InstructionStream', id: 11, size: 1000 },
  { type: 'code', name: 'system / Code', id: 12, size: 72, edges: [['internal', 'instruction_stream', 13]] },
  { type: 'code', name: 'system / InstructionStream', id: 13, size: 500 },
  { type: 'code', name: 'system / SharedFunctionInfo / f', id: 20, size: 48, edges: [['internal', 'script', 40]] },
  { type: 'code', name: 'system / SharedFunctionInfo / g', id: 21, size: 48, edges: [['internal', 'trusted_function_data', 12], ['internal', 'script', 41]] },
  { type: 'object', name: 'Store', id: 30, size: 64 },
  { type: 'code', name: 'system / Script / http://wall/app.js', id: 40, size: 80 },
  { type: 'code', name: 'system / Script / http://wall/vendor.js', id: 41, size: 80 },
];
// After: f re-optimised (code 14 replaces 10), g optimised for the first time (15), and the store holds a new array.
const after: N[] = [
  { type: 'synthetic', name: '(GC roots)', id: 1, size: 0, edges: [['element', 1, 2], ['element', 2, 3], ['element', 3, 30]] },
  { type: 'closure', name: 'f', id: 2, size: 32, edges: [['internal', 'code', 14], ['internal', 'shared', 20]] },
  { type: 'closure', name: 'g', id: 3, size: 32, edges: [['internal', 'code', 15], ['internal', 'shared', 21]] },
  { type: 'code', name: 'system / Code', id: 12, size: 72, edges: [['internal', 'instruction_stream', 13]] },
  { type: 'code', name: 'system / InstructionStream', id: 13, size: 500 },
  { type: 'code', name: 'system / Code', id: 14, size: 72, edges: [['internal', 'instruction_stream', 16]] },
  { type: 'code', name: 'system / Code', id: 15, size: 72, edges: [['internal', 'instruction_stream', 17]] },
  { type: 'code', name: 'system / InstructionStream', id: 16, size: 1200 },
  { type: 'code', name: 'system / InstructionStream', id: 17, size: 800 },
  { type: 'code', name: 'system / SharedFunctionInfo / f', id: 20, size: 48, edges: [['internal', 'script', 40]] },
  { type: 'code', name: 'system / SharedFunctionInfo / g', id: 21, size: 48, edges: [['internal', 'trusted_function_data', 12], ['internal', 'script', 41]] },
  { type: 'code', name: 'system / Script / http://wall/app.js', id: 40, size: 80 },
  { type: 'code', name: 'system / Script / http://wall/vendor.js', id: 41, size: 80 },
  { type: 'object', name: 'Store', id: 30, size: 64, edges: [['property', 'items', 31], ['weak', 'cache', 32]] },
  { type: 'object', name: 'Array', id: 31, size: 16, edges: [['internal', 'elements', 33]] },
  { type: 'object', name: 'Array', id: 32, size: 16 },
  { type: 'array', name: '(object elements)', id: 33, size: 400 },
];

describe('heap snapshot graph', () => {
  const a = parseHeapSnapshot(snapshot(before));
  const b = parseHeapSnapshot(snapshot(after));

  it('indexes children and parents both ways', () => {
    expect(b.count).toBe(after.length);
    const store = after.findIndex((n) => n.id === 30);
    expect(b.children(store).map((e) => [e.type, e.name, b.node(e.node).id])).toEqual([
      ['property', 'items', 31],
      ['weak', 'cache', 32],
    ]);
    const elems = after.findIndex((n) => n.id === 33);
    expect(b.parents(elems).map((e) => b.node(e.node).id)).toEqual([31]);
  });

  it('tells baseline code (on the SharedFunctionInfo) from optimised code (on closures only)', () => {
    const tiers = Object.fromEntries(codeEntries(a).map((c) => [c.id, [c.tier, c.fn, c.bytes, c.fnName, c.script]]));
    expect(tiers).toEqual({ 10: ['optimised', 20, 1072, 'f', 'http://wall/app.js'], 12: ['baseline', 21, 572, 'g', 'http://wall/vendor.js'] });
  });

  it('splits optimised-code growth by script: re-optimisation apart from functions newly optimised', () => {
    expect(optimisedByScript(codeEntries(a), codeEntries(b))).toEqual([
      { script: 'http://wall/vendor.js', before: 0, after: 872, newFunctions: 1, examples: ['g'] },
      { script: 'http://wall/app.js', before: 1072, after: 1272, newFunctions: 0, examples: [] },
    ]);
  });

  it('counts functions reaching a tier apart from re-optimisation of the same function', () => {
    const [baseline, optimised] = codeGrowth(codeEntries(a), codeEntries(b));
    expect(baseline).toMatchObject({ before: { count: 1, bytes: 572 }, after: { count: 1, bytes: 572 }, newFunctions: 0, replaced: 0 });
    expect(optimised).toMatchObject({ before: { count: 1, bytes: 1072 }, after: { count: 2, bytes: 2144 }, newFunctions: 1, replaced: 1 });
  });

  it('reports net growth by type with a strong retainer path of a fresh member', () => {
    const grown = survivors(a, b);
    expect(grown.map((g) => [g.key, g.net.count, g.net.bytes, g.fresh.count])).toEqual([
      ['array (object elements)', 1, 400, 1],
      ['object Array', 2, 32, 2],
    ]);
    expect(grown[0]!.path).toBe('[elements] Array ← [items] Store ← [3] (synthetic) (GC roots)');
    // The weakly held array has no strong path past its holder's weak edge.
    expect(retainerPath(b, after.findIndex((n) => n.id === 32))).toBe('');
  });
});

// One function in each tier state, in the edge layout Chromium 156's snapshots use
// (checked against a kept wall snapshot): the SharedFunctionInfo's trusted_function_data
// is UncompiledData, a BytecodeArray, or baseline Code holding its bytecode as
// interpreter_data; a closure's feedback_cell holds a FeedbackVector once V8 counts it.
const SCRIPT_NODE: N = { type: 'code', name: 'system / Script / http://wall/app.js', id: 100, size: 80 };
const sfi = (id: number, name: string, data: number): N => ({
  type: 'code',
  name: `system / SharedFunctionInfo / ${name}`,
  id,
  size: 48,
  edges: [['internal', 'script', 100], ['internal', 'trusted_function_data', data]],
});
const closure = (id: number, shared: number, cell: number, code?: number): N => ({
  type: 'closure',
  name: `fn${id}`,
  id,
  size: 32,
  edges: [['internal', 'shared', shared], ['internal', 'feedback_cell', cell], ...(code ? ([['internal', 'code', code]] as Array<[string, string, number]>) : [])],
});
const optimisedCode = (id: number, stream: number): N[] => [
  { type: 'code', name: 'system / Code', id, size: 72, edges: [['internal', 'instruction_stream', id + 1]] },
  { type: 'code', name: 'system / InstructionStream', id: id + 1, size: stream },
];
const tiersBefore: N[] = [
  SCRIPT_NODE,
  sfi(201, 'u', 301),
  { type: 'code', name: 'system / UncompiledDataWithoutPreparseData', id: 301, size: 16 },
  sfi(202, 'c', 302),
  { type: 'code', name: 'system / BytecodeArray', id: 302, size: 40 },
  closure(402, 202, 502),
  { type: 'code', name: 'system / FeedbackCell', id: 502, size: 16 },
  sfi(203, 'w', 303),
  { type: 'code', name: 'system / BytecodeArray', id: 303, size: 60 },
  closure(403, 203, 503),
  { type: 'code', name: 'system / FeedbackCell', id: 503, size: 16, edges: [['internal', 'value', 603]] },
  { type: 'code', name: 'system / FeedbackVector', id: 603, size: 44 },
  sfi(204, 'b', 304),
  { type: 'code', name: 'system / Code', id: 304, size: 72, edges: [['internal', 'instruction_stream', 324], ['internal', 'interpreter_data', 314]] },
  { type: 'code', name: 'system / BytecodeArray', id: 314, size: 100 },
  { type: 'code', name: 'system / InstructionStream', id: 324, size: 500 },
  sfi(205, 'o', 305),
  { type: 'code', name: 'system / BytecodeArray', id: 305, size: 50 },
  closure(405, 205, 505, 705),
  { type: 'code', name: 'system / FeedbackCell', id: 505, size: 16, edges: [['internal', 'value', 605]] },
  { type: 'code', name: 'system / FeedbackVector', id: 605, size: 44 },
  {
    type: 'code',
    name: 'system / Code',
    id: 705,
    size: 72,
    edges: [['internal', 'instruction_stream', 715], ['internal', 'deoptimization_data', 735]],
  },
  { type: 'code', name: 'system / InstructionStream', id: 715, size: 700, edges: [['internal', 'relocation_info', 725]] },
  { type: 'code', name: 'system / TrustedByteArray', id: 725, size: 30 },
  { type: 'code', name: 'system / ProtectedFixedArray', id: 735, size: 100, edges: [['internal', 0, 745], ['internal', 1, 746]] },
  { type: 'code', name: 'system / TrustedByteArray', id: 745, size: 50 },
  // Shared with another holder, so not the code's own: left out of its metadata.
  { type: 'code', name: 'system / TrustedByteArray', id: 746, size: 999 },
  { type: 'object', name: 'Other', id: 800, size: 8, edges: [['property', 'x', 746]] },
  // A builtin's SharedFunctionInfo has no script and is not counted.
  { type: 'code', name: 'system / SharedFunctionInfo / push', id: 206, size: 48 },
];
// Later: w (warm before) and u (uncompiled before) are optimised; the rest as they were.
const tiersAfter: N[] = [
  ...tiersBefore.filter((n) => ![201, 403].includes(n.id)),
  sfi(201, 'u', 306),
  { type: 'code', name: 'system / BytecodeArray', id: 306, size: 20 },
  closure(401, 201, 501, 707),
  { type: 'code', name: 'system / FeedbackCell', id: 501, size: 16 },
  ...optimisedCode(707, 300),
  closure(403, 203, 503, 710),
  ...optimisedCode(710, 400),
];

describe('tier states and the tier-up ceiling', () => {
  const a = parseHeapSnapshot(snapshot(tiersBefore));
  const b = parseHeapSnapshot(snapshot(tiersAfter));
  const sa = functionStates(a, codeEntries(a));
  const sb = functionStates(b, codeEntries(b));

  it('counts the relocation info and own deoptimisation data of optimised code', () => {
    const o = codeEntries(a).find((c) => c.id === 705)!;
    expect([o.tier, o.bytes, o.meta]).toEqual(['optimised', 772, 30 + 100 + 50]);
  });

  it('reads each function state off its SharedFunctionInfo and closures', () => {
    const byName = (states: typeof sa): Record<number, [string, number, number]> =>
      Object.fromEntries(states.map((s) => [s.fn, [s.state, s.bytecode, s.optimised]]));
    expect(byName(sa)).toEqual({
      201: ['uncompiled', 0, 0],
      202: ['cold', 40, 0],
      203: ['warm', 60, 0],
      204: ['baseline', 100, 0],
      205: ['optimised', 50, 952],
    });
    expect(sa.every((s) => s.script === 'http://wall/app.js')).toBe(true);
    expect(byName(sb)[201]).toEqual(['optimised', 20, 372]);
    expect(byName(sb)[203]).toEqual(['optimised', 60, 472]);
  });

  it('bounds the code still to come by the warm and baseline functions at the optimised ratio', () => {
    const h = tierHeadroom(sa);
    expect(h.optimised).toEqual({ count: 1, bytecode: 50, code: 952 });
    expect(h.candidates).toEqual({ count: 2, bytecode: 160 });
    expect(h.ratio).toBeCloseTo(952 / 50, 9);
    expect(h.ceiling).toBeCloseTo(160 * (952 / 50), 6);
    expect(tierHeadroom(sa, (s) => s.endsWith('vendor.js')).candidates.count).toBe(0);
  });

  it('says which state each newly optimised function was in before', () => {
    const from = newlyOptimisedFrom(sa, sb);
    expect(from.warm).toEqual({ count: 1, code: 472 });
    expect(from.uncompiled).toEqual({ count: 1, code: 372 });
    expect(from.baseline.count + from.cold.count + from.optimised.count).toBe(0);
  });
});

describe('functionPositions', () => {
  it("reads each function's start off its closure's location, keyed by SharedFunctionInfo", () => {
    const g = parseHeapSnapshot(snapshot(before, [[2, 0, 1234], [3, 4, 56]]));
    const pos = functionPositions(g);
    expect(pos.get(20)).toEqual({ line: 0, column: 1234 });
    expect(pos.get(21)).toEqual({ line: 4, column: 56 });
    // Not a closure: a location on another node is ignored.
    expect(functionPositions(parseHeapSnapshot(snapshot(before, [[30, 1, 1]]))).size).toBe(0);
  });

  it('is empty for a snapshot without locations', () => {
    expect(functionPositions(parseHeapSnapshot(snapshot(before))).size).toBe(0);
  });
});
