import type { Highlight, Label, ModuleId, Notice, Role, SceneRef } from '@futian/shared';
import type { ConsoleKey } from '../strings';

/**
 * Form checks run before anything is sent, so the officer gets an immediate,
 * translated reason. The server re-checks everything; these mirror its limits
 * (server/src/console/passwords.ts, namespace.ts, replay/service.ts).
 */
export const PASSWORD_MIN = 10;
export const NOTICE_MAX = 200;
export const REPLAY_SPEEDS = [1, 10, 60, 300] as const;
const REPLAY_MAX_SPEED = 3600;

export type Checked<T> = { ok: true; value: T } | { ok: false; error: ConsoleKey };

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

export function checkNewPassword(next: string, confirm: string, current?: string): Checked<string> {
  if (current !== undefined && !current) return bad('pw.currentRequired');
  if (next.length < PASSWORD_MIN) return bad('pw.tooShort');
  if (next.length > 256) return bad('pw.tooLong');
  if (next !== confirm) return bad('pw.mismatch');
  if (current !== undefined && next === current) return bad('pw.same');
  return { ok: true, value: next };
}

export function checkNewUser(name: string, role: Role, password: string): Checked<{ name: string; role: Role; password: string }> {
  const n = name.trim();
  if (!/^[\w.-]{2,32}$/.test(n)) return bad('users.nameRule');
  if (password.length < PASSWORD_MIN) return bad('pw.tooShort');
  if (password.length > 256) return bad('pw.tooLong');
  return { ok: true, value: { name: n, role, password } };
}

/** Seconds to wait after a throttled sign-in: the body's retryAfterS, else the Retry-After header. */
export function retryAfterSeconds(body: unknown, header: string | null): number {
  const fromBody = body && typeof body === 'object' ? (body as { retryAfterS?: unknown }).retryAfterS : undefined;
  const n = typeof fromBody === 'number' ? fromBody : Number(header);
  return Number.isFinite(n) && n > 0 ? Math.ceil(n) : 1;
}
