import type { DeviceKind } from './devices.js';
import { DEVICE_KINDS } from './devices.js';
import { areaFor, type ScopeId } from './subdistricts.js';
import type { InfraTable, InfraCell } from './wall-state.js';

/**
 * Named metrics derived from live cells. The server samples these into history
 * (`GET /api/v1/history?metric=pile.utilisation`), and the wall computes the same
 * names from the same cells, so a chart and its history query always agree.
 */
const COMMON = ['total', 'online', 'offline', 'fault', 'silent', 'onlineRate', 'density'] as const;
export const KIND_METRICS = {
  bs5g: [...COMMON],
  pole: [...COMMON, 'sensorsOnline'],
  pile: [...COMMON, 'busy', 'utilisation', 'powerKw', 'fastShare', 'fastTotal'],
} as const satisfies Record<DeviceKind, readonly string[]>;

/** 'pile.utilisation', 'bs5g.onlineRate', … plus the cross-kind 'faults'. */
export type HistoryMetric = `${DeviceKind}.${string}` | 'faults';

export const HISTORY_METRICS: readonly string[] = [
  ...DEVICE_KINDS.flatMap((k) => KIND_METRICS[k].map((m) => `${k}.${m}`)),
  'faults',
];

export function isHistoryMetric(m: string): m is HistoryMetric {
  return HISTORY_METRICS.includes(m);
}

const pct = (num: number, den: number): number | null => (den === 0 ? null : (100 * num) / den);

/** Value of one metric for a cell; null where it is undefined (no devices online). */
export function cellMetric(kind: DeviceKind, metric: string, scope: ScopeId, c: InfraCell): number | null {
  switch (metric) {
    case 'total':
    case 'online':
    case 'offline':
    case 'fault':
    case 'silent':
    case 'busy':
    case 'sensorsOnline':
    case 'fastTotal':
    case 'powerKw':
      return c[metric];
    case 'onlineRate':
      return pct(c.online, c.total);
    case 'density':
      // Registered devices per km²; the area basis (official vs polygon) comes from areaFor().
      return c.total / areaFor(scope).km2;
    case 'utilisation':
      return kind === 'pile' ? pct(c.busy, c.online) : null;
    case 'fastShare':
      return kind === 'pile' ? pct(c.fastOnline, c.online) : null;
    default:
      return null;
  }
}

/** Faults across all kinds in a scope. */
export function faultsIn(t: InfraTable, scope: ScopeId): number {
  let n = 0;
  for (const k of DEVICE_KINDS) n += t[k][scope]?.fault ?? 0;
  return n;
}
