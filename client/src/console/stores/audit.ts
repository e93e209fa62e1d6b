import type { AuditEntry } from '@futian/shared';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { api, type AuditVerify } from '../api';
import { AUDIT_PAGE, type AuditQuery } from '../logic/audit';
import { t } from '../strings';
import { useSession } from './session';
import { useToasts } from './toasts';

/**
 * The audit trail as the auditor reads it (REST; nothing streams: a page the
 * auditor is reading should not move under them). Newest first, a page at a
 * time going back with `before`.
 */
export const useAudit = defineStore('console-audit', () => {
  const rows = shallowRef<AuditEntry[]>([]);
  const end = ref(false);
  const loading = ref(false);
  const verify = shallowRef<AuditVerify | null>(null);
  const verifying = ref(false);
  /** The filter the rows were read with: "more" pages go on with the same one. */
  let query: AuditQuery = {};
  const toasts = useToasts();
  const session = useSession();

  async function search(q: AuditQuery, more = false): Promise<void> {
    if (loading.value) return;
    loading.value = true;
    try {
      if (!more) query = q;
      const last = rows.value.at(-1);
      const r = await api.audit(query, more && last ? { before: last.id, limit: AUDIT_PAGE } : { limit: AUDIT_PAGE });
      if (!r.ok) {
        toasts.error(t('common.failed', { e: session.refusal(r) }));
        return;
      }
      if (more) {
        const seen = new Set(rows.value.map((x) => x.id));
        rows.value = [...rows.value, ...r.data.rows.filter((x) => !seen.has(x.id))];
      } else rows.value = r.data.rows;
      end.value = r.data.rows.length < AUDIT_PAGE;
    } finally {
      loading.value = false;
    }
  }

  async function check(): Promise<void> {
    verifying.value = true;
    verify.value = null;
    try {
      const r = await api.auditVerify();
      if (r.ok) verify.value = r.data;
      else toasts.error(t('common.failed', { e: session.refusal(r) }));
    } finally {
      verifying.value = false;
    }
  }

  function reset(): void {
    rows.value = [];
    end.value = false;
    verify.value = null;
    query = {};
  }

  return { rows, end, loading, verify, verifying, search, more: () => search(query, true), check, reset };
});
