import { defineStore } from 'pinia';
import { shallowRef } from 'vue';

export interface Toast {
  id: number;
  kind: 'ok' | 'error';
  text: string;
}

/** Errors stay longer: the officer has to read why an order was refused. */
const TTL_MS = { ok: 4_000, error: 10_000 } as const;
const MAX_TOASTS = 5;

/** Every action's outcome, shown briefly in a corner stack. */
export const useToasts = defineStore('console-toasts', () => {
  const list = shallowRef<Toast[]>([]);
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  let seq = 0;

  function dismiss(id: number): void {
    clearTimeout(timers.get(id));
    timers.delete(id);
    list.value = list.value.filter((x) => x.id !== id);
  }

  function push(kind: Toast['kind'], text: string): void {
    const id = ++seq;
    list.value = [...list.value, { id, kind, text }];
    timers.set(id, setTimeout(() => dismiss(id), TTL_MS[kind]));
    while (list.value.length > MAX_TOASTS) dismiss(list.value[0]!.id);
  }

  function clear(): void {
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
    list.value = [];
  }

  return { list, push, ok: (text: string) => push('ok', text), error: (text: string) => push('error', text), dismiss, clear };
});
