/**
 * Behaviour knobs of the simulation, with the defaults MODEL.md explains.
 * Rates are per device (failures) or per fleet (incidents); a rate of 0 turns
 * that behaviour off, which the tests use to get a fleet that never fails.
 */

export interface FailureModel {
  /** Mean occurrences per device per day. */
  perDay: number;
  /** Mean time in the state once entered. */
  meanMinutes: number;
  /** Floor on the time in the state, e.g. long enough for silence detection (3× cadence). */
  minMinutes: number;
}

export interface KindBehaviour {
  /** The device says it is faulty. */
  fault: FailureModel;
  /** The device (or its platform) says it is offline. */
  offline: FailureModel;
  /** The device goes down hard and stops reporting. */
  silent: FailureModel;
}

export interface IncidentModel {
  /** Mean incidents per hour across the fleet. */
  perHour: number;
  /** Duration, uniform in [min, max] minutes. */
  minutes: readonly [number, number];
  /** Share of incidents in which the devices go silent rather than report offline. */
  silentShare: number;
}

export interface BehaviourConfig {
  bs5g: KindBehaviour;
  pole: KindBehaviour & { sensorDrop: FailureModel };
  pile: KindBehaviour & {
    /** Mean charging session, minutes, by site type; the floor keeps sessions from flickering. */
    sessionMinutes: { fast: number; slow: number };
    sessionMinMinutes: { fast: number; slow: number };
  };
  incidents: {
    /** A whole charging site goes dark. */
    siteDark: IncidentModel;
    /** Neighbouring base stations in one sub-district go down together. */
    bsCluster: IncidentModel & { size: readonly [number, number] };
    /** Neighbouring poles in one sub-district go down; the share is of that sub-district's poles. */
    poleGroup: IncidentModel & { share: readonly [number, number] };
  };
  /** Emit every device's state on the first tick, so a wall fills at once. */
  initialBurst: boolean;
}

const fm = (perDay: number, meanMinutes: number, minMinutes: number): FailureModel => ({
  perDay,
  meanMinutes,
  minMinutes,
});

export const DEFAULT_BEHAVIOUR: BehaviourConfig = {
  bs5g: { fault: fm(0.24, 12, 2), offline: fm(0.4, 15, 1), silent: fm(0.3, 20, 3) },
  pole: {
    fault: fm(0.24, 12, 2),
    offline: fm(0.4, 15, 1),
    silent: fm(0.3, 20, 3),
    sensorDrop: fm(0.5, 40, 5),
  },
  pile: {
    fault: fm(0.3, 12, 2),
    offline: fm(0.5, 15, 1),
    silent: fm(0.4, 15, 1),
    sessionMinutes: { fast: 40, slow: 120 },
    sessionMinMinutes: { fast: 15, slow: 30 },
  },
  incidents: {
    siteDark: { perHour: 0.5, minutes: [3, 8], silentShare: 0.5 },
    bsCluster: { perHour: 0.3, minutes: [3, 10], silentShare: 0.3, size: [5, 15] },
    poleGroup: { perHour: 0.25, minutes: [3, 8], silentShare: 0.2, share: [0.07, 0.12] },
  },
  initialBurst: true,
};

const off = fm(0, 1, 0);
const offIncident: IncidentModel = { perHour: 0, minutes: [3, 8], silentShare: 0 };

/** No failures, no incidents, no sensor drops: every device reports on every heartbeat. */
export const QUIET_BEHAVIOUR: BehaviourConfig = {
  ...DEFAULT_BEHAVIOUR,
  bs5g: { fault: off, offline: off, silent: off },
  pole: { fault: off, offline: off, silent: off, sensorDrop: off },
  pile: { ...DEFAULT_BEHAVIOUR.pile, fault: off, offline: off, silent: off },
  incidents: {
    siteDark: offIncident,
    bsCluster: { ...offIncident, size: [5, 15] },
    poleGroup: { ...offIncident, share: [0.07, 0.12] },
  },
};

export type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K];
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Overrides replace leaves; arrays (ranges) are leaves. */
export function mergeBehaviour(base: BehaviourConfig, over: DeepPartial<BehaviourConfig> = {}): BehaviourConfig {
  const merge = (a: unknown, b: unknown): unknown => {
    if (b === undefined) return a;
    if (!isPlainObject(a) || !isPlainObject(b)) return b;
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = merge(a[k], v);
    return out;
  };
  // The merge walks the same shape it was given, so the result has BehaviourConfig's shape.
  return merge(base, over) as BehaviourConfig;
}
