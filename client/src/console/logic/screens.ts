import { MODULE_IDS, WALL_LAYOUT_IDS, type EnrollLinkInfo, type ModuleId, type ScreenConfig, type ScreenInfo, type WallLayoutId } from '@futian/shared';
import type { Checked } from './forms';
import type { ConsoleKey } from '../strings';

/**
 * The screens panel's pure side: which screens take orders, the settings form
 * an operator fills when approving a code, configuring a screen or making an
 * enrollment link, and how a link reads in the list. The server re-checks all
 * of it (shared/src/event-schemas.ts ScreenConfig, console-schemas.ts).
 */

export const LAYOUT_CHOICES: ReadonlyArray<'auto' | WallLayoutId> = ['auto', ...WALL_LAYOUT_IDS];
export const MODULE_CHOICES: ReadonlyArray<'auto' | ModuleId> = ['auto', ...MODULE_IDS];
export const LINK_TTL_MIN_H = 0.25;
export const LINK_TTL_MAX_H = 24 * 7;
const SAFE_ID = /^[\w.:-]{1,64}$/;

/** Enrolled screens with a socket now: the only ones a scene, tour, notice or replay reaches ('all' included). */
export function controllable(list: readonly ScreenInfo[]): ScreenInfo[] {
  return list.filter((s) => s.status === 'enrolled' && s.connected);
}

export interface ConfigForm {
  name: string;
  /** Approve and links only: empty for an id the server makes up. */
  id: string;
  layout: ScreenConfig['layout'];
  screen: ScreenConfig['screen'];
  mode: ScreenConfig['mode'];
}

export function emptyConfig(): ConfigForm {
  return { name: '', id: '', layout: 'auto', screen: 'auto', mode: 'live' };
}

export function configOf(s: ScreenInfo): ConfigForm {
  return { name: s.name, id: s.id, layout: s.layout, screen: s.screen, mode: s.mode };
}

export function checkConfig(f: ConfigForm): Checked<{ id?: string; config: ScreenConfig }> {
  const name = f.name.trim();
  if (!name) return { ok: false, error: 'screens.nameRequired' };
  if (name.length > 64) return { ok: false, error: 'screens.nameTooLong' };
  const id = f.id.trim();
  if (id && !SAFE_ID.test(id)) return { ok: false, error: 'screens.idRule' };
  return { ok: true, value: { ...(id ? { id } : {}), config: { name, layout: f.layout, screen: f.screen, mode: f.mode } } };
}

export function checkTtl(hours: number): Checked<number> {
  return Number.isFinite(hours) && hours >= LINK_TTL_MIN_H && hours <= LINK_TTL_MAX_H ? { ok: true, value: hours } : { ok: false, error: 'links.ttlRange' };
}

export type LinkState = 'unused' | 'used' | 'expired';

export function linkState(l: EnrollLinkInfo, serverNow: number): LinkState {
  if (l.usedAt !== null) return 'used';
  return l.expiresAt <= serverNow ? 'expired' : 'unused';
}

/** Unused links first (soonest to expire first), then used and expired ones, newest first. */
export function sortLinks(list: readonly EnrollLinkInfo[], serverNow: number): EnrollLinkInfo[] {
  const rank = (l: EnrollLinkInfo) => (linkState(l, serverNow) === 'unused' ? 0 : 1);
  return [...list].sort((a, b) => rank(a) - rank(b) || (rank(a) === 0 ? a.expiresAt - b.expiresAt : b.createdAt - a.createdAt));
}

/** The address a wall PC opens; the token is in it, so it is shown once. */
export function enrollUrl(origin: string, token: string): string {
  return `${origin}/wall?enroll=${encodeURIComponent(token)}`;
}

/** 'K7MPQ2' → 'K7M-PQ2', as the wall shows it. */
export function formatCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)}-${code.slice(3)}` : code;
}

/** A layout and module as one short label: "4k · map", "auto". */
export function configLabel(c: Pick<ScreenConfig, 'layout' | 'screen'>, moduleLabel: (m: ModuleId) => string, autoLabel: string): string {
  const layout = c.layout === 'auto' ? autoLabel : c.layout;
  return c.screen === 'auto' ? layout : `${layout} · ${moduleLabel(c.screen)}`;
}

export type { ConsoleKey };
