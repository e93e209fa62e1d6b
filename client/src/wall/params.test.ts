import { describe, expect, it } from 'vitest';
import { parseParams, withoutEnroll } from './params';

describe('parseParams', () => {
  it('defaults to Chinese, the live room, automatic layout', () => {
    const p = parseParams('');
    expect(p).toMatchObject({ lang: 'zh', room: 'live', layout: null, screen: null, fixture: null, enroll: null });
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

  it('ignores ?id, ?name and ?mode: who the screen is comes from its credential', () => {
    const p = parseParams('?id=left-wall&name=左屏&mode=demo');
    expect(p).not.toHaveProperty('screenId');
    expect(p).not.toHaveProperty('screenName');
    expect(p).not.toHaveProperty('mode');
  });

  it('reads an enrollment token, and drops one that is not a token', () => {
    expect(parseParams('?enroll=abcdefghijklmnop_-XYZ').enroll).toBe('abcdefghijklmnop_-XYZ');
    expect(parseParams('?enroll=short').enroll).toBeNull();
    expect(parseParams('?enroll=<script>alert(1)</script>xxxxxxxx').enroll).toBeNull();
  });

  it('takes the token out of the address and keeps the other parameters', () => {
    expect(withoutEnroll('http://h:8080/wall?enroll=abcdefghijklmnopq&layout=4k&lang=en')).toBe('http://h:8080/wall?layout=4k&lang=en');
    expect(withoutEnroll('http://h:8080/wall?enroll=abcdefghijklmnopq')).toBe('http://h:8080/wall');
    expect(withoutEnroll('http://h:8080/wall?layout=4k')).toBe('http://h:8080/wall?layout=4k');
  });

  it('reads a focus for the map, and drops one that names no sub-district', () => {
    expect(parseParams('?focus=subdistrict:440304006').focus).toEqual({ type: 'subdistrict', id: '440304006' });
    expect(parseParams('?focus=subdistrict:999').focus).toBeNull();
    expect(parseParams('?focus=<x>').focus).toBeNull();
    expect(parseParams('').focus).toBeNull();
  });
});
