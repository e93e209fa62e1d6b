/**
 * What changed between two whole options, as the smallest option ECharts' normal
 * merge turns the first into the second. Used only by `pnpm bench charts`; no wall
 * page imports it.
 *
 * Why it exists: the 4K wall's heap grows by V8 optimising ECharts code for over an
 * hour, and one candidate lever was to run less ECharts per update. Builders return
 * whole options, which ECharts deep-clones, preprocesses and merges component by
 * component, although a live update changes little more than a series' data and a
 * formatter closure. The bench hands ECharts this patch instead and counts the
 * JavaScript either way runs. Measured (PERFORMANCE.md, "Whole option or patch"):
 * 0–2 % fewer calls per update, the same functions reached, the same time. The
 * option plumbing is a rounding error beside layout and drawing, so useEChart keeps
 * sending whole options, and this stays here so the claim can be checked again.
 *
 * The patch is exact under ECharts' merge rules, or it is not offered:
 * - plain objects merge key by key, so only keys whose values differ are kept;
 * - arrays, functions and primitives are replaced whole;
 * - top-level component arrays (`series`, `xAxis`, …) are matched by id, so a
 *   patch keeps only the changed components, each with its id;
 * - a key that disappears cannot be expressed by a merge, and components that
 *   appear, disappear, reorder or have no id need replaceMerge. For those, `null`
 *   says "send the whole option".
 */

import { isPlainObject, sameValue } from '../reactive/stable';

/** The result: nothing changed, or the option to merge. `null` means "use the whole option". */
export type OptionPatch = { kind: 'same' } | { kind: 'patch'; option: Record<string, unknown> };

/** Top-level keys whose merge is not plain key-by-key (graphic's $action, timeline and media options): a change there takes the whole option. */
const WHOLE_ONLY = new Set(['graphic', 'timeline', 'options', 'baseOption', 'media', 'dataset']);

/** Marks "no difference" inside the recursion; never leaves this module. */
const SAME: unique symbol = Symbol('same');
/** Marks "a merge cannot express this" inside the recursion. */
const WHOLE: unique symbol = Symbol('whole');
/** What changed in one object: only the keys whose values differ. */
type Changes = Record<string, unknown>;

const has = (o: object, k: string): boolean => Object.hasOwn(o, k);


/**
 * A value below the top level: objects merge by key, everything else is replaced
 * whole. Returns SAME, WHOLE, or what to send: the changes of an object, else `b`.
 */
function diffValue(a: unknown, b: unknown): unknown {
  if (isPlainObject(a) && isPlainObject(b)) return diffObject(a, b);
  return sameValue(a, b) ? SAME : b;
}

function diffObject(a: Record<string, unknown>, b: Record<string, unknown>): Changes | typeof SAME | typeof WHOLE {
  // A key only the old option has would survive the merge: not expressible.
  for (const k of Object.keys(a)) if (!has(b, k)) return WHOLE;
  let out: Changes | null = null;
  for (const k of Object.keys(b)) {
    const d = has(a, k) ? diffValue(a[k], b[k]) : b[k];
    if (d === WHOLE) return WHOLE;
    if (d === SAME) continue;
    (out ??= {})[k] = d;
  }
  return out ?? SAME;
}

/** One top-level component list (or single component): changed components by id, or SAME, or WHOLE. */
function diffComponents(a: unknown, b: unknown): Changes[] | typeof SAME | typeof WHOLE {
  const la = Array.isArray(a) ? a : [a];
  const lb = Array.isArray(b) ? b : [b];
  if (la.length !== lb.length) return WHOLE;
  const changed: Changes[] = [];
  for (let i = 0; i < lb.length; i++) {
    const ca = la[i];
    const cb = lb[i];
    if (!isPlainObject(ca) || !isPlainObject(cb)) return sameValue(ca, cb) ? SAME : WHOLE;
    const d = diffObject(ca, cb);
    if (d === WHOLE) return WHOLE;
    if (d === SAME) continue;
    // Merge matches by id; without one it would fall back to position, which a
    // shorter patch list would get wrong.
    const id = cb.id;
    if ((typeof id !== 'string' && typeof id !== 'number') || id !== ca.id) return WHOLE;
    changed.push({ ...d, id });
  }
  return changed.length ? changed : SAME;
}

/**
 * The patch that turns `prev` into `next` under ECharts' normal merge, given the
 * chart holds `prev` (set whole, or patched to it). `null`: send `next` whole.
 */
export function optionPatch(prev: Record<string, unknown>, next: Record<string, unknown>): OptionPatch | null {
  for (const k of Object.keys(prev)) if (!has(next, k)) return null;
  const option: Record<string, unknown> = {};
  for (const k of Object.keys(next)) {
    if (!has(prev, k)) return null;
    const a = prev[k];
    const b = next[k];
    let d: unknown;
    if (WHOLE_ONLY.has(k)) d = sameValue(a, b) ? SAME : WHOLE;
    else if (isPlainObject(b) || Array.isArray(b)) d = diffComponents(a, b);
    else d = sameValue(a, b) ? SAME : b; // global options: animation, backgroundColor, textStyle as a value…
    if (d === WHOLE) return null;
    if (d === SAME) continue;
    option[k] = d;
  }
  return Object.keys(option).length > 0 ? { kind: 'patch', option } : { kind: 'same' };
}

/**
 * The option with an id on every top-level component that has none (`grid0`,
 * `xAxis0`… by key and position), so that a later patch can name it. Builders keep
 * their component lists in a fixed order, and a change of list length takes the
 * whole option anyway.
 */
export function withComponentIds(option: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...option };
  for (const [k, v] of Object.entries(option)) {
    if (WHOLE_ONLY.has(k)) continue;
    const list = Array.isArray(v) ? v : isPlainObject(v) ? [v] : null;
    if (!list || !list.every(isPlainObject) || list.every((c) => c.id !== undefined)) continue;
    const named = list.map((c, i) => (c.id === undefined ? { ...c, id: `${k}${i}` } : c));
    out[k] = Array.isArray(v) ? named : named[0];
  }
  return out;
}
