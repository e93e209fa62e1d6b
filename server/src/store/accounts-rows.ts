import type { Role } from '@futian/shared';
import type { SessionRow, UserPatch, UserRow } from './accounts-types.js';

/** Account and session rows as both engines return them, and their mapping. */

export interface UserDb {
  id: number;
  name: string;
  role: string;
  salt: string;
  hash: string;
  /** 0/1 in SQLite, boolean in PostgreSQL. */
  must_change: number | boolean;
  must_rename: number | boolean;
  disabled: number | boolean;
  password_changed_at: number;
  totp_secret: string | null;
  totp_pending: string | null;
  totp_last_step: number;
  last_login_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface SessionDb {
  id: string;
  token_hash: string;
  user_id: number;
  created_at: number;
  last_seen: number;
  expires_at: number;
  address: string;
  user_agent: string;
}

export const toUser = (r: UserDb): UserRow => ({
  id: r.id,
  name: r.name,
  role: r.role as Role,
  salt: r.salt,
  hash: r.hash,
  mustChange: Boolean(r.must_change),
  mustRename: Boolean(r.must_rename),
  disabled: Boolean(r.disabled),
  passwordChangedAt: r.password_changed_at,
  totpSecret: r.totp_secret,
  totpPending: r.totp_pending,
  totpLastStep: r.totp_last_step,
  lastLoginAt: r.last_login_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toSession = (r: SessionDb): SessionRow => ({
  id: r.id,
  tokenHash: r.token_hash,
  userId: r.user_id,
  createdAt: r.created_at,
  lastSeen: r.last_seen,
  expiresAt: r.expires_at,
  address: r.address,
  userAgent: r.user_agent,
});

/** Column of each patchable field. */
export const USER_COLS: Record<keyof UserPatch, string> = {
  name: 'name',
  role: 'role',
  salt: 'salt',
  hash: 'hash',
  mustChange: 'must_change',
  mustRename: 'must_rename',
  disabled: 'disabled',
  passwordChangedAt: 'password_changed_at',
  totpSecret: 'totp_secret',
  totpPending: 'totp_pending',
  totpLastStep: 'totp_last_step',
  lastLoginAt: 'last_login_at',
};
