import type { Notice } from './ops.js';

/**
 * The one name of each notice level, read the same on the console that sends a
 * notice and on the wall that shows it (they once drifted: 注意 read as 提示 on
 * the wall, and 提示 as 通知).
 */
export const NOTICE_LEVEL_LABELS: Readonly<Record<Notice['level'], { zh: string; en: string }>> = {
  info: { zh: '提示', en: 'Info' },
  warn: { zh: '注意', en: 'Warning' },
  urgent: { zh: '紧急', en: 'Urgent' },
};
