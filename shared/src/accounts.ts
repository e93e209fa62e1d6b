import type { Role } from './roles.js';

/** Console accounts as the console and the administrators see them (no secrets ever leave the server). */

/**
 * Steps a user must finish before anything else is allowed:
 * - 'rename': the first-start admin must take a personal name (no shared admin);
 * - 'password': a one-time, reset or expired password must be replaced;
 * - 'totp': an admin role must enrol a second factor when WALL_REQUIRE_2FA is on.
 */
export type PendingStep = 'rename' | 'password' | 'totp';

export interface ConsoleUser {
  id: number;
  name: string;
  role: Role;
  /** In the order the console asks for them; empty when the account is ready. */
  pending: PendingStep[];
  totpEnabled: boolean;
  /** When the password must be changed (policy expiry); null when it never expires. */
  passwordExpiresAt: number | null;
}

/** An account as the administrators list it. */
export interface UserInfo extends ConsoleUser {
  disabled: boolean;
  createdAt: number;
  lastLoginAt: number | null;
  /** Unused recovery codes left (only the count is ever shown again). */
  recoveryCodesLeft: number;
}

/** A console session as the security admin lists it. `id` is public: it is not the cookie and grants nothing. */
export interface SessionInfo {
  id: string;
  userId: number;
  user: string;
  role: Role;
  address: string;
  userAgent: string;
  createdAt: number;
  lastSeen: number;
  /** The earlier of the idle and the absolute limit. */
  expiresAt: number;
  current: boolean;
}

/** The identity policy (等保 8.1.4.1). Defaults from the environment; the security admin may tighten or relax it within floors. */
export interface IdentityPolicy {
  minLength: number;
  /** Of lower case, upper case, digits and symbols. */
  minClasses: number;
  /** Days before a password must be changed; 0 = never. */
  maxAgeDays: number;
  /** A new password may not be any of the last N. */
  historyCount: number;
  idleMinutes: number;
  absoluteHours: number;
  /** Admin roles (sysadmin, secadmin, auditor) must use a second factor. */
  require2fa: boolean;
}

