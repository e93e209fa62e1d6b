import { readFileSync } from 'node:fs';
import { isDeviceKind, type AlarmRule } from '@futian/shared';

/** Cluster window when a rule does not set one: devices that went down within 10 minutes of each other. */
export const DEFAULT_CLUSTER_WINDOW_S = 600;

export type LoadedRule = AlarmRule & { windowS?: number; graceS?: number };

/** Loads and checks config/alarms.json; a bad rule stops start-up with its problem named. */
export function loadAlarmRules(file: string): LoadedRule[] {
  const rules = JSON.parse(readFileSync(file, 'utf8')) as LoadedRule[];
  if (!Array.isArray(rules)) throw new Error(`${file}: expected an array of rules`);
  const ids = new Set<string>();
  for (const r of rules) {
    const where = `${file}: rule '${String(r?.id)}'`;
    if (!r?.id || ids.has(r.id)) throw new Error(`${where}: missing or duplicate id`);
    ids.add(r.id);
    if (!r.title?.zh || !r.title?.en) throw new Error(`${where}: title needs zh and en`);
    if (!['critical', 'major', 'minor'].includes(r.severity)) throw new Error(`${where}: bad severity`);
    if (!(r.forS >= 0) || !(r.clearForS >= 0)) throw new Error(`${where}: forS and clearForS must be ≥ 0`);
    switch (r.type) {
      case 'onlineRateBelow':
        if (!isDeviceKind(r.kind)) throw new Error(`${where}: bad kind`);
        if (!(r.clearAt > r.threshold)) throw new Error(`${where}: clearAt must be above threshold (hysteresis band)`);
        break;
      case 'clusterDown':
        if (!isDeviceKind(r.kind)) throw new Error(`${where}: bad kind`);
        if (!(r.minDown >= 2) || !(r.clearBelow <= r.minDown)) throw new Error(`${where}: need minDown ≥ 2 and clearBelow ≤ minDown`);
        break;
      case 'sourceSilent':
        if (!isDeviceKind(r.kind)) throw new Error(`${where}: bad kind`);
        if (!(r.afterCadences >= 1)) throw new Error(`${where}: afterCadences must be ≥ 1`);
        break;
      case 'siteDark':
        break;
      default:
        throw new Error(`${where}: unknown type '${String((r as { type?: unknown }).type)}'`);
    }
  }
  return rules;
}
