/** Device kinds the wall tracks, and the behaviour the server expects of each. */
export const DEVICE_KINDS = ['bs5g', 'pole', 'pile'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** What a device may report about itself. */
export const REPORT_STATUSES = ['online', 'offline', 'fault'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/**
 * What the server concludes. `silent` means no report for 3× the kind's cadence;
 * it counts as offline for the online rate but is shown apart, because "the
 * device says it is down" and "we stopped hearing from it" need different
 * responses from a duty officer.
 */
export const EFFECTIVE_STATUSES = ['online', 'offline', 'fault', 'silent'] as const;
export type EffectiveStatus = (typeof EFFECTIVE_STATUSES)[number];

export interface KindDef {
  kind: DeviceKind;
  zh: string;
  en: string;
  /** Expected heartbeat interval of a healthy device. */
  cadenceMs: number;
  /** Number the documents give for Futian; the mock fleet has exactly this many. */
  documentedCount: number;
  /** Sensors per smart pole (camera, environment, lighting, broadcast, …). */
  sensorsPerDevice?: number;
}

export const KINDS: Record<DeviceKind, KindDef> = {
  bs5g: { kind: 'bs5g', zh: '5G 基站', en: '5G base stations', cadenceMs: 30_000, documentedCount: 5700 },
  pole: { kind: 'pole', zh: '多功能智能杆', en: 'Smart poles', cadenceMs: 30_000, documentedCount: 3700, sensorsPerDevice: 6 },
  pile: { kind: 'pile', zh: '充电桩', en: 'Charging piles', cadenceMs: 10_000, documentedCount: 9499 },
};

/** A device counts as silent after this many missed heartbeats. */
export const SILENT_AFTER_CADENCES = 3;

export function silentAfterMs(kind: DeviceKind): number {
  return KINDS[kind].cadenceMs * SILENT_AFTER_CADENCES;
}

export const PILE_SITES = { total: 798, fast: 58 } as const;

export function isDeviceKind(v: unknown): v is DeviceKind {
  return typeof v === 'string' && (DEVICE_KINDS as readonly string[]).includes(v);
}
export function isReportStatus(v: unknown): v is ReportStatus {
  return typeof v === 'string' && (REPORT_STATUSES as readonly string[]).includes(v);
}
