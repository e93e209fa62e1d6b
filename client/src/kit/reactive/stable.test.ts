import { describe, expect, it } from 'vitest';
import { computed, nextTick, shallowRef, watchEffect } from 'vue';
import { sameValue, stableComputed } from './stable';

describe('sameValue', () => {
  it('compares arrays and plain objects deeply, NaN equal to NaN, functions by identity', () => {
    const f = (): number => 1;
    expect(sameValue({ a: [1, { b: NaN }] }, { a: [1, { b: NaN }] })).toBe(true);
    expect(sameValue({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameValue([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameValue(f, f)).toBe(true);
    expect(sameValue(f, () => 1)).toBe(false);
    expect(sameValue(new Date(0), new Date(0))).toBe(false);
  });
});

describe('stableComputed', () => {
  /** A statistics slot as the store holds it: replaced as a whole on a revision. */
  const stats = () => shallowRef<Record<string, number>>({ 'sector.a': 10, 'sector.b': 20, 'tier.1': 5 });

  it('hands back the previous object when a rebuild is deep-equal, so a chart reading it does not redraw', async () => {
    const src = stats();
    const bars = stableComputed(() => ({ items: [{ id: 'a', value: src.value['sector.a'] }, { id: 'b', value: src.value['sector.b'] }] }));
    let draws = 0;
    const stop = watchEffect(() => {
      void bars.value;
      draws++;
    });
    const first = bars.value;
    expect(draws).toBe(1);

    // A revision of the enterprise tiers: the sector bars show nothing new.
    src.value = { ...src.value, 'tier.1': 6 };
    await nextTick();
    expect(bars.value).toBe(first);
    expect(draws).toBe(1);

    // A revision that moves value between the two sectors: a new object, one redraw.
    src.value = { ...src.value, 'sector.a': 9, 'sector.b': 21 };
    await nextTick();
    expect(bars.value).not.toBe(first);
    expect(bars.value.items.map((i) => i.value)).toEqual([9, 21]);
    expect(draws).toBe(2);
    stop();
  });

  it('passes a change through a chain of computeds, and holds still when only an upstream copy changed', async () => {
    const src = stats();
    // Like a module's view model: a fresh object on every revision.
    const vm = computed(() => ({ total: src.value['sector.a']! + src.value['sector.b']!, tiers: [src.value['tier.1']] }));
    const tiers = stableComputed(() => ({ items: vm.value.tiers }));
    const before = tiers.value;
    src.value = { ...src.value, 'sector.a': 11, 'sector.b': 19 };
    await nextTick();
    expect(vm.value.total).toBe(30);
    expect(tiers.value).toBe(before);
    src.value = { ...src.value, 'tier.1': 7 };
    await nextTick();
    expect(tiers.value.items).toEqual([7]);
  });
});
