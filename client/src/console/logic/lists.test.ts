import { describe, expect, it } from 'vitest';
import type { Alarm, ReplayMeta, ScreenInfo } from '@futian/shared';
import { sortAlarms } from './alarms';
import { replayProgress, sortReplays } from './replay';
import { allState, pruneSelection, sortScreens, targetsFor, toggleAll, toggleOne } from './selection';

const screen = (id: string, name: string, connected: boolean): ScreenInfo => ({
  id,
  name,
  layout: '1080p',
  screen: 'auto',
  mode: 'live',
  status: 'enrolled',
  reportedLayout: '1080p',
  reportedScreen: 'auto',
  scene: '',
  room: 'live',
  connected,
  address: '127.0.0.1',
  lastSeen: 0,
  enrolledAt: 0,
  enrolledBy: 'admin',
  revokedAt: null,
});

const alarm = (id: number, over: Partial<Alarm>): Alarm => ({
  id,
  ruleId: 'r',
  subject: 's',
  subdistrict: null,
  severity: 'minor',
  title: { zh: '', en: '' },
  message: { zh: '', en: '' },
  state: 'active',
  raisedAt: 0,
  clearedAt: null,
  ackedAt: null,
  ackedBy: null,
  ackComment: null,
  value: null,
  ...over,
});

describe('screen selection', () => {
  const list = [screen('b', '右屏', false), screen('a', '左屏', true), screen('c', '中屏', true)];

  it('lists connected screens first', () => {
    expect(sortScreens(list).map((s) => s.connected)).toEqual([true, true, false]);
  });

  it('selects all, some or none and prunes vanished screens', () => {
    expect(allState([], list)).toBe('none');
    expect(allState(['a'], list)).toBe('some');
    expect(allState(['a', 'b', 'c'], list)).toBe('all');
    expect(toggleAll(['a'], list)).toEqual(['b', 'a', 'c']);
    expect(toggleAll(['a', 'b', 'c'], list)).toEqual([]);
    expect(toggleOne(['a'], 'a')).toEqual([]);
    expect(toggleOne(['a'], 'c')).toEqual(['a', 'c']);
    expect(pruneSelection(['a', 'gone'], list)).toEqual(['a']);
  });

  it('turns the target choice into Targets, refusing an empty selection', () => {
    expect(targetsFor('all', [])).toBe('all');
    expect(targetsFor('selected', [])).toBeNull();
    expect(targetsFor('selected', ['a'])).toEqual(['a']);
  });
});

describe('alarm order', () => {
  it('puts unacknowledged first, then active, then severity, then newest', () => {
    const sorted = sortAlarms([
      alarm(1, { ackedAt: 5, severity: 'critical' }),
      alarm(2, { severity: 'minor', raisedAt: 10 }),
      alarm(3, { severity: 'critical', raisedAt: 1 }),
      alarm(4, { severity: 'critical', raisedAt: 9, state: 'cleared' }),
      alarm(5, { severity: 'minor', raisedAt: 20 }),
    ]);
    expect(sorted.map((a) => a.id)).toEqual([3, 5, 2, 4, 1]);
  });
});

describe('replay progress', () => {
  const meta: ReplayMeta = { id: 'replay:x', from: 0, to: 600_000, speed: 60, cursor: 60_000, state: 'running' };

  it('extrapolates a running replay from the last state push', () => {
    expect(replayProgress(meta, 1_000_000, 1_000_000)).toEqual({ cursor: 60_000, fraction: 0.1 });
    expect(replayProgress(meta, 1_000_000, 1_001_000)).toEqual({ cursor: 120_000, fraction: 0.2 });
    expect(replayProgress(meta, 1_000_000, 1_100_000).fraction).toBe(1);
  });

  it('holds a stopped replay and fills a finished one', () => {
    expect(replayProgress({ ...meta, state: 'stopped' }, 0, 999_999).cursor).toBe(60_000);
    expect(replayProgress({ ...meta, state: 'finished' }, 0, 0).fraction).toBe(1);
  });

  it('lists running replays first', () => {
    expect(sortReplays([{ ...meta, id: 'old', state: 'stopped', from: 9 }, { ...meta, id: 'run' }]).map((r) => r.id)).toEqual(['run', 'old']);
  });
});
