import { shallowRef, type Ref } from 'vue';
import type { Label } from '@futian/shared';
import { fill, type Params } from './fill';
import { en, zh, type StringKey } from './strings';

export type Lang = 'zh' | 'en';
export type { StringKey };

const DICTS: Record<Lang, Record<StringKey, string>> = { zh, en };
export const LOCALES: Record<Lang, string> = { zh: 'zh-CN', en: 'en-US' };

export function parseLang(v: string | null | undefined): Lang {
  return v === 'en' ? 'en' : 'zh';
}

export type { Params } from './fill';
export { fill };

/** Pure lookup, usable from option builders and tests without Vue. */
export function translate(lang: Lang, key: StringKey, params?: Params): string {
  return fill(DICTS[lang][key], params);
}

export function pick(label: Label, lang: Lang): string {
  return label[lang];
}

/**
 * The wall's language. A ref rather than a constant so a console "switch to
 * English for this delegation" can flip it later without a reload.
 */
export const lang: Ref<Lang> = shallowRef<Lang>('zh');

export function setLang(next: Lang): void {
  lang.value = next;
  document.documentElement.lang = LOCALES[next];
}

export function useI18n() {
  return {
    lang,
    t: (key: StringKey, params?: Params): string => translate(lang.value, key, params),
    label: (l: Label): string => l[lang.value],
  };
}
