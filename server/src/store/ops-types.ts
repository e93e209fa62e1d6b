import type { Alarm, ScreenConfig } from '@futian/shared';

/**
 * Persistence for wall operations: alarms, known screens and enrollment links
 * (accounts and the audit trail have their own repositories). Kept apart from telemetry storage so the ingest
 * repository stays small; the SQLite store implements both over one file.
 */
export interface ScreenRow extends ScreenConfig {
  id: string;
  /** SHA-256 of the screen's credential; null once revoked. */
  credentialHash: string | null;
  status: 'enrolled' | 'revoked';
  enrolledAt: number;
  enrolledBy: string;
  revokedAt: number | null;
  address: string;
  lastSeen: number;
}

export interface EnrollLinkRow extends ScreenConfig {
  id: string;
  tokenHash: string;
  /** The id the screen will get, when the operator chose one. */
  screenId: string | null;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  usedScreen: string | null;
}

export interface OpsRepo {
  insertAlarm(a: Omit<Alarm, 'id'>): Promise<Alarm>;
  updateAlarm(a: Alarm): Promise<void>;
  /** Alarms not yet closed: active, or cleared but not acknowledged. */
  openAlarms(): Promise<Alarm[]>;

  /** False when the id is taken. */
  insertScreen(s: ScreenRow): Promise<boolean>;
  updateScreen(id: string, patch: Partial<Omit<ScreenRow, 'id'>>): Promise<void>;
  deleteScreen(id: string): Promise<boolean>;
  listScreens(): Promise<ScreenRow[]>;

  insertEnrollLink(l: EnrollLinkRow): Promise<void>;
  /**
   * Marks an unused, unexpired link used and returns it; undefined when there
   * is no such link, or it expired, or another page used it first. One
   * statement, so two pages racing for one link cannot both win.
   */
  takeEnrollLink(tokenHash: string, now: number): Promise<EnrollLinkRow | undefined>;
  setEnrollLinkScreen(id: string, screenId: string): Promise<void>;
  deleteEnrollLink(id: string): Promise<boolean>;
  /** Links not yet expired, and used ones from the last day. */
  listEnrollLinks(now: number): Promise<EnrollLinkRow[]>;
}
