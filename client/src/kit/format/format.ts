import type { Cadence } from '@futian/shared';
import { LOCALES, type Lang } from '../i18n';
import { translate } from '../i18n/strings';

const numberFormats = new Map<string, Intl.NumberFormat>();

/** Intl formatters are costly to build and these run every frame during a roll. */
function numberFormat(lang: Lang, decimals: number): Intl.NumberFormat {
  const key = `${lang}|${decimals}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      useGrouping: true,
    });
    numberFormats.set(key, f);
  }
  return f;
}

export function formatNumber(value: number | null | undefined, decimals: number, lang: Lang, signed = false): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const s = numberFormat(lang, decimals).format(value);
  // -0.0 formats as "-0.0"; a wall should never show a signed zero.
  if (/^-?0([.,]0+)?$/.test(s)) return signed ? `±${s.replace('-', '')}` : s.replace('-', '');
  return signed && value > 0 ? `+${s}` : s;
}

export function formatAge(ageMs: number, lang: Lang): string {
  if (!Number.isFinite(ageMs)) return translate(lang, 'age.never');
  const s = Math.max(0, Math.floor(ageMs / 1000));
  if (s < 1) return translate(lang, 'age.now');
  if (s < 60) return translate(lang, 'age.s', { n: s });
  const m = Math.floor(s / 60);
  if (m < 60) return translate(lang, 'age.m', { n: m });
  const h = Math.floor(m / 60);
  if (h < 48) return translate(lang, 'age.h', { n: h });
  return translate(lang, 'age.d', { n: Math.floor(h / 24) });
}

/** "2021 年 · 年度" / "2021 · annual", "2021 年第 3 季度 · 季度". */
export function formatPeriod(period: string, cadence: Cadence, lang: Lang): string {
  const q = /^(\d{4})Q([1-4])$/.exec(period);
  const y = /^(\d{4})$/.exec(period);
  const p = q
    ? translate(lang, 'period.quarter', { y: q[1] ?? '', q: q[2] ?? '' })
    : y
      ? translate(lang, 'period.year', { y: y[1] ?? '' })
      : period;
  return `${p} · ${translate(lang, `cadence.${cadence}`)}`;
}
