import { describe, expect, it } from 'vitest';
import type { Alarm, AlarmBoard } from '@futian/shared';
import { alarmView, itemsOnLine } from './alarms';

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
/** Counts as the server makes them (service.ts board()): severities and total over active alarms, unacked over all open. */
const board = (open: Alarm[]): AlarmBoard => {
  const active = open.filter((a) => a.state === 'active');
  return {
    open,
    counts: {
      active: active.length,
      unacked: open.filter((a) => a.ackedAt === null).length,
      critical: active.filter((a) => a.severity === 'critical').length,
      major: active.filter((a) => a.severity === 'major').length,
      minor: active.filter((a) => a.severity === 'minor').length,
    },
  };
};

describe('alarmView', () => {
  it('flashes new alarms, keeps acknowledged active ones calm, and drops cleared ones whether acknowledged or not', () => {
    const v = alarmView(board([
      alarm({ id: 1 }),
      alarm({ id: 2, ackedAt: 5, ackedBy: 'duty' }),
      alarm({ id: 3, state: 'cleared', clearedAt: 9, subdistrict: '440304010' }),
      alarm({ id: 4, state: 'cleared', clearedAt: 9, ackedAt: 8, ackedBy: 'duty' }),
    ]));
    expect(v.items.map((i) => [i.id, i.look])).toEqual([[1, 'new'], [2, 'acked']]);
    expect(v.items[0]!.where).toEqual({ zh: '香蜜湖', en: 'Xiangmihu' });
    // The server counts the cleared, unacknowledged alarm as unacked (the console must ack it); the wall does not.
    expect(v.counts).toEqual({ active: 2, critical: 0, major: 2, minor: 0, unacked: 1 });
  });

  it('orders by severity, then unacknowledged first, then newest', () => {
    const v = alarmView(board([
      alarm({ id: 1, severity: 'minor', raisedAt: 50 }),
      alarm({ id: 2, severity: 'critical', raisedAt: 10, ackedAt: 11, ackedBy: 'duty' }),
      alarm({ id: 3, severity: 'major', raisedAt: 20 }),
      alarm({ id: 4, severity: 'critical', raisedAt: 5 }),
      alarm({ id: 5, severity: 'major', raisedAt: 30 }),
    ]));
    expect(v.items.map((i) => i.id)).toEqual([4, 2, 5, 3, 1]);
    expect(v.counts).toMatchObject({ active: 5, critical: 2, major: 2, minor: 1, unacked: 4 });
  });

  it('puts only sub-districts with an active alarm on the map', () => {
    const v = alarmView(board([alarm({ id: 1 }), alarm({ id: 3, state: 'cleared', subdistrict: '440304010' }), alarm({ id: 4, subdistrict: null })]));
    expect(v.regions).toEqual(['香蜜湖街道']);
    expect(v.items.find((i) => i.id === 4)?.where).toBeNull();
  });

  it('caps the items but keeps every region and the counts', () => {
    const many = Array.from({ length: 14 }, (_, i) => alarm({ id: i, subdistrict: i % 2 ? '440304001' : '440304006', severity: i < 3 ? 'critical' : 'minor' }));
    const v = alarmView(board(many), 3);
    expect(v.items.map((i) => i.severity)).toEqual(['critical', 'critical', 'critical']);
    expect(v.regions).toEqual(['南园街道', '香蜜湖街道']);
    expect(v.counts).toMatchObject({ active: 14, critical: 3, minor: 11, unacked: 14 });
  });

  it('takes the total and severities from the server counts when its list was capped', () => {
    const b = board([alarm({ id: 1, severity: 'critical' })]);
    b.counts = { ...b.counts, active: 60, critical: 20, major: 30, minor: 10 };
    expect(alarmView(b).counts).toMatchObject({ active: 60, critical: 20, major: 30, minor: 10 });
  });

  it('knows nothing from a missing or malformed slot, and says there are no alarms only from a real board', () => {
    expect(alarmView(undefined)).toMatchObject({ known: false, items: [] });
    expect(alarmView({} as AlarmBoard)).toMatchObject({ known: false });
    expect(alarmView(board([]))).toMatchObject({ known: true, items: [], counts: { active: 0 } });
    expect(alarmView(board([alarm({ state: 'cleared' })]))).toMatchObject({ known: true, items: [], counts: { active: 0 } });
  });
});

describe('itemsOnLine', () => {
  const line = { top: 100, right: 1000 };
  it('counts the leading items on the first line, whole', () => {
    expect(itemsOnLine(line, [{ top: 100, right: 300 }, { top: 100, right: 700 }, { top: 100, right: 1000 }, { top: 140, right: 200 }])).toBe(3);
  });
  it('stops at the first item that wrapped, even if a later one would fit', () => {
    expect(itemsOnLine(line, [{ top: 100, right: 300 }, { top: 140, right: 900 }, { top: 100.4, right: 400 }])).toBe(1);
  });
  it('does not count an item too long for the line', () => {
    expect(itemsOnLine(line, [{ top: 100, right: 1300 }])).toBe(0);
    expect(itemsOnLine(line, [])).toBe(0);
  });
});
