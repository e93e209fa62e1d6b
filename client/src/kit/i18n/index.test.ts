import { afterEach, describe, expect, it } from 'vitest';
import { defineStrings, lang, parseLang, pick } from './index';

describe('defineStrings', () => {
  const words = defineStrings({ scene: '场景 {i}/{n}', plain: '告警' }, { scene: 'Scene {i}/{n}', plain: 'Alarms' });
  afterEach(() => {
    lang.value = 'zh';
  });

  it('translates purely, whatever the current language', () => {
    expect(words.translate('en', 'scene', { i: 2, n: 7 })).toBe('Scene 2/7');
    expect(words.translate('zh', 'plain')).toBe('告警');
  });

  it('looks up t() and pick() in the one client language', () => {
    expect(words.t('scene', { i: 1, n: 3 })).toBe('场景 1/3');
    expect(pick({ zh: '福田', en: 'Futian' })).toBe('福田');
    lang.value = 'en';
    expect(words.t('plain')).toBe('Alarms');
    expect(pick({ zh: '福田', en: 'Futian' })).toBe('Futian');
  });

  it('switches to English only when asked to', () => {
    expect(parseLang('en')).toBe('en');
    expect(parseLang('EN')).toBe('zh');
    expect(parseLang(null)).toBe('zh');
  });
});
