import { defineStrings } from '../../kit/i18n';

/** The header's replay clock; the rest of the header's words are the wall's (../strings.ts). */
const zh = {
  'replay.clock': '回放 {date} {time} · {speed}×',
  'replay.ended': '回放结束 {date} {time} · {speed}×',
} as const;

const en: Record<keyof typeof zh, string> = {
  'replay.clock': 'Replay {date} {time} · {speed}×',
  'replay.ended': 'Replay ended {date} {time} · {speed}×',
};

export const { t, translate } = defineStrings(zh, en);
