import type { AuditEntry, ConsoleUser, EnterprisePreview, IdentityPolicy, Role, SessionInfo, StatBatchInfo, StatPreview, UserInfo } from '@futian/shared';
import { auditSearch, type AuditQuery } from './logic/audit';

/**
 * The console's REST calls (docs/API.md, "Console" and "Audit trail"). Same
 * origin, so the httpOnly session cookie travels by itself; nothing here can
 * read it.
 */
export type ApiResult<T> = { ok: true; data: T } | ApiRefusal;
export type ApiRefusal = { ok: false; status: number; error: string; body: unknown; retryAfter: string | null };

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

async function call<T>(method: Method, url: string, body?: unknown, file?: File): Promise<ApiResult<T>> {
  let res: Response;
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (file) headers['content-type'] = /\.csv$/i.test(file.name) ? 'text/csv' : 'application/octet-stream';
    else if (body !== undefined) headers['content-type'] = 'application/json';
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers,
      ...(file ? { body: file } : body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (e) {
    // status 0 = the request never got an answer (server down, network cut).
    return { ok: false, status: 0, error: e instanceof Error ? e.message : String(e), body: null, retryAfter: null };
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    json = null;
  }
  if (res.ok) return { ok: true, data: json as T };
  const msg = json && typeof json === 'object' && typeof (json as { error?: unknown }).error === 'string' ? (json as { error: string }).error : res.statusText;
  return { ok: false, status: res.status, error: msg || `HTTP ${res.status}`, body: json, retryAfter: res.headers.get('retry-after') };
}

/** The first answer to a sign-in: in, or a second factor to give with this ticket. */
export type LoginAnswer = { user: ConsoleUser } | { step: 'totp'; ticket: string };
export type SecondFactor = { code: string } | { recoveryCode: string };
export interface TotpSetup {
  secret: string;
  /** otpauth:// address (what the QR code holds). */
  uri: string;
  /** The QR code as SVG markup, made on the server. */
  qrSvg: string;
}
export interface AuditVerify {
  ok: boolean;
  rows: number;
  firstBad?: { id: number; reason: string };
  head: string;
}

const userPath = (id: number) => `/api/console/users/${encodeURIComponent(String(id))}`;

export const api = {
  login: (name: string, password: string) => call<LoginAnswer>('POST', '/api/console/login', { name, password }),
  loginTotp: (ticket: string, factor: SecondFactor) => call<{ user: ConsoleUser }>('POST', '/api/console/login/totp', { ticket, ...factor }),
  logout: () => call<{ ok: true }>('POST', '/api/console/logout'),
  me: () => call<{ user: ConsoleUser; policy: IdentityPolicy }>('GET', '/api/console/me'),
  rename: (name: string) => call<{ user: ConsoleUser }>('POST', '/api/console/rename', { name }),
  changePassword: (current: string, next: string) => call<{ user: ConsoleUser }>('POST', '/api/console/password', { current, next }),
  totpSetup: () => call<TotpSetup>('POST', '/api/console/totp/setup'),
  totpEnable: (code: string) => call<{ user: ConsoleUser; recoveryCodes: string[] }>('POST', '/api/console/totp/enable', { code }),
  totpDisable: (password: string) => call<{ user: ConsoleUser }>('POST', '/api/console/totp/disable', { password }),
  recoveryCodes: (password: string) => call<{ recoveryCodes: string[] }>('POST', '/api/console/recovery-codes', { password }),
  policy: () => call<{ policy: IdentityPolicy }>('GET', '/api/console/policy'),
  setPolicy: (p: IdentityPolicy) => call<{ policy: IdentityPolicy }>('PUT', '/api/console/policy', p),
  users: () => call<{ users: UserInfo[] }>('GET', '/api/console/users'),
  createUser: (name: string, password: string) => call<{ user: UserInfo }>('POST', '/api/console/users', { name, password }),
  updateUser: (id: number, patch: { disabled?: boolean; password?: string }) => call<{ user: UserInfo }>('PATCH', userPath(id), patch),
  setRole: (id: number, role: Role) => call<{ user: UserInfo }>('PUT', `${userPath(id)}/role`, { role }),
  resetTotp: (id: number) => call<{ user: UserInfo }>('POST', `${userPath(id)}/totp-reset`),
  sessions: () => call<{ sessions: SessionInfo[] }>('GET', '/api/console/sessions'),
  endSession: (id: string) => call<{ ok: true }>('DELETE', `/api/console/sessions/${encodeURIComponent(id)}`),
  audit: (q: AuditQuery, page: { before?: number; limit: number }) => call<{ rows: AuditEntry[] }>('GET', `/api/audit${auditSearch(q, page)}`),
  auditVerify: () => call<AuditVerify>('GET', '/api/audit/verify'),
  statsPreview: (file: File) => call<StatPreview>('POST', `/api/console/stats/imports?name=${encodeURIComponent(file.name)}`, undefined, file),
  statsPublish: (id: string, b: StatsPublish) => call<{ batch: StatBatchInfo | null; stored: number; unchanged: number }>('POST', `/api/console/stats/imports/${encodeURIComponent(id)}/publish`, b),
  statsBatches: () => call<{ batches: StatBatchInfo[] }>('GET', '/api/console/stats/batches'),
  statsRollback: (id: number, b: { note: string; unit: string }) =>
    call<{ batch: StatBatchInfo | null; stored: number; skipped: Array<{ key: string; reason: string }> }>('POST', `/api/console/stats/batches/${id}/rollback`, b),
  registryPreview: (file: File) => call<EnterprisePreview>('POST', `/api/console/industry/imports?name=${encodeURIComponent(file.name)}`, undefined, file),
  registryPublish: (id: string, b: StatsPublish) => call<{ batch: StatBatchInfo }>('POST', `/api/console/industry/imports/${encodeURIComponent(id)}/publish`, b),
  registryBatches: () => call<{ batches: StatBatchInfo[] }>('GET', '/api/console/industry/batches'),
  registryRollback: (id: number, b: { note: string; unit: string }) => call<{ batch: StatBatchInfo }>('POST', `/api/console/industry/batches/${id}/rollback`, b),
};

export interface StatsPublish {
  note: string;
  unit: string;
  skipErrors?: boolean;
  acceptMismatch?: boolean;
}
