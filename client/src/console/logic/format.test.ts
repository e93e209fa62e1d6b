import { describe, expect, it, vi } from 'vitest';
import { actionLabel, ago, clock, dateTime, detailText, duration, fromDatetimeLocal, highlightLabel, roomLabel, sceneLabel, subdistrictName, toDatetimeLocal } from './format';

describe('console formatting', () => {
  it('says how long ago in zh and en', () => {
    expect(ago(500, 'zh')).toBe('刚刚');
    expect(ago(-3000, 'zh')).toBe('刚刚');
    expect(ago(12_400, 'zh')).toBe('12 秒前');
    expect(ago(12_400, 'en')).toBe('12 s ago');
    expect(ago(3 * 60_000 + 5_000, 'zh')).toBe('3 分钟前');
    expect(ago(5 * 3_600_000, 'en')).toBe('5 h ago');
    expect(ago(3 * 86_400_000, 'zh')).toBe('3 天前');
  });

  it('formats countdowns, rounding up so 0:00 means done', () => {
    expect(duration(0)).toBe('0:00');
    expect(duration(-5)).toBe('0:00');
    expect(duration(1)).toBe('0:01');
    expect(duration(59_001)).toBe('1:00');
    expect(duration(125_000)).toBe('2:05');
    expect(duration(3_600_000 + 61_000)).toBe('1:01:01');
  });

  it('reads and writes China time whatever the PC\'s timezone', () => {
    // Another timezone for this test: Node applies TZ when it is assigned.
    vi.stubEnv('TZ', 'America/New_York');
    try {
      // 2026-11-03T01:07:00Z is 09:07 in Shanghai and 20:07 the day before in New York.
      const ts = Date.UTC(2026, 10, 3, 1, 7);
      expect(new Date(ts).getHours()).toBe(20);
      expect(toDatetimeLocal(ts)).toBe('2026-11-03T09:07');
      expect(fromDatetimeLocal('2026-11-03T09:07')).toBe(ts);
      expect(fromDatetimeLocal('2026-11-03T09:07:30')).toBe(ts + 30_000);
      expect(fromDatetimeLocal('')).toBeNull();
      expect(fromDatetimeLocal('yesterday')).toBeNull();
      expect(clock(ts + 5_000)).toBe('09:07:05');
      expect(dateTime(ts)).toBe('2026-11-03 09:07:00');
      // Across midnight and a New York DST change (2026-11-01), still +08:00 wall-clock digits.
      expect(dateTime(Date.UTC(2026, 9, 31, 16, 0, 1))).toBe('2026-11-01 00:00:01');
      expect(dateTime(Date.UTC(2026, 10, 1, 7, 30))).toBe('2026-11-01 15:30:00');
      vi.stubEnv('TZ', 'UTC');
      expect(new Date(ts).getHours()).toBe(1);
      expect(clock(ts)).toBe('09:07:00');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('names rooms, sub-districts, highlights and scenes', () => {
    expect(roomLabel('live', 'zh')).toBe('实时');
    expect(roomLabel('demo', 'en')).toBe('Demo');
    expect(roomLabel('replay:ab12cd34', 'zh')).toBe('回放 ab12cd34');
    expect(roomLabel('', 'zh')).toBe('—');
    expect(subdistrictName('440304006', 'zh')).toBe('香蜜湖街道');
    expect(subdistrictName(null, 'en')).toBe('—');
    expect(highlightLabel({ type: 'sector', id: 'fintech' }, 'zh')).toBe('重点领域 · 金融科技');
    expect(highlightLabel({ type: 'kpi', id: 'de.core.valueAdded' }, 'en')).toBe('KPI · Core value added');
    expect(highlightLabel({ type: 'mapLayer', id: 'firms' }, 'zh')).toBe('地图图层 · 企业分布');
    expect(highlightLabel({ type: 'subdistrict', id: 'nowhere' }, 'zh')).toBe('街道 · nowhere');
    expect(sceneLabel(null, 'zh')).toBe('自动（按布局）');
    expect(sceneLabel({ module: 'map', highlight: { type: 'subdistrict', id: '440304010' } }, 'zh')).toBe('产业地图 · 街道 · 福保街道');
  });

  it('describes audit rows compactly', () => {
    expect(actionLabel('scene:set', 'zh')).toBe('切换场景 (scene:set)');
    expect(actionLabel('something.new', 'zh')).toBe('something.new');
    for (const a of ['screen:approve', 'screen:configure', 'screen:revoke', 'screen:forget', 'screen:enroll', 'enroll:create', 'enroll:revoke']) {
      expect(actionLabel(a, 'zh')).toMatch(new RegExp(`^\\S.* \\(${a}\\)$`));
      expect(actionLabel(a, 'en')).not.toBe(a);
    }
    expect(detailText({ scene: { module: 'map' }, comment: 'ok', skip: undefined })).toBe('scene={"module":"map"} · comment=ok');
    expect(detailText({ text: 'x'.repeat(300) }, 20)).toHaveLength(20);
  });

  it('shows a replay row\'s from and to as China time, not epoch milliseconds', () => {
    const from = Date.UTC(2026, 11, 5, 1, 30); // 09:30 in Shanghai
    const detail = { id: 'ab12cd34', from, to: from + 30 * 60_000, speed: 10 };
    expect(detailText(detail, 160, 'replay:start')).toBe('id=ab12cd34 · from=2026-12-05 09:30:00 · to=2026-12-05 10:00:00 · speed=10');
    // Other actions' numbers stay numbers.
    expect(detailText({ index: 3, from: 5 }, 160, 'tour:resume')).toBe('index=3 · from=5');
  });
});
