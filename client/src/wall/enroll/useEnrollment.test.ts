import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { effectScope, type EffectScope } from 'vue';
import type { ScreenIdentity } from '@futian/shared';
import type { LinkFactory } from '../stores/link';
import { TestLink, snap } from '../stores/wall.testkit';
import { useWallStore } from '../stores/wall';
import { CREDENTIAL_KEY, loadScreen, saveScreen, SCREEN_KEY, type KeyValueStore } from './identity';
import { useEnrollment, type Boot } from './useEnrollment';

function memory(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

const CRED = 'c'.repeat(43);
const left: ScreenIdentity = { id: 'left', name: '左屏', layout: '1080p', screen: 'auto', mode: 'live' };
const anon: Boot = { credential: null, identity: null, enrollToken: null, fixture: false };

let scope: EffectScope;
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_000_000);
  setActivePinia(createPinia());
  scope = effectScope();
});
afterEach(() => {
  scope.stop();
  vi.useRealTimers();
});

/** The real wall store on a TestLink, with useEnrollment wired as WallApp wires it. */
async function boot(b: Boot, store = memory(), link = new TestLink(() => Date.now())) {
  link.connected = false;
  // The server knows the screen as it was stored, unless a test says otherwise.
  if (b.identity && link.identity.id === 't') link.identity = b.identity;
  const reload = vi.fn();
  const wall = useWallStore();
  const screen = scope.run(() => useEnrollment(b, { storage: store, reload, layout: () => '4k' }))!;
  const factory: LinkFactory = (_p, h) => {
    link.handlers = h;
    return link;
  };
  await wall.connect({ link: factory, onScreen: screen.onScreen, ...(b.credential ? { credential: b.credential, hello: { layout: '4k', screen: 'auto' } } : {}) });
  const up = async () => {
    link.connected = true;
    link.handlers.status('connected');
    await vi.advanceTimersByTimeAsync(0);
  };
  return { wall, screen, link, reload, store, up };
}

describe('an unenrolled page', () => {
  it('asks for a code once connected, shows the pairing screen where open view is off, and renews the code before it expires', async () => {
    const { screen, link, up } = await boot(anon);
    expect(screen.showWall.value).toBe(false);
    // Open view unknown yet: the shell shows nothing rather than flash a pairing screen.
    expect(screen.undecided.value).toBe(true);
    expect(screen.state.value).toBe('connecting');
    await up();
    expect(screen.undecided.value).toBe(false);
    expect(link.pairs).toEqual(['4k']);
    expect(screen.offer.value?.code).toBe('ABCDEF');
    expect(screen.state.value).toBe('ready');
    expect(screen.showWall.value).toBe(false);
    // The offer expires 10 min after it was made: asked again 30 s before.
    await vi.advanceTimersByTimeAsync(569_000);
    expect(link.pairs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(link.pairs).toHaveLength(2);
  });

  it('asks again after a reconnect (the server dropped the code with the socket), and hides the dead code meanwhile', async () => {
    const { screen, link, up } = await boot(anon);
    await up();
    link.connected = false;
    link.handlers.status('disconnected');
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.offer.value).toBeNull();
    expect(screen.state.value).toBe('connecting');
    link.pairAnswer = { ok: true, data: { code: 'GHJKMN', expiresAt: Date.now() + 600_000, openView: false } };
    await up();
    expect(link.pairs).toHaveLength(2);
    expect(screen.offer.value?.code).toBe('GHJKMN');
  });

  it('shows the live wall with its mark where open view is on: a snapshot or the offer says so', async () => {
    const { screen, link, up } = await boot(anon);
    link.pairAnswer = { ok: true, data: { code: 'ABCDEF', expiresAt: Date.now() + 600_000, openView: true } };
    await up();
    expect(screen.showWall.value).toBe(true);

    setActivePinia(createPinia());
    const again = await boot(anon);
    again.link.pairAnswer = { ok: false, error: 'at most 3 pairing codes may wait from one address' };
    await again.up();
    expect(again.screen.showWall.value).toBe(false);
    expect(again.screen.problems.value.map((p) => p.kind)).toEqual(['pair']);
    expect(again.screen.undecided.value).toBe(true);
    again.link.handlers.snapshot(snap(5));
    await vi.advanceTimersByTimeAsync(0);
    expect(again.screen.showWall.value).toBe(true);
    expect(again.screen.undecided.value).toBe(false);
    // Refused codes are asked for again later.
    again.link.pairAnswer = { ok: true, data: { code: 'ABCDEF', expiresAt: Date.now() + 600_000, openView: true } };
    await vi.advanceTimersByTimeAsync(15_000);
    expect(again.screen.offer.value?.code).toBe('ABCDEF');
    expect(again.screen.problems.value).toEqual([]);
  });

  it('stores the credential and reloads when an operator approves its code', async () => {
    const { screen, link, reload, store, up } = await boot(anon);
    await up();
    link.handlers.screen({ type: 'enrolled', enrolled: { credential: CRED, screen: left } });
    expect(reload).toHaveBeenCalledTimes(1);
    expect(loadScreen(store)).toEqual({ credential: CRED, identity: left });
    expect(screen.showWall.value).toBe(false);
  });

  it('does not reload when storage refuses: it says why instead', async () => {
    const refusing: KeyValueStore & { data: Map<string, string> } = { ...memory(), setItem: () => { throw new Error('no'); } };
    const { screen, link, reload, up } = await boot(anon, refusing);
    await up();
    link.handlers.screen({ type: 'enrolled', enrolled: { credential: CRED, screen: left } });
    expect(reload).not.toHaveBeenCalled();
    expect(screen.problems.value.map((p) => p.kind)).toContain('storage');
  });

  it('redeems an enrollment token instead of pairing, and reloads as the screen', async () => {
    const link = new TestLink(() => Date.now());
    link.enrollAnswer = { ok: true, data: { credential: CRED, screen: left } };
    const { screen, reload, store, up } = await boot({ ...anon, enrollToken: 'tok'.repeat(8) }, memory(), link);
    expect(screen.state.value).toBe('enrolling');
    await up();
    expect(link.pairs).toEqual([]);
    expect(reload).toHaveBeenCalledTimes(1);
    expect(store.data.get(CREDENTIAL_KEY)).toBe(CRED);
  });

  it('goes back to the credential it holds when the token is refused (a kiosk that autostarts a used link)', async () => {
    const { screen, reload, up } = await boot({ ...anon, enrollToken: 'tok'.repeat(8), holdsCredential: true });
    await up();
    expect(reload).toHaveBeenCalledTimes(1);
    expect(screen.problems.value).toEqual([]);
  });

  it('shows the pairing screen with the reason when the token is refused, even with open view, and pairs', async () => {
    const link = new TestLink(() => Date.now());
    link.pairAnswer = { ok: true, data: { code: 'ABCDEF', expiresAt: Date.now() + 600_000, openView: true } };
    const { screen, reload, up } = await boot({ ...anon, enrollToken: 'tok'.repeat(8) }, memory(), link);
    await up();
    expect(reload).not.toHaveBeenCalled();
    expect(screen.problems.value).toEqual([{ kind: 'enroll', detail: 'this enrollment link is unknown, used or expired' }]);
    expect(screen.showWall.value).toBe(false);
    expect(link.pairs).toEqual(['4k']);
    expect(screen.state.value).toBe('ready');
  });
});

