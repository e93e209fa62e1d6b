import { describe, expect, it } from 'vitest';
import { buildScene, checkAccountName, checkNewUser, checkNotice, checkReplay, retryAfterSeconds } from './forms';
import { POLICY_FLOOR_RULES } from './password';

describe('form checks', () => {
  it('builds scenes with or without a highlight', () => {
    expect(buildScene('map', 'subdistrict', '440304006')).toEqual({ module: 'map', highlight: { type: 'subdistrict', id: '440304006' } });
    expect(buildScene('auto', 'none', 'ignored')).toEqual({ module: 'auto' });
    expect(buildScene('structure', 'sector', '')).toEqual({ module: 'structure' });
    expect(buildScene('map', 'none', '', true)).toEqual({ module: 'map', layout: 'single' });
    expect(buildScene('auto', 'none', '', true)).toEqual({ module: 'auto' });
  });

  it('checks a notice: zh required, en falls back to zh, expiry in minutes → seconds', () => {
    expect(checkNotice({ zh: '  ', en: 'x', level: 'info', ttlMin: 10 })).toEqual({ ok: false, error: 'notice.zhRequired' });
    expect(checkNotice({ zh: '字'.repeat(201), en: '', level: 'info', ttlMin: 10 })).toEqual({ ok: false, error: 'notice.tooLong' });
    expect(checkNotice({ zh: '好', en: '', level: 'warn', ttlMin: 0.05 })).toEqual({ ok: false, error: 'notice.ttlRange' });
    expect(checkNotice({ zh: '好', en: '', level: 'warn', ttlMin: 1441 })).toEqual({ ok: false, error: 'notice.ttlRange' });
    expect(checkNotice({ zh: '好', en: '', level: 'warn', ttlMin: Number.NaN })).toEqual({ ok: false, error: 'notice.ttlRange' });
    expect(checkNotice({ zh: ' 参观开始 ', en: '', level: 'urgent', ttlMin: 1.5 })).toEqual({
      ok: true,
      value: { text: { zh: '参观开始', en: '参观开始' }, level: 'urgent', ttlS: 90 },
    });
    expect(checkNotice({ zh: '好', en: 'Hi', level: 'info', ttlMin: 10 })).toMatchObject({ ok: true, value: { text: { en: 'Hi' }, ttlS: 600 } });
  });

  it('checks a replay range against the server clock', () => {
    const now = 10_000_000;
    expect(checkReplay(null, now, 60, now)).toEqual({ ok: false, error: 'replay.badDate' });
    expect(checkReplay(now, now - 1, 60, now)).toEqual({ ok: false, error: 'replay.badRange' });
    expect(checkReplay(now - 1000, now + 120_000, 60, now)).toEqual({ ok: false, error: 'replay.future' });
    expect(checkReplay(now - 1000, now, 0, now)).toEqual({ ok: false, error: 'replay.badSpeed' });
    // The minute-rounded "now" of a datetime-local input is clamped to the server's now.
    expect(checkReplay(now - 1_800_000, now + 30_000, 60, now)).toEqual({ ok: true, value: { from: now - 1_800_000, to: now, speed: 60 } });
  });

  it('checks account names like the server does, and refuses a shared admin', () => {
    expect(checkAccountName('a')).toEqual({ ok: false, error: 'users.nameRule' });
    expect(checkAccountName('张三')).toEqual({ ok: false, error: 'users.nameRule' });
    expect(checkAccountName('x'.repeat(33))).toEqual({ ok: false, error: 'users.nameRule' });
    expect(checkAccountName('has space')).toEqual({ ok: false, error: 'users.nameRule' });
    expect(checkAccountName('Admin')).toEqual({ ok: false, error: 'users.nameAdmin' });
    expect(checkAccountName(' sys.adm-1_ ')).toEqual({ ok: true, value: 'sys.adm-1_' });
  });

  it('checks a new account: a valid name and a one-time password that meets the policy', () => {
    expect(checkNewUser('a', 'Long-enough-1', POLICY_FLOOR_RULES)).toEqual({ ok: false, error: 'users.nameRule' });
    expect(checkNewUser('duty.1', 'Short-1', POLICY_FLOOR_RULES)).toEqual({ ok: false, error: 'pw.tooShort' });
    expect(checkNewUser('duty.1', 'only-lower-case', POLICY_FLOOR_RULES)).toEqual({ ok: false, error: 'pw.classes' });
    expect(checkNewUser(' duty.1 ', 'Long-enough-1', POLICY_FLOOR_RULES)).toEqual({ ok: true, value: { name: 'duty.1', password: 'Long-enough-1' } });
  });

  it('reads the throttle wait from the body, else the header', () => {
    expect(retryAfterSeconds({ error: 'x', retryAfterS: 12 }, '3')).toBe(12);
    expect(retryAfterSeconds({ error: 'x' }, '7')).toBe(7);
    expect(retryAfterSeconds(null, null)).toBe(1);
    // The server's reason carries the wait too: "too many failed attempts; try again in N s".
    expect(retryAfterSeconds({ error: 'too many failed attempts; try again in 42 s' }, null)).toBe(42);
    expect(retryAfterSeconds({ error: 'x' }, 'soon')).toBe(1);
  });
});
