import { describe, expect, it } from 'vitest';
import type { ScreenIdentity } from '@futian/shared';
import { parseParams } from '../params';
import {
  applyIdentity,
  clearScreen,
  CREDENTIAL_KEY,
  formatCode,
  LEGACY_ID_KEY,
  loadScreen,
  needsReload,
  parseIdentity,
  renewDelayMs,
  saveScreen,
  SCREEN_KEY,
  type KeyValueStore,
} from './identity';

function memory(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

const CRED = 'a'.repeat(43);
const left: ScreenIdentity = { id: 'left', name: '左屏', layout: '4k', screen: 'map', mode: 'live' };

describe('the stored screen', () => {
  it('keeps a credential and identity across reloads, and drops the id pages used to make up', () => {
    const s = memory();
    s.data.set(LEGACY_ID_KEY, 'wall-abc123');
    expect(loadScreen(s)).toBeNull();
    expect(s.data.has(LEGACY_ID_KEY)).toBe(false);
    expect(saveScreen(s, CRED, left)).toBe(true);
    expect(loadScreen(s)).toEqual({ credential: CRED, identity: left });
  });

  it('keeps the credential when the identity is unreadable (the hello ack brings it back)', () => {
    const s = memory();
    s.data.set(CREDENTIAL_KEY, CRED);
    s.data.set(SCREEN_KEY, '{not json');
    expect(loadScreen(s)).toEqual({ credential: CRED, identity: null });
    s.data.set(SCREEN_KEY, JSON.stringify({ ...left, layout: '8k' }));
    expect(loadScreen(s)?.identity).toBeNull();
  });

  it('ignores a credential that is not one', () => {
    const s = memory();
    s.data.set(CREDENTIAL_KEY, 'short');
    expect(loadScreen(s)).toBeNull();
  });

  it('says so when storage refuses, so the page does not reload into a loop', () => {
    const refusing: KeyValueStore = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(saveScreen(refusing, CRED, left)).toBe(false);
    expect(saveScreen(null, CRED, left)).toBe(false);
    expect(clearScreen(refusing)).toBe(false);
    expect(loadScreen(refusing)).toBeNull();
  });

  it('forgets both on revoke', () => {
    const s = memory();
    saveScreen(s, CRED, left);
    expect(clearScreen(s)).toBe(true);
    expect(loadScreen(s)).toBeNull();
  });

  it('validates an identity field by field', () => {
    expect(parseIdentity(left)).toEqual(left);
    expect(parseIdentity({ ...left, id: 'a b' })).toBeNull();
    expect(parseIdentity({ ...left, screen: 'nope' })).toBeNull();
    expect(parseIdentity({ ...left, mode: 'party' })).toBeNull();
    expect(parseIdentity({ ...left, name: '' })).toBeNull();
    expect(parseIdentity(null)).toBeNull();
  });
});

describe('what the identity decides', () => {
  it('reloads for a new layout, module or mode, not for a new name', () => {
    expect(needsReload(left, { ...left, name: '新名字' })).toBe(false);
    expect(needsReload(left, { ...left, layout: '1080p' })).toBe(true);
    expect(needsReload(left, { ...left, screen: 'auto' })).toBe(true);
    expect(needsReload(left, { ...left, mode: 'demo' })).toBe(true);
    // Booted without a readable identity: as auto, live.
    expect(needsReload(null, { ...left, layout: 'auto', screen: 'auto' })).toBe(false);
    expect(needsReload(null, { ...left, layout: 'auto', screen: 'auto', mode: 'demo' })).toBe(true);
  });

  it("puts the operator's layout and module over the address's; auto keeps the address's", () => {
    const p = parseParams('?layout=1080p&screen=overview&lang=en');
    expect(applyIdentity(p, left)).toMatchObject({ layout: '4k', screen: 'map', lang: 'en' });
    expect(applyIdentity(p, { ...left, layout: 'auto', screen: 'auto' })).toMatchObject({ layout: '1080p', screen: 'overview' });
    expect(applyIdentity(p, null)).toBe(p);
  });

  it('shows a code in two groups of three', () => {
    expect(formatCode('K7MPQ2')).toBe('K7M-PQ2');
    expect(formatCode('ABCD')).toBe('ABCD');
  });

  it('renews a code 30 s before it expires, and assumes 10 minutes when the clocks disagree', () => {
    const offer = { code: 'K7MPQ2', expiresAt: 1_000_000 + 600_000, openView: false };
    expect(renewDelayMs(offer, 1_000_000)).toBe(570_000);
    expect(renewDelayMs(offer, 1_000_000 + 590_000)).toBe(5_000);
    // A client clock an hour ahead (expiry in the past) or behind (expiry far off).
    expect(renewDelayMs(offer, 1_000_000 + 3_600_000)).toBe(570_000);
    expect(renewDelayMs(offer, 1_000_000 - 3_600_000)).toBe(570_000);
  });
});
