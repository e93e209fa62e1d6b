import type { StatBatchInfo, StatPreview } from '@futian/shared';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { api, type StatsPublish } from '../api';
import { t } from '../strings';
import { useSession } from './session';
import { useToasts } from './toasts';

/** The browser remembers the clerk's unit: it is the same on every upload, and retyping it invites variants. */
const UNIT_KEY = 'futian.console.statsUnit';

function storedUnit(): string {
  try {
    return localStorage.getItem(UNIT_KEY) ?? '';
  } catch {
    return '';
  }
}

/** Statistics staff's workflow over REST: upload → preview → publish; history and rollback. */
export const useStats = defineStore('console-stats', () => {
  const preview = shallowRef<StatPreview | null>(null);
  const batches = shallowRef<StatBatchInfo[]>([]);
  const busy = ref(false);
  const unit = ref(storedUnit());
  const toasts = useToasts();
  const session = useSession();

  async function load(): Promise<void> {
    const r = await api.statsBatches();
    if (r.ok) batches.value = r.data.batches;
    else toasts.error(t('common.failed', { e: session.refusal(r) }));
  }

  /** Returns the server's refusal (a file it will not read, and why), or null with the preview shown. */
  async function upload(file: File): Promise<string | null> {
    busy.value = true;
    try {
      const r = await api.statsPreview(file);
      if (!r.ok) return session.refusal(r);
      preview.value = r.data;
      return null;
    } finally {
      busy.value = false;
    }
  }

  async function publish(b: Omit<StatsPublish, 'unit'>): Promise<string | null> {
    const p = preview.value;
    if (!p) return null;
    busy.value = true;
    try {
      const r = await api.statsPublish(p.id, { ...b, unit: unit.value });
      if (!r.ok) return session.refusal(r);
      try {
        localStorage.setItem(UNIT_KEY, unit.value.trim());
      } catch {
        /* private mode: the unit is asked again next time */
      }
      preview.value = null;
      if (r.data.batch) toasts.ok(t('stats.published', { id: r.data.batch.id, n: r.data.stored }));
      else toasts.ok(t('stats.nothing'));
      await load();
      return null;
    } finally {
      busy.value = false;
    }
  }

  async function rollback(b: StatBatchInfo, note: string): Promise<string | null> {
    busy.value = true;
    try {
      const r = await api.statsRollback(b.id, { note, unit: unit.value || b.unit });
      if (!r.ok) return session.refusal(r);
      toasts.ok(t('stats.rolledBackToast', { id: b.id }));
      if (r.data.skipped.length > 0) toasts.error(t('stats.skipped', { n: r.data.skipped.length }));
      await load();
      return null;
    } finally {
      busy.value = false;
    }
  }

  function reset(): void {
    preview.value = null;
    batches.value = [];
  }

  return { preview, batches, busy, unit, load, upload, publish, rollback, reset, discard: () => (preview.value = null) };
});
