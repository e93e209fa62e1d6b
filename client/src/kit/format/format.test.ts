import { describe, expect, it } from 'vitest';
import { formatAge, formatNumber, formatPeriod } from './format';

describe('formatNumber', () => {
  it('groups thousands and fixes decimals', () => {
    expect(formatNumber(9499, 0, 'zh')).toBe('9,499');
    expect(formatNumber(624.92, 2, 'en')).toBe('624.92');
    expect(formatNumber(98.456, 1, 'zh')).toBe('98.5');
  });
  it('signs growth and never shows a signed zero', () => {
    expect(formatNumber(17.8, 1, 'zh', true)).toBe('+17.8');
    expect(formatNumber(-2.5, 1, 'zh', true)).toBe('-2.5');
    expect(formatNumber(-0.01, 1, 'zh')).toBe('0.0');
  });
  it('shows a dash for missing values', () => {
    expect(formatNumber(null, 0, 'zh')).toBe('—');
    expect(formatNumber(Number.NaN, 0, 'zh')).toBe('—');
  });
});

describe('formatAge', () => {
  it('uses the coarsest sensible unit', () => {
    expect(formatAge(3_400, 'zh')).toBe('3 秒前');
    expect(formatAge(125_000, 'en')).toBe('2 min ago');
    expect(formatAge(3 * 3600_000, 'zh')).toBe('3 小时前');
    expect(formatAge(500, 'zh')).toBe('刚刚');
    expect(formatAge(Number.POSITIVE_INFINITY, 'zh')).toBe('无数据');
  });
});

describe('formatPeriod', () => {
  it('formats years and quarters in both languages', () => {
    expect(formatPeriod('2021', 'annual', 'zh')).toBe('2021 年 · 年度');
    expect(formatPeriod('2021', 'annual', 'en')).toBe('2021 · annual');
    expect(formatPeriod('2021Q3', 'quarterly', 'zh')).toBe('2021 年第 3 季度 · 季度');
  });
});
