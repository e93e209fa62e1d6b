import { LOCALES, type Lang } from '../../kit/i18n';

export interface ClockParts {
  date: string;
  weekday: string;
  time: string;
}

const formats = new Map<Lang, Intl.DateTimeFormat>();

/**
 * The wall always shows Beijing time, whatever timezone the PC driving it was
 * installed with.
 */
function format(lang: Lang): Intl.DateTimeFormat {
  let f = formats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[lang], {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: lang === 'zh' ? 'long' : 'short',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(lang, f);
  }
  return f;
}

export function clockParts(epochMs: number, lang: Lang): ClockParts {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of format(lang).formatToParts(epochMs)) parts[p.type] = p.value;
  return {
    date: `${parts.year ?? ''}-${parts.month ?? ''}-${parts.day ?? ''}`,
    weekday: parts.weekday ?? '',
    time: `${parts.hour ?? ''}:${parts.minute ?? ''}:${parts.second ?? ''}`,
  };
}
