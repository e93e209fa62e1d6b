import { describe, expect, it } from 'vitest';
import { NOTICE_LEVEL_LABELS } from './notice-levels.js';
import { CONSOLE_REQUESTS } from './console-schemas.js';

describe('notice level labels', () => {
  it('names every level the console may send, once each, in both languages', () => {
    expect(Object.keys(NOTICE_LEVEL_LABELS).sort()).toEqual([...CONSOLE_REQUESTS['notice:send'].shape.level.options].sort());
    expect(NOTICE_LEVEL_LABELS).toEqual({
      info: { zh: '提示', en: 'Info' },
      warn: { zh: '注意', en: 'Warning' },
      urgent: { zh: '紧急', en: 'Urgent' },
    });
    const zh = Object.values(NOTICE_LEVEL_LABELS).map((l) => l.zh);
    expect(new Set(zh).size).toBe(zh.length);
  });
});
