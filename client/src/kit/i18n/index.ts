import { shallowRef, type Ref } from 'vue';
import type { Label } from '@futian/shared';
import { fill, type Params } from './fill';

export type Lang = 'zh' | 'en';
export type { Params };

export const LOCALES: Record<Lang, string> = { zh: 'zh-CN', en: 'en-US' };

/** zh-CN is the default; only an explicit `en` switches. */
export function parseLang(v: string | null | undefined): Lang {
  return v === 'en' ? 'en' : 'zh';
}

/**
 * The client's one language: each app sets it at start-up. A ref rather than a
 * constant so a console "switch to English for this delegation" can flip it
 * later without a reload, and every `t()` read in a template or computed follows.
 */
export const lang: Ref<Lang> = shallowRef<Lang>('zh');

export function setLang(next: Lang): void {
  lang.value = next;
  document.documentElement.lang = LOCALES[next];
}

/** A shared `{ zh, en }` label (catalogue, tour captions, notices) in the current language. */
export function pick(label: Label): string {
  return label[lang.value];
}

export interface Strings<K extends string> {
  /** In the current language. */
  t(key: K, params?: Params): string;
  /** Pure, for option builders, formatters and tests that are handed a language. */
  translate(l: Lang, key: K, params?: Params): string;
}

/**
 * The one way to look up words: every string table (kit's, the wall's, a module's,
 * the console's) stays beside its code and goes through this. `en` must have
 * exactly `zh`'s keys, so a missing translation is a compile error. This file
 * imports no table, so each app's bundle carries only the words it uses.
 */
export function defineStrings<K extends string>(zh: Readonly<Record<K, string>>, en: Readonly<Record<NoInfer<K>, string>>): Strings<K> {
  const tables: Readonly<Record<Lang, Readonly<Record<K, string>>>> = { zh, en };
  const translate = (l: Lang, key: K, params?: Params): string => fill(tables[l][key], params);
  return { translate, t: (key, params) => translate(lang.value, key, params) };
}
