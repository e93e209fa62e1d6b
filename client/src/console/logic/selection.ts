import type { InjectionKey, Ref } from 'vue';
import type { ScreenInfo, Targets } from '@futian/shared';

/** How many screens "all" reaches now (enrolled and connected): the page provides it, every target picker shows it. */
export const ONLINE_SCREENS_KEY: InjectionKey<Readonly<Ref<number>>> = Symbol('online-screens');

/** Connected screens first, then by name, so a dark screen does not hide among live ones. */
export function sortScreens(list: readonly ScreenInfo[]): ScreenInfo[] {
  return [...list].sort((a, b) => Number(b.connected) - Number(a.connected) || a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id));
}

/** Drops selected ids whose screen is gone from the registry. */
export function pruneSelection(selected: readonly string[], screens: readonly ScreenInfo[]): string[] {
  const known = new Set(screens.map((s) => s.id));
  return selected.filter((id) => known.has(id));
}

export type AllState = 'none' | 'some' | 'all';

export function allState(selected: readonly string[], screens: readonly ScreenInfo[]): AllState {
  if (screens.length === 0 || selected.length === 0) return 'none';
  const sel = new Set(selected);
  return screens.every((s) => sel.has(s.id)) ? 'all' : 'some';
}

/** The header checkbox: selects every screen unless all already are. */
export function toggleAll(selected: readonly string[], screens: readonly ScreenInfo[]): string[] {
  return allState(selected, screens) === 'all' ? [] : screens.map((s) => s.id);
}

export function toggleOne(selected: readonly string[], id: string): string[] {
  return selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id];
}

export type TargetMode = 'selected' | 'all';

/** What an action targets; null when "selected" is chosen with nothing selected. */
export function targetsFor(mode: TargetMode, selected: readonly string[]): Targets | null {
  if (mode === 'all') return 'all';
  return selected.length > 0 ? [...selected] : null;
}
