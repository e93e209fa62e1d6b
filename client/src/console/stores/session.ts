import type { ConsoleUser } from '@futian/shared';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { api } from '../api';
import { t } from '../strings';
import { retryAfterSeconds } from '../logic/forms';

export type Phase = 'checking' | 'signedOut' | 'mustChange' | 'ready';

/**
 * Who is signed in. The cookie is httpOnly, so the only way to know is to ask
 * /api/console/me; the socket store reports back when the server stops
 * accepting the session (connect_error 'unauthorized').
 */
export const useSession = defineStore('console-session', () => {
  const phase = ref<Phase>('checking');
  const user = shallowRef<ConsoleUser | null>(null);
  /** Shown on the sign-in form: wrong password, throttling, expired session. */
  const message = ref<string | null>(null);
  /** Local time until which sign-in is throttled (0 = not throttled). */
  const throttledUntil = ref(0);
  const busy = ref(false);

  function enter(u: ConsoleUser): void {
    user.value = u;
    message.value = null;
    phase.value = u.mustChangePassword ? 'mustChange' : 'ready';
  }

  async function check(): Promise<void> {
    phase.value = 'checking';
    const r = await api.me();
    if (r.ok) return enter(r.data.user);
    user.value = null;
    if (r.status === 0) message.value = t('signin.network');
    phase.value = 'signedOut';
  }

  async function login(name: string, password: string): Promise<void> {
    if (!name.trim() || !password) {
      message.value = t('signin.required');
      return;
    }
    busy.value = true;
    try {
      const r = await api.login(name.trim(), password);
      if (r.ok) return enter(r.data.user);
      if (r.status === 429) {
        const s = retryAfterSeconds(r.body, r.retryAfter);
        throttledUntil.value = Date.now() + s * 1000;
        // The form counts down from throttledUntil; a fixed "N s" would go stale.
        message.value = null;
      } else if (r.status === 401) message.value = t('signin.wrong');
      else if (r.status === 0) message.value = t('signin.network');
      else message.value = t('common.failed', { e: r.error });
    } finally {
      busy.value = false;
    }
  }

  /** Returns the server's refusal, or null on success. */
  async function changePassword(current: string, next: string): Promise<string | null> {
    busy.value = true;
    try {
      const r = await api.changePassword(current, next);
      if (!r.ok) {
        if (r.status === 401) expire();
        return r.error;
      }
      if (user.value) user.value = { ...user.value, mustChangePassword: false };
      phase.value = 'ready';
      return null;
    } finally {
      busy.value = false;
    }
  }

  async function logout(): Promise<void> {
    // Leave the console even if the server is unreachable; the cookie expires anyway.
    await api.logout();
    user.value = null;
    message.value = null;
    phase.value = 'signedOut';
  }

  /** The server no longer accepts the session (expired, revoked, role changed, disabled). */
  function expire(): void {
    if (phase.value === 'signedOut') return;
    user.value = null;
    message.value = t('signin.expired');
    phase.value = 'signedOut';
  }

  return { phase, user, message, throttledUntil, busy, check, login, changePassword, logout, expire };
});
