import { describe, expect, it } from 'vitest';
import { parseParams } from './params';

function memory(): Pick<Storage, 'getItem' | 'setItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('parseParams', () => {
  it('defaults to Chinese, the live room, automatic layout', () => {
    const p = parseParams('', null, () => 0.5);
    expect(p).toMatchObject({ lang: 'zh', room: 'live', layout: null, screen: null, fixture: null });
  });

  it('reads lang, layout, screen, room and fixture', () => {
    const p = parseParams('?lang=en&layout=4k&screen=overview&room=replay-7&fixture=gap');
    expect(p).toMatchObject({ lang: 'en', layout: '4k', screen: 'overview', room: 'replay-7', fixture: 'gap' });
    expect(parseParams('?fixture=1').fixture).toBe('live');
  });

  it('reads a daily reload time and ignores a malformed one', () => {
    expect(parseParams('?reload=04:30').reload).toEqual({ h: 4, m: 30, s: 0 });
    expect(parseParams('?reload=4:30').reload).toBeNull();
    expect(parseParams('').reload).toBeNull();
  });

  it('rejects unsafe values instead of passing them to the server', () => {
    expect(parseParams('?room=<script>').room).toBe('live');
    expect(parseParams('?layout=../../x').layout).toBeNull();
  });

  it('keeps a screen id across reloads', () => {
    const store = memory();
    const a = parseParams('', store, () => 0.25).screenId;
    const b = parseParams('', store, () => 0.75).screenId;
    expect(a).toMatch(/^wall-[0-9a-z]{6}$/);
    expect(b).toBe(a);
    expect(parseParams('?id=left-wall', store).screenId).toBe('left-wall');
  });

  it('reads a focus for the map, and drops one that names no sub-district', () => {
    expect(parseParams('?focus=subdistrict:440304006').focus).toEqual({ type: 'subdistrict', id: '440304006' });
    expect(parseParams('?focus=subdistrict:999').focus).toBeNull();
    expect(parseParams('?focus=<x>').focus).toBeNull();
    expect(parseParams('').focus).toBeNull();
  });
});
