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

/**
 * A fleet (a feed) goes stale when none of its devices has reported for this many
 * device cadences. Thousands of staggered heartbeats reach the server every second
 * while a fleet is healthy, so a fleet-wide silence of three cadences is not a few
 * quiet devices: the feed has stopped (issue #41: a stopped pile feed must mark the
 * pile figures, not the 5G and pole ones beside them).
 */
export const FEED_STALE_CADENCES = 3;
/** Floor on a feed's stale-after, so a very fast cadence cannot flicker the mark between deliveries. */
export const FEED_STALE_MIN_MS = 5_000;

/** How long a fleet's feed may stay quiet before the figures computed from it are stale. */
export function feedStaleAfterMs(cadenceMs: number): number {
  return Math.max(FEED_STALE_MIN_MS, FEED_STALE_CADENCES * cadenceMs);
}

/** Age of a feed at `now` (Infinity before its first report), and whether it is past its stale-after. */
export function feedFreshness(lastReportAt: number | null, cadenceMs: number, now: number): { ageMs: number; stale: boolean } {
  const ageMs = lastReportAt === null ? Number.POSITIVE_INFINITY : Math.max(0, now - lastReportAt);
  return { ageMs, stale: ageMs > feedStaleAfterMs(cadenceMs) };
}

export const PILE_SITES = { total: 798, fast: 58 } as const;

export function isDeviceKind(v: unknown): v is DeviceKind {
  return typeof v === 'string' && (DEVICE_KINDS as readonly string[]).includes(v);
}
export function isReportStatus(v: unknown): v is ReportStatus {
  return typeof v === 'string' && (REPORT_STATUSES as readonly string[]).includes(v);
}
