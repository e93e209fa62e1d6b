import { can, type ConsoleUser, type PendingStep, type Role } from '@futian/shared';

/**
 * What each role sees. The server checks every request against the same table
 * (shared/src/roles.ts); the console only hides what would be refused, so an
 * officer never meets a button that can only fail.
 */
export type Tab = 'control' | 'alarms' | 'stats' | 'users' | 'sessions' | 'policy' | 'audit';

const TABS: ReadonlyArray<{ tab: Tab; allowed: (r: Role) => boolean }> = [
  { tab: 'control', allowed: (r) => can(r, 'console.view') },
  { tab: 'alarms', allowed: (r) => can(r, 'console.view') },
  { tab: 'stats', allowed: (r) => can(r, 'stats.publish') },
  { tab: 'users', allowed: (r) => can(r, 'users.list') },
  { tab: 'sessions', allowed: (r) => can(r, 'sessions.manage') },
  { tab: 'policy', allowed: (r) => can(r, 'policy.manage') },
  { tab: 'audit', allowed: (r) => can(r, 'audit.read') },
];

export function tabsFor(role: Role): Tab[] {
  return TABS.filter((x) => x.allowed(role)).map((x) => x.tab);
}

/** The tab to show: the one asked for if the role has it, else the role's first (the auditor's is the audit trail). */
export function tabFor(role: Role, wanted: Tab): Tab {
  const tabs = tabsFor(role);
  return tabs.includes(wanted) ? wanted : (tabs[0] ?? 'control');
}

/**
 * The users panel has two faces (三员分立): the system admin makes, disables and
 * resets accounts; the security admin gives them roles and resets second factors.
 */
export type UsersMode = 'accounts' | 'roles';

export function usersMode(role: Role): UsersMode | null {
  if (can(role, 'users.manage')) return 'accounts';
  if (can(role, 'roles.assign')) return 'roles';
  return null;
}

/** What the control tab lets this role do: read only, drive the walls, manage the screens. */
export interface ControlRights {
  wall: boolean;
  screens: boolean;
}

export function controlRights(role: Role): ControlRights {
  return { wall: can(role, 'wall.control'), screens: can(role, 'screens.manage') };
}

/** The step the setup flow shows, in the server's order; null when the account is ready. */
export function currentStep(user: Pick<ConsoleUser, 'pending'>): PendingStep | null {
  return user.pending[0] ?? null;
}

export const SETUP_ORDER: readonly PendingStep[] = ['rename', 'password', 'totp'];

/** The steps this user is shown in the progress line: those pending now and those already done this sitting. */
export function setupSteps(pending: readonly PendingStep[], done: readonly PendingStep[]): Array<{ step: PendingStep; state: 'done' | 'now' | 'next' }> {
  const first = pending[0];
  return SETUP_ORDER.filter((s) => pending.includes(s) || done.includes(s)).map((step) => ({
    step,
    state: step === first ? 'now' : pending.includes(step) ? 'next' : 'done',
  }));
}

export const EXPIRY_WARN_DAYS = 14;
const DAY_MS = 86_400_000;

/**
 * Whole days until the password expires when that is within the warning window
 * (0 = expires within a day), else null. An expired password is the server's
 * business: it makes 'password' a pending step.
 */
export function expiryWarning(passwordExpiresAt: number | null, now: number): number | null {
  if (passwordExpiresAt === null) return null;
  const left = passwordExpiresAt - now;
  if (left > EXPIRY_WARN_DAYS * DAY_MS) return null;
  return Math.max(0, Math.floor(left / DAY_MS));
}
