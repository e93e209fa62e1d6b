import type { IdentityPolicy } from '@futian/shared';
import type { Checked } from './checked';
import type { ConsoleKey } from '../strings';

/**
 * The password rules of the identity policy, checked in the browser so the
 * officer sees at once what is missing. The server applies the same policy and
 * more (it alone knows the last N passwords), so its reason is authoritative:
 * a password that passes here may still be refused there.
 */
export type PasswordRules = Pick<IdentityPolicy, 'minLength' | 'minClasses' | 'historyCount'>;

/** What the console assumes before it has read the policy: the floors every policy keeps. */
export const POLICY_FLOOR_RULES: PasswordRules = { minLength: 10, minClasses: 3, historyCount: 0 };
export const PASSWORD_MAX = 256;

/** Lower case, upper case, digits, and anything else as a symbol (a CJK character included). */
const CLASSES: ReadonlyArray<{ key: ConsoleKey; test: RegExp }> = [
  { key: 'pw.class.lower', test: /[a-z]/ },
  { key: 'pw.class.upper', test: /[A-Z]/ },
  { key: 'pw.class.digit', test: /[0-9]/ },
  { key: 'pw.class.symbol', test: /[^A-Za-z0-9]/ },
];

export const PASSWORD_CLASS_KEYS: readonly ConsoleKey[] = CLASSES.map((c) => c.key);

/** The character classes a password uses, as string keys in a fixed order. */
export function classesOf(pw: string): ConsoleKey[] {
  return CLASSES.filter((c) => c.test.test(pw)).map((c) => c.key);
}

/**
 * The first rule a password breaks, or null. In the server's order and by its
 * measure (server/src/auth/policy.ts: length in UTF-16 units, the account name
 * not inside the password once the name has 3 characters).
 */
export function passwordProblem(pw: string, rules: PasswordRules, account?: string): ConsoleKey | null {
  if (pw.length > PASSWORD_MAX) return 'pw.tooLong';
  if (pw.length < rules.minLength) return 'pw.tooShort';
  if (classesOf(pw).length < rules.minClasses) return 'pw.classes';
  if (account && account.length >= 3 && pw.toLowerCase().includes(account.toLowerCase())) return 'pw.hasName';
  return null;
}

/** One row per rule for the form's checklist: met or not yet. */
export function ruleChecklist(pw: string, rules: PasswordRules): Array<{ key: 'pw.rule.length' | 'pw.rule.classes'; met: boolean }> {
  return [
    { key: 'pw.rule.length', met: pw.length >= rules.minLength && pw.length <= PASSWORD_MAX },
    { key: 'pw.rule.classes', met: classesOf(pw).length >= rules.minClasses },
  ];
}

/** A password change as the form sends it: current given, the policy met, typed twice, and new. */
export function checkPasswordChange(current: string, next: string, confirm: string, rules: PasswordRules, account?: string): Checked<string> {
  if (!current) return { ok: false, error: 'pw.currentRequired' };
  const problem = passwordProblem(next, rules, account);
  if (problem) return { ok: false, error: problem };
  if (next !== confirm) return { ok: false, error: 'pw.mismatch' };
  if (next === current) return { ok: false, error: 'pw.same' };
  return { ok: true, value: next };
}

/** An initial or reset password set by an administrator: the same policy, no confirmation (the user replaces it at first sign-in). */
export function checkAssignedPassword(pw: string, rules: PasswordRules, account?: string): Checked<string> {
  const problem = passwordProblem(pw, rules, account);
  return problem ? { ok: false, error: problem } : { ok: true, value: pw };
}
