import type { IdentityPolicy, SessionInfo } from '@futian/shared';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { api, type ApiRefusal } from '../api';
import { t } from '../strings';
import { useSession } from './session';
import { useToasts } from './toasts';

/** The security admin's sessions list and identity policy, over REST. */
export const useAdmin = defineStore('console-admin', () => {
  const sessions = shallowRef<SessionInfo[]>([]);
  const loading = ref(false);
  const toasts = useToasts();
  const session = useSession();

  function failed(r: ApiRefusal): false {
    toasts.error(t('common.failed', { e: session.refusal(r) }));
    return false;
  }

  async function loadSessions(): Promise<void> {
    loading.value = true;
    try {
      const r = await api.sessions();
      if (r.ok) sessions.value = [...r.data.sessions].sort((a, b) => b.lastSeen - a.lastSeen);
      else failed(r);
    } finally {
      loading.value = false;
    }
  }

  async function endSession(s: SessionInfo): Promise<boolean> {
    const r = await api.endSession(s.id);
    if (!r.ok) return failed(r);
    toasts.ok(t('sessions.ended', { user: s.user }));
    // Ending one's own session is signing out here too.
    if (s.current) session.expire(null);
    else await loadSessions();
    return true;
  }

  /** Returns the server's refusal, or null once saved. */
  async function savePolicy(p: IdentityPolicy): Promise<string | null> {
    const r = await api.setPolicy(p);
    if (!r.ok) return session.refusal(r);
    session.policy = r.data.policy;
    toasts.ok(t('policy.saved'));
    return null;
  }

  return { sessions, loading, loadSessions, endSession, savePolicy, reset: () => (sessions.value = []) };
});
