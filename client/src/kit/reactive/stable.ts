import { computed, type ComputedRef } from 'vue';

/** An object literal's kind of object: what ECharts merges key by key and what option data is made of. */
const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** Deep equality for plain data: primitives (NaN equals NaN), arrays, plain objects; anything else (functions, class instances) only by identity. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) if (!Object.hasOwn(b, k) || !sameValue(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/**
 * A computed that hands back its previous value when the new one is deep-equal, so
 * nothing that depends on it re-runs. The wall's one mechanism for "rebuilt, but
 * nothing shown changed":
 * - statistics charts' data: every one reads the one `stats` slot, and a revision
 *   (应统尽统) that moves value between two sectors used to redraw all eight,
 *   although only the sector bars and the board treemap show a change. A redraw the
 *   eye cannot see still runs ECharts' per-element code, and on an otherwise idle
 *   wall those rare runs keep V8 optimising new code hours in (PERFORMANCE.md, Heap);
 * - tile footers, read against the one-second clock (Tile.vue), chart legends
 *   rebuilt on every data change (ChartFrame.vue), and the map's alarm outlines.
 *
 * Only for values built fresh from plain values. A value holding a live container
 * that is mutated in place (a series buffer) compares equal to itself and would hide
 * the change: the trends keep a plain computed.
 */
export function stableComputed<T>(get: () => T): ComputedRef<T> {
  return computed<T>((prev) => {
    const next = get();
    return prev !== undefined && sameValue(prev, next) ? prev : next;
  });
}
