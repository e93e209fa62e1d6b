import type { IdentityPolicy } from '@futian/shared';
import type { ConsoleKey } from '../strings';

/**
 * The identity policy form. The floors are the server's (POLICY_FLOORS in
 * server/src/auth/policy.ts, docs/API.md PUT /api/console/policy): the security admin may tighten or relax the policy
 * only within them, and the form shows each field's range beside it.
 */
export type PolicyNumber = Exclude<keyof IdentityPolicy, 'require2fa'>;

export interface PolicyField {
  key: PolicyNumber;
  label: ConsoleKey;
  /** What the number does, under the field. */
  hint: ConsoleKey;
  min: number;
  max: number;
}

export const POLICY_FIELDS: readonly PolicyField[] = [
  { key: 'minLength', label: 'policy.minLength', hint: 'policy.minLength.hint', min: 10, max: 64 },
  { key: 'minClasses', label: 'policy.minClasses', hint: 'policy.minClasses.hint', min: 3, max: 4 },
  { key: 'historyCount', label: 'policy.historyCount', hint: 'policy.historyCount.hint', min: 0, max: 24 },
  { key: 'maxAgeDays', label: 'policy.maxAgeDays', hint: 'policy.maxAgeDays.hint', min: 0, max: 365 },
  { key: 'idleMinutes', label: 'policy.idleMinutes', hint: 'policy.idleMinutes.hint', min: 1, max: 30 },
  { key: 'absoluteHours', label: 'policy.absoluteHours', hint: 'policy.absoluteHours.hint', min: 1, max: 24 },
];

export type PolicyDraft = Record<PolicyNumber, number | string> & { require2fa: boolean };

export type PolicyChecked = { ok: true; value: IdentityPolicy } | { ok: false; field: PolicyField };

/** Whole numbers within each floor; the first field out of range is named. */
export function checkPolicy(d: PolicyDraft): PolicyChecked {
  const out: Partial<IdentityPolicy> = { require2fa: d.require2fa };
  for (const f of POLICY_FIELDS) {
    const raw = d[f.key];
    const n = typeof raw === 'number' ? raw : raw.trim() === '' ? Number.NaN : Number(raw);
    if (!Number.isInteger(n) || n < f.min || n > f.max) return { ok: false, field: f };
    out[f.key] = n;
  }
  return { ok: true, value: out as IdentityPolicy };
}

/** The fields that differ from what the server holds, for the "unsaved" mark and the audit-friendly summary. */
export function policyChanges(before: IdentityPolicy, after: IdentityPolicy): Array<keyof IdentityPolicy> {
  return (Object.keys(after) as Array<keyof IdentityPolicy>).filter((k) => before[k] !== after[k]);
}
