import type { Alarm, AlarmSeverity } from '@futian/shared';

const SEVERITY_RANK: Record<AlarmSeverity, number> = { critical: 0, major: 1, minor: 2 };

/**
 * The duty officer's reading order: what still needs an acknowledgement first,
 * then what is still active, then the most severe, then the newest.
 */
export function sortAlarms(list: readonly Alarm[]): Alarm[] {
  return [...list].sort(
    (a, b) =>
      Number(a.ackedAt !== null) - Number(b.ackedAt !== null) ||
      Number(a.state !== 'active') - Number(b.state !== 'active') ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      b.raisedAt - a.raisedAt,
  );
}
