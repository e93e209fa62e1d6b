import { describe, expect, it } from 'vitest';
import { checkAssignedPassword, checkPasswordChange, classesOf, passwordProblem, POLICY_FLOOR_RULES, ruleChecklist } from './password';

const rules = { minLength: 12, minClasses: 3, historyCount: 5 };

describe('password rules from the identity policy', () => {
  it('counts lower, upper, digits and anything else as symbols', () => {
    expect(classesOf('abc')).toEqual(['pw.class.lower']);
    expect(classesOf('aB3')).toEqual(['pw.class.lower', 'pw.class.upper', 'pw.class.digit']);
    expect(classesOf('密码-x')).toEqual(['pw.class.lower', 'pw.class.symbol']);
    expect(classesOf('')).toEqual([]);
  });

  it('names the first rule broken: length, then classes', () => {
    expect(passwordProblem('Short-1', rules)).toBe('pw.tooShort');
    expect(passwordProblem('only-lower-case-long', rules)).toBe('pw.classes');
    expect(passwordProblem('UpperAndLowerOnly', rules)).toBe('pw.classes');
    expect(passwordProblem('Upper-lower-and-1', rules)).toBeNull();
    expect(passwordProblem(`Aa1-${'x'.repeat(300)}`, rules)).toBe('pw.tooLong');
    // The test server's first password, which the old 10-character rule let through, fails the floor now.
    expect(passwordProblem('test-admin-password', POLICY_FLOOR_RULES)).toBe('pw.classes');
    expect(passwordProblem('Test-admin-pass-1', POLICY_FLOOR_RULES)).toBeNull();
  });

  it('measures as the server does: UTF-16 length, and no account name inside', () => {
    // 10 characters, 4 of them astral (2 units each): 14 units, as long as the server counts it.
    expect(passwordProblem('Aa1😀😀😀😀-bc', rules)).toBeNull();
    expect(passwordProblem('My-sysadm-pass-1', rules, 'SysAdm')).toBe('pw.hasName');
    expect(passwordProblem('My-op-pass-0001', rules, 'op')).toBeNull();
  });

  it('checks a change: current given, policy met, typed twice, different', () => {
    expect(checkPasswordChange('', 'Upper-lower-and-1', 'Upper-lower-and-1', rules)).toEqual({ ok: false, error: 'pw.currentRequired' });
    expect(checkPasswordChange('old', 'short', 'short', rules)).toEqual({ ok: false, error: 'pw.tooShort' });
    expect(checkPasswordChange('old', 'Upper-lower-and-1', 'Upper-lower-and-2', rules)).toEqual({ ok: false, error: 'pw.mismatch' });
    expect(checkPasswordChange('Upper-lower-and-1', 'Upper-lower-and-1', 'Upper-lower-and-1', rules)).toEqual({ ok: false, error: 'pw.same' });
    expect(checkPasswordChange('old', 'Upper-lower-and-1', 'Upper-lower-and-1', rules)).toEqual({ ok: true, value: 'Upper-lower-and-1' });
  });

  it('checks an assigned password by the same policy', () => {
    expect(checkAssignedPassword('lower-only-long', rules)).toEqual({ ok: false, error: 'pw.classes' });
    expect(checkAssignedPassword('Temp-pass-0001', rules)).toEqual({ ok: true, value: 'Temp-pass-0001' });
    expect(checkAssignedPassword('Welcome-op1-0001', rules, 'op1')).toEqual({ ok: false, error: 'pw.hasName' });
  });

  it('marks each rule met or not for the checklist', () => {
    expect(ruleChecklist('abc', rules)).toEqual([
      { key: 'pw.rule.length', met: false },
      { key: 'pw.rule.classes', met: false },
    ]);
    expect(ruleChecklist('abcdefghijkl', rules).map((x) => x.met)).toEqual([true, false]);
    expect(ruleChecklist('Abcdefghijk1', rules).map((x) => x.met)).toEqual([true, true]);
  });
});
