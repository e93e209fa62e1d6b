import { MODULE_IDS, WALL_LAYOUT_IDS, type PairingOffer, type ScreenIdentity } from '@futian/shared';
import type { WallParams } from '../params';

/**
 * What an enrolled PC keeps, in the browser's local storage (it survives a
 * reboot): the credential the server handed it once, and the identity the
 * operator gave it (id, name, layout, module, mode), which decides how the page
 * boots before the server has said a word.
 */
export const CREDENTIAL_KEY = 'futian-wall.credential';
export const SCREEN_KEY = 'futian-wall.screen';
/** The id pages used to make up for themselves; the server no longer listens to it. */
export const LEGACY_ID_KEY = 'futian-wall.screen-id';

export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface StoredScreen {
  credential: string;
  /** Null when unreadable: the hello ack brings it (and the page reloads into it if it differs from auto). */
  identity: ScreenIdentity | null;
}

const CREDENTIAL = /^[\w-]{16,128}$/;
/** shared's SAFE_ID, restated: importing it would pull its module's zod schemas into the wall's bundle. */
const SAFE_ID = /^[\w.:-]{1,64}$/;
const AUTO: Omit<ScreenIdentity, 'id' | 'name'> = { layout: 'auto', screen: 'auto', mode: 'live' };

export function parseIdentity(raw: unknown): ScreenIdentity | null {
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as Record<string, unknown>;
  const { id, name, layout, screen, mode } = o;
  if (typeof id !== 'string' || !SAFE_ID.test(id)) return null;
  if (typeof name !== 'string' || name.length === 0 || name.length > 64) return null;
  if (layout !== 'auto' && !(WALL_LAYOUT_IDS as readonly unknown[]).includes(layout)) return null;
  if (screen !== 'auto' && !(MODULE_IDS as readonly unknown[]).includes(screen)) return null;
  if (mode !== 'live' && mode !== 'demo') return null;
  return { id, name, layout, screen, mode } as ScreenIdentity;
}

/** The stored credential and identity; null on an unenrolled PC (or where storage is off). */
export function loadScreen(store: KeyValueStore | null): StoredScreen | null {
  try {
    // Cleaned up on the way: a page of before enrollment made this id up for itself.
    store?.removeItem(LEGACY_ID_KEY);
    const credential = store?.getItem(CREDENTIAL_KEY);
    if (!credential || !CREDENTIAL.test(credential)) return null;
    let identity: ScreenIdentity | null = null;
    try {
      identity = parseIdentity(JSON.parse(store?.getItem(SCREEN_KEY) ?? 'null'));
    } catch {
      identity = null;
    }
    return { credential, identity };
  } catch {
    return null;
  }
}

/**
 * Stores a credential and identity, and reads them back: a page must not
 * reload into a state it could not keep (it would come back unenrolled, or
 * loop). False when storage refused.
 */
export function saveScreen(store: KeyValueStore | null, credential: string, identity: ScreenIdentity): boolean {
  if (!store) return false;
  try {
    store.setItem(CREDENTIAL_KEY, credential);
    store.setItem(SCREEN_KEY, JSON.stringify(identity));
    return store.getItem(CREDENTIAL_KEY) === credential && store.getItem(SCREEN_KEY) === JSON.stringify(identity);
  } catch {
    return false;
  }
}

/** Forgets the credential and identity; false when storage refused (the page must not reload into the same refusal). */
export function clearScreen(store: KeyValueStore | null): boolean {
  if (!store) return true;
  try {
    store.removeItem(CREDENTIAL_KEY);
    store.removeItem(SCREEN_KEY);
    return store.getItem(CREDENTIAL_KEY) === null;
  } catch {
    return false;
  }
}

/**
 * Whether a new identity changes how the page boots (layout, module, mode): then
 * it stores it and reloads. A new name changes nothing on the wall.
 */
export function needsReload(booted: ScreenIdentity | null, next: ScreenIdentity): boolean {
  const was = booted ?? AUTO;
  return was.layout !== next.layout || was.screen !== next.screen || was.mode !== next.mode;
}

/** The operator's layout and module win over the address; 'auto' keeps the address's (or the window's). */
export function applyIdentity(params: WallParams, identity: ScreenIdentity | null): WallParams {
  if (!identity) return params;
  return {
    ...params,
    layout: identity.layout !== 'auto' ? identity.layout : params.layout,
    screen: identity.screen !== 'auto' ? identity.screen : params.screen,
  };
}

/** 'K7MPQ2' → 'K7M-PQ2': read across a room, typed by hand. */
export function formatCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)}-${code.slice(3)}` : code;
}

const RENEW_MARGIN_MS = 30_000;
/** The server's code lifetime (10 min), assumed when the clocks disagree too much to trust expiresAt. */
const ASSUMED_TTL_MS = 10 * 60_000;

/** When to ask for a fresh code: 30 s before this one expires, on the server's clock as far as we know it. */
export function renewDelayMs(offer: PairingOffer, serverNow: number): number {
  let ttl = offer.expiresAt - serverNow;
  if (!(ttl > 0 && ttl <= 2 * ASSUMED_TTL_MS)) ttl = ASSUMED_TTL_MS;
  return Math.max(5_000, ttl - RENEW_MARGIN_MS);
}
