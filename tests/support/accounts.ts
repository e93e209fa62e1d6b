import { login } from './console.js';

/** The first-start admin's password in testConfig(), which meets the default policy. */
export const FIRST_ADMIN_PASSWORD = 'Test-admin-pass-1';

export interface Api {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** One console REST call with a session cookie. */
export async function api(url: string, method: string, path: string, cookie: string, body?: unknown): Promise<Api> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { text };
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

async function must(p: Promise<Api>, what: string): Promise<Api> {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

/** Signs in and finishes a pending password change: the cookie of a ready account. */
export async function signInReady(url: string, name: string, password: string, next?: string): Promise<string> {
  const r = await login(url, name, password);
  if (r.status !== 200 || !r.cookie) throw new Error(`sign-in ${name}: ${r.status} ${JSON.stringify(r.body)}`);
  const user = r.body.user as { pending: string[] };
  if (user.pending.includes('password')) {
    if (!next) throw new Error(`${name} must change the password`);
    await must(api(url, 'POST', '/api/console/password', r.cookie, { current: password, next }), `password ${name}`);
  }
  return r.cookie;
}

export type Staff = 'sysadm' | 'secadm' | 'op1' | 'view1' | 'aud1';

/**
 * A console set up as a district would: the first-start admin renamed to
 * 'sysadm', a security admin made by the one bootstrap assignment, and an
 * operator, a viewer and an auditor created by sysadm and given roles by
 * secadm, each with their one-time password changed.
 */
export async function setUpConsole(url: string): Promise<{ cookies: Record<Staff, string>; passwords: Record<Staff, string>; ids: Record<Staff, number> }> {
  const passwords: Record<Staff, string> = {
    sysadm: FIRST_ADMIN_PASSWORD,
    secadm: 'Security-pass-2',
    op1: 'Operations-pass-3',
    view1: 'Watching-pass-4',
    aud1: 'Checking-pass-5',
  };
  const first = await login(url, 'admin', FIRST_ADMIN_PASSWORD);
  if (first.status !== 200) throw new Error(`first admin sign-in: ${first.status} ${JSON.stringify(first.body)}`);
  const renamed = await must(api(url, 'POST', '/api/console/rename', first.cookie, { name: 'sysadm' }), 'rename');
  const sysadmId = (renamed.body.user as { id: number }).id;
  const sysadm = first.cookie;
  const ids = { sysadm: sysadmId } as Record<Staff, number>;
  const temp = (n: string) => `Welcome-2026-${n.length}x`;
  for (const n of ['secadm', 'op1', 'view1', 'aud1'] as const) {
    const c = await must(api(url, 'POST', '/api/console/users', sysadm, { name: n, password: temp(n) }), `create ${n}`);
    ids[n] = (c.body.user as { id: number }).id;
  }
  await must(api(url, 'PUT', `/api/console/users/${ids.secadm}/role`, sysadm, { role: 'secadmin' }), 'bootstrap secadmin');
  const secadm = await signInReady(url, 'secadm', temp('secadm'), passwords.secadm);
  const roles = { op1: 'operator', view1: 'viewer', aud1: 'auditor' } as const;
  const cookies = { sysadm, secadm } as Record<Staff, string>;
  for (const n of ['op1', 'view1', 'aud1'] as const) {
    if (roles[n] !== 'viewer') await must(api(url, 'PUT', `/api/console/users/${ids[n]}/role`, secadm, { role: roles[n] }), `role ${n}`);
    cookies[n] = await signInReady(url, n, temp(n), passwords[n]);
  }
  return { cookies, passwords, ids };
}
