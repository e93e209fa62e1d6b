import type { ConsoleKey } from '../strings';

/**
 * What the sign-in screen says after a refusal. The server's reasons are the
 * record: the known ones are put in the page's language, any other is shown
 * as the server wrote it, so no distinct reason is folded into another.
 */
export type Note =
  | { key: ConsoleKey; params?: Record<string, string | number>; /** Filled in as {reason}, translated. */ reasonKey?: ConsoleKey }
  | { raw: string };

/** The server's sign-in refusals (server/src/auth/service.ts), word for word. */
const KNOWN: Record<string, ConsoleKey> = {
  'wrong name or password': 'signin.wrong',
  'wrong code': 'signin.wrongCode',
  'wrong code; too many tries, enter your password again': 'signin.codeTries',
  'sign-in expired; enter your password again': 'signin.ticketExpired',
  'session timed out': 'signin.timedOut',
};

/** Why the server ended a session (console:ended, or the reasons it gives), word for word. */
const ENDED: Record<string, ConsoleKey> = {
  'signed out': 'ended.signedOut',
  'session ended by the security administrator': 'ended.bySecadmin',
  'your account was changed by an administrator': 'ended.accountChanged',
  'your role was changed': 'ended.roleChanged',
  'your second factor was reset': 'ended.totpReset',
};

/** A refused sign-in, second step or REST call. null: nothing to say (a plain "not signed in" at page load). */
export function refusalNote(status: number, error: string): Note | null {
  if (status === 0) return { key: 'signin.network' };
  const known = KNOWN[error];
  if (known) return { key: known };
  if (status === 401 && error === 'not signed in') return null;
  if (status === 503) return { key: 'signin.busyServer' };
  return { raw: error };
}

/**
 * A session the server stopped accepting: timed out, or ended (signed out
 * elsewhere, ended by the security admin, account disabled, role changed).
 * `reason` is the server's; an unknown one is shown as written.
 */
export function endedNote(reason: string | null): Note {
  if (reason === 'session timed out' || reason?.startsWith('session timed out:')) return { key: 'signin.timedOut' };
  if (!reason || reason === 'not signed in' || reason === 'session ended' || reason === 'unauthorized') return { key: 'signin.expired' };
  const known = ENDED[reason];
  return known ? { key: 'signin.endedBecause', reasonKey: known } : { key: 'signin.endedBecause', params: { reason } };
}
