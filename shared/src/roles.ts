/**
 * Roles and what each may do (等保 2.0 8.1.4.2 least privilege, 8.1.5 三员分立).
 *
 * The three administrators are kept apart: the system admin runs accounts and
 * screens, the security admin runs policy, roles and sessions, the auditor reads
 * the audit trail and nothing else. Operators drive the walls; viewers watch.
 * Statisticians load the quarterly and annual figures and nothing else: what
 * the walls show as official statistics is kept apart from who drives them.
 * No role may delete audit rows (only the retention pruner does, past the
 * retention period), and nobody may change their own role. The server checks
 * every REST route and console event against this one table; the console only
 * uses it to hide what the server would refuse anyway.
 */
export const ROLES = ['viewer', 'operator', 'statistician', 'sysadmin', 'secadmin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const ADMIN_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];

export type Permission =
  /** Open the live console: screens, tour, notice, alarms, replays (read). */
  | 'console.view'
  /** Change what the walls show: scenes, tour, notices, replays, alarm acks. */
  | 'wall.control'
  /** Approve, configure, revoke and forget screens; enrollment links. */
  | 'screens.manage'
  /** Create accounts, disable and enable them, reset their passwords. */
  | 'users.manage'
  /** List accounts (both administrators need the list). */
  | 'users.list'
  /** Assign roles, reset a user's second factor. */
  | 'roles.assign'
  /** Read and change the identity policy. */
  | 'policy.manage'
  /** List and end console sessions. */
  | 'sessions.manage'
  /** Read, export and verify the audit trail. */
  | 'audit.read'
  /** Load statistics from a file, publish them as a revision, roll a revision back. */
  | 'stats.publish';

const TABLE: Record<Role, readonly Permission[]> = {
  viewer: ['console.view'],
  operator: ['console.view', 'wall.control'],
  statistician: ['stats.publish'],
  sysadmin: ['console.view', 'screens.manage', 'users.manage', 'users.list'],
  secadmin: ['console.view', 'users.list', 'roles.assign', 'policy.manage', 'sessions.manage'],
  auditor: ['audit.read'],
};

export function can(role: Role, p: Permission): boolean {
  return TABLE[role]?.includes(p) ?? false;
}

export function permissionsOf(role: Role): readonly Permission[] {
  return TABLE[role] ?? [];
}

export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && (ROLES as readonly string[]).includes(x);
}

/** Who did something: a console user, an upstream token (by its source name), a screen, or the server itself. */
export type ActorKind = 'user' | 'token' | 'screen' | 'system' | 'anonymous';
export type AuditOutcome = 'ok' | 'refused' | 'failed';
