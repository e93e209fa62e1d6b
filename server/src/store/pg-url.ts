/**
 * DATABASE_URL as it may be shown: in a log line or a start-up failure, with
 * the password replaced. Anything that is not a URL is shown only by its
 * scheme, since a key=value connection string can carry the password anywhere.
 */
export function maskedDatabaseUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return '(not a URL)';
  }
  if (u.password) u.password = '***';
  // Query parameters can carry a password too (?password=…).
  for (const k of [...u.searchParams.keys()]) if (/pass/i.test(k)) u.searchParams.set(k, '***');
  return u.toString();
}

/** True for a postgres:// or postgresql:// URL, the forms DATABASE_URL takes. */
export function isPostgresUrl(url: string): boolean {
  try {
    return /^postgres(ql)?:$/.test(new URL(url).protocol);
  } catch {
    return false;
  }
}

const PG_CAUSES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ECONNRESET: 'connection reset',
  '3D000': 'database does not exist',
  '28P01': 'password authentication failed',
  '28000': 'not allowed to connect (pg_hba.conf or role)',
  '42501': 'permission denied (the role cannot create the schema)',
  '53300': 'too many connections',
  '57P03': 'the database is starting up',
};

/**
 * The cause of a failed connect or migration, in words, with the code that
 * names it (ECONNREFUSED, SQLSTATE 3D000); without a secret: node-postgres
 * messages name the user and database, never the password.
 */
export function pgCause(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown; errors?: unknown } | null;
  // A host with several addresses (localhost: ::1 and 127.0.0.1) fails with an AggregateError.
  const inner = Array.isArray(e?.errors) && e.errors.length > 0 ? (e.errors[0] as { code?: unknown; message?: unknown }) : e;
  const code = typeof inner?.code === 'string' ? inner.code : typeof e?.code === 'string' ? e.code : '';
  const message = typeof inner?.message === 'string' && inner.message ? inner.message : typeof e?.message === 'string' ? e.message : String(err);
  if (/timeout/i.test(message) && !code) return 'connection timed out';
  const words = PG_CAUSES[code];
  if (words) return `${words} (${code})`;
  return code ? `${message.split('\n', 1)[0]} (${code})` : message.split('\n', 1)[0]!;
}
