import { ScreenConfig, type Alarm } from '@futian/shared';
import type { EnrollLinkRow, ScreenRow } from './ops-types.js';

/**
 * Rows of the operations tables as both engines return them (the same column
 * names and types), and their mapping to the repository's shapes.
 */

export interface AlarmDb {
  id: number;
  rule_id: string;
  subject: string;
  subdistrict: string | null;
  severity: Alarm['severity'];
  title: string;
  message: string;
  state: Alarm['state'];
  raised_at: number;
  cleared_at: number | null;
  acked_at: number | null;
  acked_by: string | null;
  ack_comment: string | null;
  value: number | null;
}

export interface ScreenDb {
  id: string;
  name: string;
  layout: string;
  screen: string;
  mode: string;
  credential_hash: string | null;
  status: 'enrolled' | 'revoked';
  enrolled_at: number;
  enrolled_by: string;
  revoked_at: number | null;
  address: string;
  last_seen: number;
}
export interface LinkDb {
  id: string;
  token_hash: string;
  screen_id: string | null;
  name: string;
  layout: string;
  screen: string;
  mode: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  used_screen: string | null;
}

/**
 * A stored configuration is checked like one sent by the console: a row edited
 * by hand to a layout the wall does not know falls back to auto, not to a
 * blank screen.
 */
export function configOf(r: { name: string; layout: string; screen: string; mode: string }): ScreenConfig {
  const c = ScreenConfig.safeParse(r);
  return c.success ? c.data : { name: r.name.slice(0, 64) || '?', layout: 'auto', screen: 'auto', mode: 'live' };
}

export const toScreen = (r: ScreenDb): ScreenRow => ({
  id: r.id,
  ...configOf(r),
  credentialHash: r.credential_hash,
  status: r.status,
  enrolledAt: r.enrolled_at,
  enrolledBy: r.enrolled_by,
  revokedAt: r.revoked_at,
  address: r.address,
  lastSeen: r.last_seen,
});
export const toLink = (r: LinkDb): EnrollLinkRow => ({
  id: r.id,
  tokenHash: r.token_hash,
  screenId: r.screen_id,
  ...configOf(r),
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
  usedScreen: r.used_screen,
});
/** Column per field; `satisfies` makes a field added to ScreenRow without a column a compile error. */
export const SCREEN_COLUMNS = {
  name: 'name',
  layout: 'layout',
  screen: 'screen',
  mode: 'mode',
  credentialHash: 'credential_hash',
  status: 'status',
  enrolledAt: 'enrolled_at',
  enrolledBy: 'enrolled_by',
  revokedAt: 'revoked_at',
  address: 'address',
  lastSeen: 'last_seen',
} satisfies Record<keyof Omit<ScreenRow, 'id'>, string>;
export const SCREEN_COLS = new Map<string, string>(Object.entries(SCREEN_COLUMNS));

export const toAlarm = (r: AlarmDb): Alarm => ({
  id: r.id,
  ruleId: r.rule_id,
  subject: r.subject,
  subdistrict: r.subdistrict,
  severity: r.severity,
  title: JSON.parse(r.title) as Alarm['title'],
  message: JSON.parse(r.message) as Alarm['message'],
  state: r.state,
  raisedAt: r.raised_at,
  clearedAt: r.cleared_at,
  ackedAt: r.acked_at,
  ackedBy: r.acked_by,
  ackComment: r.ack_comment,
  value: r.value,
});
