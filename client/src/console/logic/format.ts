import { KEY_SECTORS, SUBDISTRICTS, type Highlight, type SceneRef } from '@futian/shared';
import type { Lang } from '../../kit/i18n';
import { translate, type ConsoleKey } from '../strings';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** "n 秒前" from a difference in ms; future or tiny differences read as "just now". */
export function ago(diffMs: number, lang: Lang): string {
  const s = Math.floor(diffMs / 1000);
  if (s < 2) return translate(lang, 'time.justNow');
  if (s < 60) return translate(lang, 'time.secondsAgo', { n: s });
  const m = Math.floor(s / 60);
  if (m < 60) return translate(lang, 'time.minutesAgo', { n: m });
  const h = Math.floor(m / 60);
  if (h < 48) return translate(lang, 'time.hoursAgo', { n: h });
  return translate(lang, 'time.daysAgo', { n: Math.floor(h / 24) });
}

/**
 * The console reads times in China time (Asia/Shanghai), as the wall does, whatever
 * timezone the officer's PC was installed with: a time read off the console must
 * match the clock on the wall. China has kept UTC+8 without daylight saving since
 * 1991, so a fixed offset is exact for every time the system records.
 */
const CHINA_OFFSET_MS = 8 * 3_600_000;
/** A Date whose UTC fields are the China wall-clock fields of `ts`. */
const china = (ts: number): Date => new Date(ts + CHINA_OFFSET_MS);

