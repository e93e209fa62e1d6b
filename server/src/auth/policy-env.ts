import type { IdentityPolicy } from '@futian/shared';
import { DEFAULT_POLICY, PolicySchema } from './policy.js';

/**
 * The identity policy's defaults from the environment. A value outside the
 * floors (shared with the console's policy editor) stops the start with a
 * message naming the variable.
 */
export function policyFromEnv(env: NodeJS.ProcessEnv): IdentityPolicy {
  const vars: Array<[keyof IdentityPolicy, string]> = [
    ['minLength', 'WALL_PASSWORD_MIN_LENGTH'],
    ['minClasses', 'WALL_PASSWORD_CLASSES'],
    ['maxAgeDays', 'WALL_PASSWORD_MAX_AGE_DAYS'],
    ['historyCount', 'WALL_PASSWORD_HISTORY'],
    ['idleMinutes', 'WALL_SESSION_IDLE_MINUTES'],
    ['absoluteHours', 'WALL_SESSION_MAX_HOURS'],
  ];
  const p: Record<string, unknown> = { ...DEFAULT_POLICY };
  for (const [k, v] of vars) {
    const raw = env[v];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (!Number.isInteger(n)) throw new Error(`${v}: '${raw}' is not a whole number`);
    p[k] = n;
  }
  const r2 = env.WALL_REQUIRE_2FA;
  if (r2 !== undefined && r2 !== '') {
    if (!/^(1|0|true|false|on|off)$/i.test(r2)) throw new Error(`WALL_REQUIRE_2FA: '${r2}' must be 1 or 0`);
    p.require2fa = /^(1|true|on)$/i.test(r2);
  }
  const parsed = PolicySchema.safeParse(p);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = vars.find(([k]) => k === issue.path[0])?.[1] ?? 'identity policy';
    throw new Error(`${name}: ${issue.message}`);
  }
  return parsed.data;
}
