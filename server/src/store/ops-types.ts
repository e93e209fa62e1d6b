import type { Alarm, AuditEntry, Role } from '@futian/shared';

/**
 * Persistence for wall operations: console users and sessions, the audit trail,
 * alarms and known screens. Kept apart from telemetry storage so the ingest
 * repository stays small; the SQLite store implements both over one file.
 */
export interface UserRow {
  id: number;
  name: string;
  role: Role;
  salt: string;
  hash: string;
  mustChange: boolean;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface ScreenRow {
  id: string;
  name: string;
  layout: string;
  screen: string;
  firstSeen: number;
  lastSeen: number;
}

export interface OpsRepo {
  countUsers(): Promise<number>;
  userByName(name: string): Promise<UserRow | undefined>;
  userById(id: number): Promise<UserRow | undefined>;
  listUsers(): Promise<UserRow[]>;
  createUser(u: Omit<UserRow, 'id' | 'createdAt' | 'updatedAt'>): Promise<UserRow>;
  updateUser(id: number, patch: Partial<Pick<UserRow, 'role' | 'salt' | 'hash' | 'mustChange' | 'disabled'>>): Promise<void>;

  createSession(tokenHash: string, userId: number, expiresAt: number): Promise<void>;
  session(tokenHash: string, now: number): Promise<{ userId: number; expiresAt: number } | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteUserSessions(userId: number): Promise<void>;

  insertAudit(e: Omit<AuditEntry, 'id'>): Promise<AuditEntry>;
  listAudit(before: number | null, limit: number): Promise<AuditEntry[]>;

  insertAlarm(a: Omit<Alarm, 'id'>): Promise<Alarm>;
  updateAlarm(a: Alarm): Promise<void>;
  /** Alarms not yet closed: active, or cleared but not acknowledged. */
  openAlarms(): Promise<Alarm[]>;

  upsertScreen(s: ScreenRow): Promise<void>;
  listScreens(): Promise<ScreenRow[]>;
}
