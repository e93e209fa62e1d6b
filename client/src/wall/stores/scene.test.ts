import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { parseFocus, subdistrictOf, useSceneStore } from './scene';

describe('scene', () => {
  it('parses a focus and keeps only real sub-districts', () => {
    expect(parseFocus('subdistrict:440304006')).toEqual({ type: 'subdistrict', id: '440304006' });
    expect(parseFocus('subdistrict:440304400')).toBeNull();
    expect(parseFocus('sector:fintech')).toEqual({ type: 'sector', id: 'fintech' });
    expect(parseFocus(null)).toBeNull();
    expect(subdistrictOf({ type: 'subdistrict', id: '440304010' })).toBe('440304010');
    expect(subdistrictOf({ type: 'kpi', id: 'x' })).toBeNull();
  });

  it('pins the module a scene names and lets a module release the focus it handled', () => {
    setActivePinia(createPinia());
    const s = useSceneStore();
    s.show({ module: 'map', highlight: { type: 'subdistrict', id: '440304006' } });
    expect(s.pinned).toBe('map');
    expect(s.highlight).toEqual({ type: 'subdistrict', id: '440304006' });
    s.release('sector');
    expect(s.highlight).not.toBeNull();
    s.release('subdistrict');
    expect(s.highlight).toBeNull();
    s.show({ module: 'auto' });
    expect(s.pinned).toBeNull();
  });
});
