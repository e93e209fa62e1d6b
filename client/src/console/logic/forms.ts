import type { Highlight, Label, ModuleId, Notice, SceneRef } from '@futian/shared';
import type { ConsoleKey } from '../strings';
import type { Checked } from './checked';
import { checkAssignedPassword, type PasswordRules } from './password';

/**
 * Form checks run before anything is sent, so the officer gets an immediate,
 * translated reason. The server re-checks everything; these mirror its limits
 * (docs/API.md; the password rules are the policy's, in password.ts).
 */
export const NOTICE_MAX = 200;
export const REPLAY_SPEEDS = [1, 10, 60, 300] as const;
const REPLAY_MAX_SPEED = 3600;

export type { Checked };

const bad = (error: ConsoleKey): { ok: false; error: ConsoleKey } => ({ ok: false, error });

export type HighlightType = 'none' | 'subdistrict' | 'sector' | 'kpi';

/** `alone`: the module fills the screen (layout "single"); meaningless for 'auto', so dropped there. */
export function buildScene(module: ModuleId | 'auto', hlType: HighlightType, hlId: string, alone = false): SceneRef {
  const highlight: Highlight | null = hlType !== 'none' && hlId ? { type: hlType, id: hlId } : null;
  return {
    module,
    ...(alone && module !== 'auto' ? { layout: 'single' } : {}),
    ...(highlight ? { highlight } : {}),
  };
}

export interface NoticeForm {
  zh: string;
  en: string;
  level: Notice['level'];
  ttlMin: number;
}

export function checkNotice(f: NoticeForm): Checked<{ text: Label; level: Notice['level']; ttlS: number }> {
  const zh = f.zh.trim();
  const en = f.en.trim();
  if (!zh) return bad('notice.zhRequired');
  if (zh.length > NOTICE_MAX || en.length > NOTICE_MAX) return bad('notice.tooLong');
  const ttlS = Math.round(f.ttlMin * 60);
  if (!Number.isFinite(ttlS) || ttlS < 5 || ttlS > 24 * 3600) return bad('notice.ttlRange');
  // The server falls back to zh when en is empty; sending zh keeps that explicit.
  return { ok: true, value: { text: { zh, en: en || zh }, level: f.level, ttlS } };
}

export function checkReplay(from: number | null, to: number | null, speed: number, serverNow: number): Checked<{ from: number; to: number; speed: number }> {
  if (from === null || to === null) return bad('replay.badDate');
  if (from >= to) return bad('replay.badRange');
  // datetime-local has minute precision: "now" rounded up to the minute is fine.
  if (to > serverNow + 60_000) return bad('replay.future');
  if (!(speed >= 1 && speed <= REPLAY_MAX_SPEED)) return bad('replay.badSpeed');
  return { ok: true, value: { from, to: Math.min(to, serverNow), speed } };
}

/** 2–32 of letters, digits, _ . - (docs/API.md); 'admin' is refused: no shared account. */
export function checkAccountName(name: string): Checked<string> {
  const n = name.trim();
  if (!/^[A-Za-z0-9_.-]{2,32}$/.test(n)) return bad('users.nameRule');
  if (n.toLowerCase() === 'admin') return bad('users.nameAdmin');
  return { ok: true, value: n };
}

/** A new account: a name and its one-time password (the user replaces it at first sign-in; the role is the security admin's). */
export function checkNewUser(name: string, password: string, rules: PasswordRules): Checked<{ name: string; password: string }> {
  const n = checkAccountName(name);
  if (!n.ok) return n;
  const pw = checkAssignedPassword(password, rules, n.value);
  if (!pw.ok) return pw;
  return { ok: true, value: { name: n.value, password: pw.value } };
}

/**
 * Seconds to wait after a throttled sign-in: the body's retryAfterS, else the
 * Retry-After header, else the "try again in N s" of the server's reason.
 */
export function retryAfterSeconds(body: unknown, header: string | null): number {
  const b = body && typeof body === 'object' ? (body as { retryAfterS?: unknown; error?: unknown }) : {};
  const fromText = typeof b.error === 'string' ? /in (\d+) ?s\b/.exec(b.error)?.[1] : undefined;
  for (const v of [b.retryAfterS, header, fromText]) {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
    if (Number.isFinite(n) && n > 0) return Math.ceil(n);
  }
  return 1;
}
