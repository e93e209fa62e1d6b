import { describe, expect, it } from 'vitest';
import type { Alarm, AlarmBoard } from '@futian/shared';
import { alarmView, lookOf } from './alarms';

const alarm = (over: Partial<Alarm>): Alarm => ({
  id: 1,
  ruleId: 'r',
  subject: '440304006',
  subdistrict: '440304006',
  severity: 'major',
  title: { zh: '杆在线率低', en: 'Pole online rate low' },
  message: { zh: '香蜜湖 93%', en: 'Xiangmihu 93%' },
  state: 'active',
  raisedAt: 1,
  clearedAt: null,
  ackedAt: null,
  ackedBy: null,
  ackComment: null,
  value: 93,
  ...over,
});
const board = (open: Alarm[]): AlarmBoard => ({
  open,
  counts: { active: open.filter((a) => a.state === 'active').length, unacked: open.filter((a) => a.ackedAt === null).length, critical: 0, major: 1, minor: 0 },
});

describe('alarmView', () => {
  it('flashes new alarms, not acknowledged or cleared ones', () => {
    const v = alarmView(board([
      alarm({ id: 1 }),
      alarm({ id: 2, ackedAt: 5, ackedBy: 'duty' }),
      alarm({ id: 3, state: 'cleared', clearedAt: 9, subdistrict: '440304010' }),
    ]));
    expect(v.items.map((i) => [i.id, i.look, i.flashing])).toEqual([[1, 'new', true], [2, 'acked', false], [3, 'cleared', false]]);
    expect(v.items[1]!.ackedBy).toBe('duty');
    expect(v.items[0]!.where).toEqual({ zh: '香蜜湖', en: 'Xiangmihu' });
  });

  it('puts only sub-districts with an active alarm on the map', () => {
    const v = alarmView(board([alarm({ id: 1 }), alarm({ id: 3, state: 'cleared', subdistrict: '440304010' }), alarm({ id: 4, subdistrict: null })]));
    expect(v.regions).toEqual(['香蜜湖街道']);
    expect(v.items.find((i) => i.id === 4)?.where).toBeNull();
  });

  it('caps the list but keeps every region and the counts', () => {
    const many = Array.from({ length: 8 }, (_, i) => alarm({ id: i, subdistrict: i % 2 ? '440304001' : '440304006' }));
    const v = alarmView(board(many), 3);
    expect(v.items).toHaveLength(3);
    expect(v.regions).toEqual(['南园街道', '香蜜湖街道']);
    expect(v.counts.active).toBe(8);
  });

  it('is empty for a missing or malformed slot', () => {
    expect(alarmView(undefined).items).toEqual([]);
    expect(alarmView({} as AlarmBoard).counts.active).toBe(0);
  });

  it('treats cleared as history even when unacknowledged', () => {
    expect(lookOf(alarm({ state: 'cleared' }))).toBe('cleared');
  });
});
