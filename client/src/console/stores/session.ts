import type { ConsoleUser, IdentityPolicy } from '@futian/shared';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { api, type ApiRefusal, type SecondFactor, type TotpSetup } from '../api';
import { t } from '../strings';
import { retryAfterSeconds } from '../logic/forms';
import { endedNote, refusalNote, type Note } from '../logic/signin';

/**
 * - checking: asking /me whether the cookie still holds a session;
 * - signedOut: the name and password form;
 * - secondFactor: the password was right, the account has TOTP: a code (or a recovery code) with the ticket;
 * - setup: signed in with pending steps (rename, password, totp): nothing else is shown;
 * - ready: the console.
 */
export type Phase = 'checking' | 'signedOut' | 'secondFactor' | 'setup' | 'ready';

function sameUser(a: ConsoleUser | null, b: ConsoleUser): boolean {
  return (
    a !== null &&
    a.id === b.id &&
    a.name === b.name &&
    a.role === b.role &&
    a.totpEnabled === b.totpEnabled &&
    a.passwordExpiresAt === b.passwordExpiresAt &&
    a.pending.join() === b.pending.join()
  );
}

/**
 * Who is signed in. The cookie is httpOnly, so the only way to know is to ask
 * /api/console/me; the socket store and every REST caller report back when the
 * server stops accepting the session (expire()).
 */