/** China wall-clock time, HH:mm:ss: the officer compares it with the clock on the wall. */
export function clock(ts: number): string {
  const d = china(ts);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** China date and time, YYYY-MM-DD HH:mm:ss, for logs that span days. */
export function dateTime(ts: number): string {
  const d = china(ts);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${clock(ts)}`;
}

/** A countdown or length: m:ss, or h:mm:ss past an hour. Negative reads as 0:00. */
export function duration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** The value a datetime-local input wants, in China time, to the minute. */
export function toDatetimeLocal(ts: number): string {
  const d = china(ts);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Parses a datetime-local value as China time; null when empty or malformed. */
export function fromDatetimeLocal(v: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(v);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const ts = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)) - CHINA_OFFSET_MS;
  return Number.isFinite(ts) ? ts : null;
}

/** 'live' | 'demo' | 'replay:ab12' as the officer reads it. */
export function roomLabel(room: string, lang: Lang): string {
  if (!room) return translate(lang, 'common.none');
  if (room === 'live') return translate(lang, 'room.live');
  if (room === 'demo') return translate(lang, 'room.demo');
  if (room.startsWith('replay:')) return translate(lang, 'room.replay', { id: room.slice('replay:'.length) });
  return room;
}

export function subdistrictName(adcode: string | null, lang: Lang): string {
  if (!adcode) return translate(lang, 'common.none');
  const s = SUBDISTRICTS.find((x) => x.adcode === adcode);
  return s ? s[lang] : adcode;
}

/** KPI highlights offered in the console: the headline figures the tour also uses. */
export const KPI_CHOICES: ReadonlyArray<{ id: string; zh: string; en: string }> = [
  { id: 'de.core.valueAdded', zh: '核心产业增加值', en: 'Core value added' },
  { id: 'de.core.growth', zh: '核心产业增速', en: 'Core growth' },
  { id: 'de.core.gdpShare', zh: '占 GDP 比重', en: 'Share of GDP' },
  { id: 'innov.carriers', zh: '创新载体', en: 'Innovation carriers' },
  { id: 'ent.leadingIntroduced', zh: '引进龙头企业', en: 'Leading firms introduced' },
  { id: 'infra.bs5g.onlineRate', zh: '5G 基站在线率', en: '5G online rate' },
  { id: 'infra.pole.onlineRate', zh: '智慧杆在线率', en: 'Smart-pole online rate' },
  { id: 'infra.pile.density', zh: '充电桩密度', en: 'Charging-pile density' },
];

/** The 产业地图's industry layers a tour scene may switch to (the wall's map/industry-ids.ts; the console may not import the wall). */
const MAP_LAYERS = [
  { id: 'firms', zh: '企业分布', en: 'Firms' },
  { id: 'subdistricts', zh: '街道产业', en: 'By sub-district' },
  { id: 'places', zh: '楼宇园区', en: 'Buildings & parks' },
  { id: 'boards', zh: '招商图谱', en: 'Investment map' },
  { id: 'carriers', zh: '创新载体', en: 'Innovation carriers' },
];

/** A highlight as words: "街道 · 香蜜湖街道". */
export function highlightLabel(h: Highlight | null | undefined, lang: Lang): string {
  if (!h) return translate(lang, 'hl.none');
  const list =
    h.type === 'subdistrict'
      ? SUBDISTRICTS.map((s) => ({ id: s.adcode, zh: s.zh, en: s.en }))
      : h.type === 'sector'
        ? KEY_SECTORS
        : h.type === 'kpi'
          ? KPI_CHOICES
          : h.type === 'mapLayer'
            ? MAP_LAYERS
            : [];
  const found = list.find((x) => x.id === h.id);
  const typeKey = (h.type === 'board' ? null : `hl.${h.type}`) as ConsoleKey | null;
  return `${typeKey ? translate(lang, typeKey) : h.type} · ${found ? found[lang] : h.id}`;
}

export function sceneLabel(s: SceneRef | null, lang: Lang): string {
  if (!s) return translate(lang, 'module.auto');
  const mod = translate(lang, `module.${s.module}` as ConsoleKey);
  return s.highlight ? `${mod} · ${highlightLabel(s.highlight, lang)}` : mod;
}

const ACTIONS: Record<string, { zh: string; en: string }> = {
  login: { zh: '登录', en: 'Sign in' },
  'login.second-factor': { zh: '双因素验证', en: 'Second factor' },
  logout: { zh: '退出', en: 'Sign out' },
  'session.timeout': { zh: '会话超时', en: 'Session timed out' },
  'session.end': { zh: '结束会话', en: 'Session ended' },
  'user.rename': { zh: '设置账号名称', en: 'Account renamed' },
  'password.change': { zh: '修改密码', en: 'Password change' },
  'totp.setup': { zh: '开始设置双因素', en: '2FA set-up started' },
  'totp.enable': { zh: '启用双因素', en: '2FA on' },
  'totp.disable': { zh: '停用双因素', en: '2FA off' },
  'recovery-codes.new': { zh: '重新生成恢复码', en: 'New recovery codes' },
  'user.create': { zh: '创建用户', en: 'User created' },
  'user.update': { zh: '修改用户', en: 'User updated' },
  'user.disable': { zh: '停用用户', en: 'User disabled' },
  'user.enable': { zh: '启用用户', en: 'User enabled' },
  'user.password-reset': { zh: '重置密码', en: 'Password reset' },
  'user.role': { zh: '分配角色', en: 'Role assigned' },
  'user.totp-reset': { zh: '重置双因素', en: '2FA reset' },
  'policy.update': { zh: '修改身份策略', en: 'Identity policy changed' },
  'audit.read': { zh: '查阅审计日志', en: 'Audit read' },
  'audit.export': { zh: '导出审计日志', en: 'Audit exported' },
  'audit.verify': { zh: '校验审计日志', en: 'Audit verified' },
  'audit.retention': { zh: '审计日志保留期清理', en: 'Audit retention' },
  'session:touch': { zh: '保持会话', en: 'Session kept alive' },
  'scene:set': { zh: '切换场景', en: 'Scene switch' },
  'tour:start': { zh: '开始巡游', en: 'Tour start' },
  'tour:pause': { zh: '暂停巡游', en: 'Tour pause' },
  'tour:resume': { zh: '继续巡游', en: 'Tour resume' },
  'tour:stop': { zh: '停止巡游', en: 'Tour stop' },
  'notice:send': { zh: '发送通知', en: 'Notice sent' },
  'notice:clear': { zh: '清除通知', en: 'Notice cleared' },
  'replay:start': { zh: '开始回放', en: 'Replay start' },
  'replay:stop': { zh: '停止回放', en: 'Replay stop' },
  'alarm:ack': { zh: '确认告警', en: 'Alarm acknowledged' },
  'screen:rename': { zh: '重命名屏幕', en: 'Screen renamed' },
  'screen:approve': { zh: '批准屏幕配对', en: 'Screen approved' },
  'screen:configure': { zh: '配置屏幕', en: 'Screen configured' },
  'screen:revoke': { zh: '吊销屏幕', en: 'Screen revoked' },
  'screen:forget': { zh: '移除屏幕', en: 'Screen removed' },
  'screen:enroll': { zh: '链接注册屏幕', en: 'Screen enrolled by link' },
  'enroll:create': { zh: '创建注册链接', en: 'Enrollment link made' },
  'enroll:revoke': { zh: '作废注册链接', en: 'Enrollment link revoked' },
};

/** The audit action in words, with the raw name kept so it stays searchable. */
export function actionLabel(action: string, lang: Lang): string {
  const a = ACTIONS[action];
  return a ? `${a[lang]} (${action})` : action;
}

/** Detail fields that hold an instant (epoch ms), per audit action: shown as China time. */
const TIME_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'replay:start': ['from', 'to'],
};

/** Audit details as "key=value" pairs, nested values as compact JSON, capped for the table. */
export function detailText(detail: Record<string, unknown>, max = 160, action?: string): string {
  const times = (action && TIME_FIELDS[action]) || [];
  const parts = Object.entries(detail)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : times.includes(k) && typeof v === 'number' && Number.isFinite(v) ? dateTime(v) : JSON.stringify(v)}`);
  const s = parts.join(' · ');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
