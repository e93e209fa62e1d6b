import { isDeviceKind, type AlarmRule } from '@futian/shared';
import { configFileError, readJsonFile } from '../platform/json-file.js';

/** Cluster window when a rule does not set one: devices that went down within 10 minutes of each other. */
export const DEFAULT_CLUSTER_WINDOW_S = 600;

export type LoadedRule = AlarmRule & { windowS?: number; graceS?: number };

/** Loads and checks config/alarms.json; a bad rule stops start-up with its problem named. */
export function loadAlarmRules(file: string): LoadedRule[] {
  const rules = readJsonFile(file) as LoadedRule[];
  if (!Array.isArray(rules)) throw configFileError(file, 'expected an array of rules');
  const ids = new Set<string>();
  for (const r of rules) {
    const where = `rule '${String(r?.id)}'`;
    if (!r?.id || ids.has(r.id)) throw configFileError(file, `${where}: missing or duplicate id`);
    ids.add(r.id);
    if (!r.title?.zh || !r.title?.en) throw configFileError(file, `${where}: title needs zh and en`);
    if (!['critical', 'major', 'minor'].includes(r.severity)) throw configFileError(file, `${where}: bad severity`);
    if (!(r.forS >= 0) || !(r.clearForS >= 0)) throw configFileError(file, `${where}: forS and clearForS must be ≥ 0`);
    switch (r.type) {
      case 'onlineRateBelow':
        if (!isDeviceKind(r.kind)) throw configFileError(file, `${where}: bad kind`);
        if (!(r.clearAt > r.threshold)) throw configFileError(file, `${where}: clearAt must be above threshold (hysteresis band)`);
        break;
      case 'clusterDown':
        if (!isDeviceKind(r.kind)) throw configFileError(file, `${where}: bad kind`);
        if (!(r.minDown >= 2) || !(r.clearBelow <= r.minDown)) throw configFileError(file, `${where}: need minDown ≥ 2 and clearBelow ≤ minDown`);
        break;
      case 'sourceSilent':
        if (!isDeviceKind(r.kind)) throw configFileError(file, `${where}: bad kind`);
        if (!(r.afterCadences >= 1)) throw configFileError(file, `${where}: afterCadences must be ≥ 1`);
        break;
      case 'siteDark':
        break;
      default:
        throw configFileError(file, `${where}: unknown type '${String((r as { type?: unknown }).type)}'`);
    }
  }
  return rules;
}
