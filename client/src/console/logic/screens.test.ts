import { describe, expect, it } from 'vitest';
import type { EnrollLinkInfo, ScreenInfo } from '@futian/shared';
import { checkConfig, checkTtl, controllable, emptyConfig, enrollUrl, formatCode, linkState, sortLinks } from './screens';

const screen = (id: string, over: Partial<ScreenInfo> = {}): ScreenInfo => ({
  id,
  name: id,
  layout: 'auto',
  screen: 'auto',
  mode: 'live',
  status: 'enrolled',
  reportedLayout: '1080p',
  reportedScreen: 'auto',
  scene: '',
  room: 'live',
  connected: true,
  address: '10.0.0.5',
  lastSeen: 0,
  enrolledAt: 0,
  enrolledBy: 'admin',
  revokedAt: null,
  ...over,
});

const link = (id: string, over: Partial<EnrollLinkInfo> = {}): EnrollLinkInfo => ({
  id,
  name: id,
  layout: 'auto',
  screen: 'auto',
  mode: 'live',
  createdBy: 'admin',
  createdAt: 0,
  expiresAt: 10_000,
  usedAt: null,
  screenId: null,
  ...over,
});

describe('screens that take orders', () => {
  it('are the enrolled, connected ones, as the server resolves "all"', () => {
    const list = [screen('a'), screen('b', { connected: false }), screen('c', { status: 'revoked', connected: false })];
    expect(controllable(list).map((s) => s.id)).toEqual(['a']);
  });
});

describe('the settings form', () => {
  it('needs a name, takes an optional id, and sends the config the server checks', () => {
    expect(checkConfig(emptyConfig())).toEqual({ ok: false, error: 'screens.nameRequired' });
    expect(checkConfig({ ...emptyConfig(), name: ' 左屏 ' })).toEqual({ ok: true, value: { config: { name: '左屏', layout: 'auto', screen: 'auto', mode: 'live' } } });
    expect(checkConfig({ ...emptyConfig(), name: '左屏', id: 'hall-left', layout: '4k', screen: 'map', mode: 'demo' })).toEqual({
      ok: true,
      value: { id: 'hall-left', config: { name: '左屏', layout: '4k', screen: 'map', mode: 'demo' } },
    });
    expect(checkConfig({ ...emptyConfig(), name: 'x', id: 'hall left' })).toEqual({ ok: false, error: 'screens.idRule' });
    expect(checkConfig({ ...emptyConfig(), name: 'x'.repeat(65) })).toEqual({ ok: false, error: 'screens.nameTooLong' });
  });

  it('keeps a link valid 15 minutes to 7 days', () => {
    expect(checkTtl(24)).toEqual({ ok: true, value: 24 });
    expect(checkTtl(0.1).ok).toBe(false);
    expect(checkTtl(169).ok).toBe(false);
    expect(checkTtl(Number.NaN).ok).toBe(false);
  });
});

describe('enrollment links', () => {
  it('read as unused, used (by a screen) or expired', () => {
    expect(linkState(link('a'), 5_000)).toBe('unused');
    expect(linkState(link('a'), 10_000)).toBe('expired');
    expect(linkState(link('a', { usedAt: 4_000, screenId: 'left' }), 20_000)).toBe('used');
  });

  it('list unused links first, soonest to expire first', () => {
    const list = [link('used', { usedAt: 1, createdAt: 5 }), link('late', { expiresAt: 9_000 }), link('soon', { expiresAt: 6_000 }), link('old', { expiresAt: 1_000, createdAt: 1 })];
    expect(sortLinks(list, 5_000).map((l) => l.id)).toEqual(['soon', 'late', 'used', 'old']);
  });

  it('make the address a wall PC opens, and show codes as the wall does', () => {
    expect(enrollUrl('http://wall.lan:8080', 'abc-_123')).toBe('http://wall.lan:8080/wall?enroll=abc-_123');
    expect(formatCode('K7MPQ2')).toBe('K7M-PQ2');
  });
});
