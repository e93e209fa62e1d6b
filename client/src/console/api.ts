import type { ConsoleUser, Role } from '@futian/shared';

/**
 * The console's REST calls (sign-in and user admin). Same origin, so the
 * httpOnly session cookie travels by itself; nothing here can read it.
 */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: string; body: unknown; retryAfter: string | null };

export type AdminUser = ConsoleUser & { disabled: boolean };

async function call<T>(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
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

export const api = {
  login: (name: string, password: string) => call<{ user: ConsoleUser }>('POST', '/api/console/login', { name, password }),
  logout: () => call<{ ok: true }>('POST', '/api/console/logout'),
  me: () => call<{ user: ConsoleUser }>('GET', '/api/console/me'),
  changePassword: (current: string, next: string) => call<{ ok: true }>('POST', '/api/console/password', { current, next }),
  users: () => call<{ users: AdminUser[] }>('GET', '/api/console/users'),
  createUser: (name: string, role: Role, password: string) => call<{ user: ConsoleUser }>('POST', '/api/console/users', { name, role, password }),
  updateUser: (id: number, patch: { role?: Role; disabled?: boolean; password?: string }) =>
    call<{ ok: true }>('PATCH', `/api/console/users/${encodeURIComponent(String(id))}`, patch),
};
