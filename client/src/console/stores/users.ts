import type { Role, UserInfo } from '@futian/shared';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { api, type ApiResult } from '../api';
import { t } from '../strings';
import { useSession } from './session';
import { useToasts } from './toasts';

/**
 * Accounts over REST: the system admin creates, disables and resets them; the
 * security admin assigns roles and resets second factors. The server enforces
 * who may do which; each action re-reads the list so a refusal snaps the row
 * back to what the server holds.
 */
export const useUsers = defineStore('console-users', () => {
  const list = shallowRef<UserInfo[]>([]);
  const loading = ref(false);
  const toasts = useToasts();

  /** Reports a refusal; a 401 means our own session ended, so back to sign-in. */
  function failed(r: Extract<ApiResult<unknown>, { ok: false }>): false {
    toasts.error(t('common.failed', { e: useSession().refusal(r) }));
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

  async function act(p: Promise<ApiResult<{ user: UserInfo }>>, done: (u: UserInfo) => string): Promise<boolean> {
    const r = await p;
    if (!r.ok) {
      failed(r);
      await load();
      return false;
    }
    toasts.ok(done(r.data.user));
    await load();
    return true;
  }

  return {
    list,
    loading,
    load,
    create: (name: string, password: string) => act(api.createUser(name, password), (u) => t('users.created', { name: u.name })),
    setDisabled: (id: number, disabled: boolean) =>
      act(api.updateUser(id, { disabled }), (u) => t(disabled ? 'users.disabledToast' : 'users.enabledToast', { name: u.name })),
    resetPassword: (id: number, password: string) => act(api.updateUser(id, { password }), (u) => t('users.pwReset', { name: u.name })),
    setRole: (id: number, role: Role) => act(api.setRole(id, role), (u) => t('users.roleSet', { name: u.name, role: t(`role.${u.role}`) })),
    resetTotp: (id: number) => act(api.resetTotp(id), (u) => t('users.totpReset', { name: u.name })),
    reset: () => (list.value = []),
  };
});
