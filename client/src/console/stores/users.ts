import type { Role } from '@futian/shared';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { api, type AdminUser, type ApiResult } from '../api';
import { t } from '../strings';
import { useSession } from './session';
import { useToasts } from './toasts';

/** Account administration over REST (admins only; the server enforces it too). */
export const useUsers = defineStore('console-users', () => {
  const list = shallowRef<AdminUser[]>([]);
  const loading = ref(false);
  const toasts = useToasts();

  /** Reports a refusal; a 401 means our own session ended, so back to sign-in. */
  function failed(r: Extract<ApiResult<unknown>, { ok: false }>): false {
    if (r.status === 401) useSession().expire();
    toasts.error(t('common.failed', { e: r.error }));
    return false;
  }

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const r = await api.users();
      if (r.ok) list.value = [...r.data.users].sort((a, b) => a.id - b.id);
      else failed(r);
    } finally {
      loading.value = false;
    }
  }

  async function create(name: string, role: Role, password: string): Promise<boolean> {
    const r = await api.createUser(name, role, password);
    if (!r.ok) return failed(r);
    toasts.ok(t('users.created', { name: r.data.user.name }));
    await load();
    return true;
  }

  async function update(id: number, patch: { role?: Role; disabled?: boolean; password?: string }): Promise<boolean> {
    const r = await api.updateUser(id, patch);
    if (!r.ok) {
      failed(r);
      // Re-read so a refused role <select> snaps back to what the server holds.
      await load();
      return false;
    }
    toasts.ok(t('users.updated'));
    await load();
    return true;
  }

  function reset(): void {
    list.value = [];
  }

  return { list, loading, load, create, update, reset };
});
