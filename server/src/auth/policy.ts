import { z } from 'zod';
import type { IdentityPolicy } from '@futian/shared';

/**
 * The identity policy (等保 2.0 8.1.4.1): complexity, expiry, reuse, session
 * limits and the second factor. Defaults come from the environment; the
 * security admin may change them from the console, but never below the floors
 * here, which are what a level-3 assessment accepts. Idle ≤ 30 min is the
 * common assessor reading of "logout on timeout" for an admin console.
 */
export const POLICY_FLOORS = {
  minLength: { min: 10, max: 64 },
  minClasses: { min: 3, max: 4 },
  maxAgeDays: { min: 0, max: 365 },
  historyCount: { min: 0, max: 24 },
  idleMinutes: { min: 1, max: 30 },
  absoluteHours: { min: 1, max: 24 },
} as const;

export const DEFAULT_POLICY: IdentityPolicy = {
  minLength: 10,
  minClasses: 3,
  maxAgeDays: 90,
  historyCount: 5,
  idleMinutes: 30,
  absoluteHours: 12,
  require2fa: false,
};

const range = (k: keyof typeof POLICY_FLOORS) =>
  z
    .number({ error: `${k} must be a number` })
    .int(`${k} must be a whole number`)
    .min(POLICY_FLOORS[k].min, `${k} must be ${POLICY_FLOORS[k].min}–${POLICY_FLOORS[k].max}`)
    .max(POLICY_FLOORS[k].max, `${k} must be ${POLICY_FLOORS[k].min}–${POLICY_FLOORS[k].max}`);

export const PolicySchema = z
  .object({
    minLength: range('minLength'),
    minClasses: range('minClasses'),
    maxAgeDays: range('maxAgeDays'),
    historyCount: range('historyCount'),
    idleMinutes: range('idleMinutes'),
    absoluteHours: range('absoluteHours'),
    require2fa: z.boolean({ error: 'require2fa must be true or false' }),
  })
  .strict();

const CLASSES: Array<[RegExp, string]> = [
  [/[a-z]/, 'lower case'],
  [/[A-Z]/, 'upper case'],
  [/[0-9]/, 'digits'],
  [/[^a-zA-Z0-9]/, 'symbols'],
];

/** Why a password does not meet the policy, or null. Reuse is checked by the caller (it needs the hashes). */
export function passwordProblem(pw: unknown, policy: IdentityPolicy, userName?: string): string | null {
  if (typeof pw !== 'string') return 'password must be a string';
  if (pw.length > 256) return 'password is too long (256 characters at most)';
  if (pw.length < policy.minLength) return `password must be at least ${policy.minLength} characters`;
  const classes = CLASSES.filter(([re]) => re.test(pw)).length;
  if (classes < policy.minClasses) {
    return `password must mix at least ${policy.minClasses} of: lower case, upper case, digits, symbols`;
  }
  if (userName && userName.length >= 3 && pw.toLowerCase().includes(userName.toLowerCase())) {
    return 'password must not contain the account name';
  }
  return null;
}

/** When a password set at `changedAt` expires; null when the policy never expires passwords. */
export function passwordExpiresAt(changedAt: number, policy: IdentityPolicy): number | null {
  return policy.maxAgeDays > 0 ? changedAt + policy.maxAgeDays * 86_400_000 : null;
}
