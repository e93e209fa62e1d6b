import { shallowRef } from 'vue';
import type { Label } from '@futian/shared';
import { fill, type Params } from '../kit/i18n/fill';
import { en, zh, type ConsoleKey } from './strings';

export type Lang = 'zh' | 'en';
export type { ConsoleKey };

const DICTS: Record<Lang, Record<ConsoleKey, string>> = { zh, en };
export const LOCALES: Record<Lang, string> = { zh: 'zh-CN', en: 'en-US' };

/** zh-CN is the default; only an explicit ?lang=en switches. */
export function parseLang(search: string): Lang {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'zh';
}

export type { Params } from '../kit/i18n/fill';

/** Pure lookup, so formatting helpers and tests need no Vue. */
export function translate(lang: Lang, key: ConsoleKey, params?: Params): string {
  return fill(DICTS[lang][key], params);
}

/** The console's language: a ref so components re-render if it is ever switched live. */
export const lang = shallowRef<Lang>('zh');

export function setLang(next: Lang): void {
  lang.value = next;
  document.documentElement.lang = LOCALES[next];
}

export function t(key: ConsoleKey, params?: Params): string {
  return translate(lang.value, key, params);
}

export function pick(label: Label): string {
  return label[lang.value];
}