describe('an enrolled screen', () => {
  const enrolled = (): { b: Boot; store: ReturnType<typeof memory> } => {
    const store = memory();
    saveScreen(store, CRED, left);
    return { b: { credential: CRED, identity: left, enrollToken: null, fixture: false }, store };
  };

  it('shows the wall, and keeps a new name without reloading', async () => {
    const { b, store } = enrolled();
    const { screen, link, reload, up } = await boot(b, store);
    expect(screen.showWall.value).toBe(true);
    await up();
    expect(link.pairs).toEqual([]);
    link.handlers.screen({ type: 'config', screen: { ...left, name: '主屏' } });
    expect(reload).not.toHaveBeenCalled();
    expect(screen.identity.value?.name).toBe('主屏');
    expect(JSON.parse(store.data.get(SCREEN_KEY)!)).toMatchObject({ name: '主屏' });
  });

  it('reloads into a new layout, module or mode, from the console or from the hello ack', async () => {
    const { b, store } = enrolled();
    const link = new TestLink(() => Date.now());
    link.identity = { ...left, mode: 'demo' };
    const { reload, up } = await boot(b, store, link);
    await up();
    expect(reload).toHaveBeenCalledTimes(1);
    expect(loadScreen(store)?.identity?.mode).toBe('demo');
  });

  it('forgets its credential and reloads into pairing when revoked, or refused at the handshake', async () => {
    const { b, store } = enrolled();
    const { link, reload, up } = await boot(b, store);
    await up();
    link.handlers.screen({ type: 'revoked' });
    expect(reload).toHaveBeenCalledTimes(1);
    expect(loadScreen(store)).toBeNull();
  });

  it('takes a hello refused for its credential as revoked', async () => {
    const { b, store } = enrolled();
    const link = new TestLink(() => Date.now());
    link.helloAnswer = { ok: false, error: 'screen credential refused' };
    const { reload, up } = await boot(b, store, link);
    await up();
    expect(reload).toHaveBeenCalledTimes(1);
    expect(store.data.has(CREDENTIAL_KEY)).toBe(false);
  });
});