export const useSession = defineStore('console-session', () => {
  const phase = ref<Phase>('checking');
  const user = shallowRef<ConsoleUser | null>(null);
  const policy = shallowRef<IdentityPolicy | null>(null);
  /** Shown on the sign-in form: a refusal, throttling, an ended or timed-out session. */
  const note = shallowRef<Note | null>(null);
  /** Local time until which sign-in is throttled (0 = not throttled). */
  const throttledUntil = ref(0);
  const busy = ref(false);
  /** The second step's ticket: proof of the right password for a few minutes, never stored. */
  let ticket: string | null = null;

  const message = computed(() => {
    const n = note.value;
    if (!n) return null;
    if ('raw' in n) return n.raw;
    return t(n.key, n.reasonKey ? { ...n.params, reason: t(n.reasonKey) } : n.params);
  });

  /** Any fresh copy of the user (an answer, /me, console:state): its pending steps decide the page. */
  function adopt(u: ConsoleUser): void {
    // console:state repeats 'me' with every push (up to 5 a second): keep the same object when nothing changed.
    if (!sameUser(user.value, u)) user.value = u;
    if (phase.value === 'setup' || phase.value === 'ready') phase.value = u.pending.length > 0 ? 'setup' : 'ready';
  }

  function enter(u: ConsoleUser): void {
    ticket = null;
    note.value = null;
    user.value = u;
    phase.value = u.pending.length > 0 ? 'setup' : 'ready';
    if (!policy.value) void loadPolicy();
  }

  async function loadPolicy(): Promise<void> {
    const r = await api.policy();
    if (r.ok) policy.value = r.data.policy;
  }

  async function check(): Promise<void> {
    phase.value = 'checking';
    const r = await api.me();
    if (r.ok) {
      policy.value = r.data.policy;
      return enter(r.data.user);
    }
    user.value = null;
    note.value = refusalNote(r.status, r.error);
    phase.value = 'signedOut';
  }

  /** A refused sign-in (either step): the countdown for 429, the reason otherwise. */
  function refused(r: ApiRefusal): void {
    if (r.status === 429) {
      throttledUntil.value = Date.now() + retryAfterSeconds(r.body, r.retryAfter) * 1000;
      // The form counts down from throttledUntil; the server's fixed "N s" would go stale.
      note.value = null;
      return;
    }
    note.value = refusalNote(r.status, r.error);
  }

  async function login(name: string, password: string): Promise<void> {
    if (!name.trim() || !password) {
      note.value = { key: 'signin.required' };
      return;
    }
    busy.value = true;
    try {
      const r = await api.login(name.trim(), password);
      if (!r.ok) return refused(r);
      if ('step' in r.data) {
        ticket = r.data.ticket;
        note.value = null;
        phase.value = 'secondFactor';
        return;
      }
      enter(r.data.user);
    } finally {
      busy.value = false;
    }
  }

  async function secondFactor(factor: SecondFactor): Promise<void> {
    if (!ticket) return restart();
    busy.value = true;
    try {
      const r = await api.loginTotp(ticket, factor);
      if (r.ok) return enter(r.data.user);
      refused(r);
      // A spent ticket (too many codes, or too late) cannot take another code: back to the password.
      if (r.status === 401 && r.error !== 'wrong code') {
        ticket = null;
        phase.value = 'signedOut';
      }
    } finally {
      busy.value = false;
    }
  }

  /** Back from the second step to the password form. */
  function restart(): void {
    ticket = null;
    note.value = null;
    phase.value = 'signedOut';
  }

  /** A REST refusal on a signed-in call: a 401 means the session is gone, and the console returns to sign-in saying why. */
  function refusal(r: ApiRefusal): string {
    if (r.status === 401) expire(r.error);
    return r.error;
  }

  /** The setup and account actions answer with the user: adopt it; return the server's refusal, or null. */
  async function withUser(p: Promise<{ ok: true; data: { user: ConsoleUser } } | ApiRefusal>): Promise<string | null> {
    busy.value = true;
    try {
      const r = await p;
      if (!r.ok) return refusal(r);
      adopt(r.data.user);
      return null;
    } finally {
      busy.value = false;
    }
  }

  const rename = (name: string) => withUser(api.rename(name));
  const changePassword = (current: string, next: string) => withUser(api.changePassword(current, next));
  const disableTotp = (password: string) => withUser(api.totpDisable(password));

  async function setupTotp(): Promise<TotpSetup | string> {
    const r = await api.totpSetup();
    return r.ok ? r.data : refusal(r);
  }

  /**
   * Confirms the new factor. The user is not adopted here: the caller shows the
   * recovery codes first, and adopts once the officer says they are saved (the
   * setup flow would otherwise move on and the codes would never be seen).
   */
  async function enableTotp(code: string): Promise<{ user: ConsoleUser; recoveryCodes: string[] } | string> {
    busy.value = true;
    try {
      const r = await api.totpEnable(code);
      return r.ok ? r.data : refusal(r);
    } finally {
      busy.value = false;
    }
  }

  async function regenerateCodes(password: string): Promise<string[] | string> {
    busy.value = true;
    try {
      const r = await api.recoveryCodes(password);
      return r.ok ? r.data.recoveryCodes : refusal(r);
    } finally {
      busy.value = false;
    }
  }

  async function logout(): Promise<void> {
    // Leave the console even if the server is unreachable; the session times out anyway.
    await api.logout();
    user.value = null;
    note.value = null;
    ticket = null;
    phase.value = 'signedOut';
  }

  /**
   * The server no longer accepts the session: timed out, ended by the security
   * admin, the account disabled or its role changed. `reason` is the server's
   * (REST 401 or the socket's), null when it did not say.
   */
  function expire(reason: string | null = null): void {
    if (phase.value === 'signedOut' || phase.value === 'checking') return;
    user.value = null;
    ticket = null;
    note.value = endedNote(reason);
    phase.value = 'signedOut';
  }

  /** Activity without a socket (the auditor, or while it reconnects): any request keeps the session alive. */
  async function touchRest(): Promise<boolean> {
    const r = await api.me();
    if (r.ok) {
      policy.value = r.data.policy;
      adopt(r.data.user);
      return true;
    }
    if (r.status === 401) expire(r.error);
    return false;
  }

  return {
    phase,
    user,
    policy,
    message,
    throttledUntil,
    busy,
    adopt,
    check,
    login,
    secondFactor,
    restart,
    refusal,
    rename,
    changePassword,
    setupTotp,
    enableTotp,
    disableTotp,
    regenerateCodes,
    loadPolicy,
    logout,
    expire,
    touchRest,
  };
});
