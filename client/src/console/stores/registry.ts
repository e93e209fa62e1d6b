import type { EnterprisePreview, StatBatchInfo } from '@futian/shared';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { api } from '../api';
import { t } from '../strings';
import { useSession } from './session';
import { useStats } from './stats';
import { useToasts } from './toasts';

/** The enterprise list (企业名录) over REST, with the statistics workflow: upload → preview → publish; history and rollback. */
export const useRegistry = defineStore('console-registry', () => {
  const preview = shallowRef<EnterprisePreview | null>(null);
  const batches = shallowRef<StatBatchInfo[]>([]);
  const busy = ref(false);
  const toasts = useToasts();
  const session = useSession();
  // The clerk's unit is the one the statistics part remembers.
  const stats = useStats();

  async function load(): Promise<void> {
    const r = await api.registryBatches();
    if (r.ok) batches.value = r.data.batches;
    else toasts.error(t('common.failed', { e: session.refusal(r) }));
  }

  async function upload(file: File): Promise<string | null> {
    busy.value = true;
    try {
      const r = await api.registryPreview(file);
      if (!r.ok) return session.refusal(r);
      preview.value = r.data;
      return null;
    } finally {
      busy.value = false;
    }
  }

  async function publish(b: { note: string; skipErrors?: boolean }): Promise<string | null> {
    const p = preview.value;
    if (!p) return null;
    busy.value = true;
    try {
      const r = await api.registryPublish(p.id, { ...b, unit: stats.unit });
      if (!r.ok) return session.refusal(r);
      preview.value = null;
      toasts.ok(t('registry.published', { id: r.data.batch.id, n: r.data.batch.rows }));
      await load();
      return null;
    } finally {
      busy.value = false;
    }
  }

  async function rollback(b: StatBatchInfo, note: string): Promise<string | null> {
    busy.value = true;
    try {
      const r = await api.registryRollback(b.id, { note, unit: stats.unit || b.unit });
      if (!r.ok) return session.refusal(r);
      toasts.ok(t('stats.rolledBackToast', { id: b.id }));
      await load();
      return null;
    } finally {
      busy.value = false;
    }
  }

  return { preview, batches, busy, load, upload, publish, rollback, reset: () => ((preview.value = null), (batches.value = [])), discard: () => (preview.value = null) };
});
