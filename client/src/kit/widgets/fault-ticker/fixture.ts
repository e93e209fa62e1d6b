import type { FaultEvent } from '@futian/shared';

const T0 = Date.UTC(2026, 10, 22, 4, 0, 0);

/** n events, newest first like the store, one every 7 s, mixing kinds and transitions. */
export function events(n: number, firstId = 1): FaultEvent[] {
  const kinds = ['pile', 'pole', 'bs5g'] as const;
  const out: FaultEvent[] = [];
  for (let i = 0; i < n; i++) {
    const id = firstId + i;
    const recovery = id % 4 === 0;
    out.push({
      id,
      ts: T0 + id * 7_000,
      deviceId: `PILE-440304006-${String(id).padStart(4, '0')}`,
      kind: kinds[id % 3]!,
      scope: '440304006',
      lng: 114.01,
      lat: 22.55,
      from: recovery ? 'fault' : 'online',
      to: recovery ? 'online' : id % 3 === 0 ? 'offline' : 'fault',
    });
  }
  return out.reverse();
}
