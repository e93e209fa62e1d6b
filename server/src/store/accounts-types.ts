import type { Role } from '@futian/shared';

/** A console account as stored. Secrets are hashes (password: scrypt; recovery codes: SHA-256). */
export interface UserRow {
  id: number;
  name: string;
  role: Role;
  salt: string;
  hash: string;
  /** A one-time or reset password: must be replaced before anything else. */
  mustChange: boolean;
  /** The first-start admin: must take a personal name. */
  mustRename: boolean;
  disabled: boolean;
  passwordChangedAt: number;
  /** The active TOTP secret (base32), or null. */
  totpSecret: string | null;
  /** A secret being set up, not active until a code from it is confirmed. */
  totpPending: string | null;
  /** The last TOTP time step accepted: a code is good once (RFC 6238 §5.2). */
  totpLastStep: number;
  lastLoginAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export type UserPatch = Partial<
  Pick<
    UserRow,
    'name' | 'role' | 'salt' | 'hash' | 'mustChange' | 'mustRename' | 'disabled' | 'passwordChangedAt' | 'totpSecret' | 'totpPending' | 'totpLastStep' | 'lastLoginAt'
  >
>;

export interface SessionRow {
  /** Public id (listing, ending a session); the cookie's hash is never shown. */
  id: string;
  tokenHash: string;
  userId: number;
  createdAt: number;
  lastSeen: number;
  /** The absolute limit, fixed at sign-in. */
  expiresAt: number;
  address: string;
  userAgent: string;
}

/** Accounts, sessions, password history, recovery codes and settings. */
export interface AccountsRepo {
  countUsers(): Promise<number>;
  userByName(name: string): Promise<UserRow | undefined>;
  userById(id: number): Promise<UserRow | undefined>;
  listUsers(): Promise<UserRow[]>;
  /** Undefined when the name is taken (names are unique without regard to case). */
  createUser(u: Pick<UserRow, 'name' | 'role' | 'salt' | 'hash' | 'mustChange' | 'mustRename' | 'disabled'>, now: number): Promise<UserRow | undefined>;
  /** False when a new name is taken. */
  updateUser(id: number, patch: UserPatch, now: number): Promise<boolean>;

  /** The last `n` password hashes of a user (the current one included), newest first. */
  passwordHistory(userId: number, n: number): Promise<Array<{ salt: string; hash: string }>>;
  addPasswordHistory(userId: number, salt: string, hash: string, at: number, keep: number): Promise<void>;

  setRecoveryCodes(userId: number, codeHashes: string[]): Promise<void>;
  /** Spends a recovery code; false when it is unknown or spent. One statement, so two sign-ins can't both spend it. */
  useRecoveryCode(userId: number, codeHash: string, at: number): Promise<boolean>;
  recoveryCodesLeft(userId: number): Promise<number>;

  createSession(s: SessionRow): Promise<void>;
  sessionByHash(tokenHash: string): Promise<SessionRow | undefined>;
  sessionById(id: string): Promise<SessionRow | undefined>;
  touchSession(tokenHash: string, at: number): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteUserSessions(userId: number): Promise<void>;
  listSessions(): Promise<SessionRow[]>;
  /** Drops sessions past their absolute limit or idle for longer than idleMs. */
  purgeSessions(now: number, idleMs: number): Promise<number>;

  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string, at: number): Promise<void>;
}
