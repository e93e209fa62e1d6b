import type { DeviceKind, DeviceRegistration, IngestReport, StatFigure } from '@futian/shared';

export const FEED_NAMES = ['bs5g', 'pole', 'pile', 'stats'] as const;
export type FeedName = (typeof FEED_NAMES)[number];

export function isFeedName(v: string): v is FeedName {
  return (FEED_NAMES as readonly string[]).includes(v);
}

/** Down modes an incident can put devices in: reporting 'offline', or not reporting at all. */
export type DownMode = 'offline' | 'silent';

/**
 * Incidents a caller can force (demos, tests). Omitted fields are chosen by the
 * feed's incident stream, so a forced incident is as plausible as a scheduled one.
 */
export type Incident =
  | { type: 'siteDark'; siteId?: string; durationMs?: number; mode?: DownMode }
  | { type: 'bsCluster'; subdistrict?: string; size?: number; durationMs?: number; mode?: DownMode }
  | { type: 'poleGroup'; subdistrict?: string; share?: number; durationMs?: number; mode?: DownMode }
  | { type: 'device'; deviceId: string; status: 'fault' | DownMode; durationMs?: number };

export type IncidentType = Incident['type'];

/** What happened, for logs and for tests to check the consequences. */
export interface IncidentEvent {
  type: IncidentType;
  kind: DeviceKind;
  from: number;
  to: number;
  mode: 'fault' | DownMode;
  deviceIds: string[];
  subdistrict?: string;
  siteId?: string;
  forced: boolean;
}

export interface FeedTick {
  reports: IngestReport[];
  figures: StatFigure[];
  incidents: IncidentEvent[];
}

export function emptyTick(): FeedTick {
  return { reports: [], figures: [], incidents: [] };
}

/**
 * One source of data. Pure given (seed, tick times): the same seed and the same
 * sequence of `tick(now)` calls give byte-identical output. A feed never reads a
 * clock; `now` only moves forward (an earlier `now` is ignored).
 */
export interface FeedSource {
  readonly name: FeedName;
  /** Devices to register before the first tick; empty for statistics. */
  registrations(): DeviceRegistration[];
  /** Everything due in (previous tick, now]: heartbeats, state changes, figures. */
  tick(now: number): FeedTick;
  /** Force an incident at `now`; null when this feed does not handle that type or target. */
  inject?(incident: Incident, now: number): IncidentEvent | null;
  /** The full current set of figures, to resend after a server lost its state. */
  currentFigures?(): StatFigure[];
}
