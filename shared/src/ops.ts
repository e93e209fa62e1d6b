import type { Label } from './catalogue.js';
import type { DeviceKind } from './devices.js';

/**
 * Wall operations: what a screen shows (scene), the demo tour, notices, alarms.
 * These types are the contract between the server, the wall and the console.
 */
export const MODULE_IDS = ['overview', 'structure', 'growth', 'map', 'infra'] as const;
export type ModuleId = (typeof MODULE_IDS)[number];

/** The wall's layout presets (client/src/wall/layout/presets.ts draws them); a screen set to 'auto' picks from its window. */
export const WALL_LAYOUT_IDS = ['1080p', '4k', '48x9', '32x9'] as const;
export type WallLayoutId = (typeof WALL_LAYOUT_IDS)[number];

export function isModuleId(v: unknown): v is ModuleId {
  return typeof v === 'string' && (MODULE_IDS as readonly string[]).includes(v);
}

export type Highlight =
  | { type: 'subdistrict'; id: string }
  | { type: 'sector'; id: string }
  | { type: 'kpi'; id: string }
  | { type: 'board'; id: string }
  /** A map layer by id (e.g. 'pile', 'firms'): the 产业地图 switches to it; other modules ignore it. */
  | { type: 'mapLayer'; id: string };

/** What one screen shows: a module (or 'all' for the layout's default), plus focus. */
export interface SceneRef {
  module: ModuleId | 'auto';
  /** 'single': the module alone on the screen (as ?screen=); otherwise the screen's own layout. */
  layout?: 'single';
  highlight?: Highlight | null;
}

export interface TourScene {
  id: string;
  module: ModuleId;
  /** As in SceneRef; validateTour refuses anything else. */
  layout?: 'single';
  durationS: number;
  highlight?: Highlight | null;
  caption: Label;
}

/** The tour file (config/tour.json): versioned so a rehearsal and a visit can name the same script. */
export interface TourConfig {
  id: string;
  version: string;
  title: Label;
  scenes: TourScene[];
}

/**
 * Tour progress in server time. Walls on several PCs derive the same scene from
 * (serverNow − startedAt), so they stay in step without talking to each other.
 */
export interface TourState {
  tourId: string;
  version: string;
  state: 'running' | 'paused';
  /** Server time at which elapsed = 0 (moved forward on resume). */
  startedAt: number;
  /** Elapsed ms at the moment of pausing; null while running. */
  pausedElapsed: number | null;
  /** Who paused it, shown on the wall's discreet indicator. */
  pausedBy?: string;
}

export interface Notice {
  id: string;
  text: Label;
  level: 'info' | 'warn' | 'urgent';
  expiresAt: number;
  by: string;
}

/** Everything a wall screen must obey, pushed as `wall:control` and on hello. */
export interface WallControl {
  /** Manual scene set from the console; null lets the layout/tour decide. */
  scene: SceneRef | null;
  /** The tour this screen plays, with its script, or null when not touring. */
  tour: { config: TourConfig; state: TourState } | null;
  notice: Notice | null;
  /** Room the screen should be in: 'live', 'demo' or a replay id. */
  room: string;
  serverTime: number;
}

/** Where the current tour position is, from its state and the server clock. */
export function tourPosition(
  tour: TourConfig,
  state: TourState,
  serverNow: number,
): { index: number; scene: TourScene; elapsedInSceneMs: number; remainingMs: number; cycleMs: number } {
  const cycleMs = tour.scenes.reduce((a, s) => a + s.durationS * 1000, 0);
  const elapsed = state.pausedElapsed ?? serverNow - state.startedAt;
  let t = cycleMs > 0 ? ((elapsed % cycleMs) + cycleMs) % cycleMs : 0;
  for (let i = 0; i < tour.scenes.length; i++) {
    const d = tour.scenes[i]!.durationS * 1000;
    if (t < d) return { index: i, scene: tour.scenes[i]!, elapsedInSceneMs: t, remainingMs: d - t, cycleMs };
    t -= d;
  }
  const last = tour.scenes.length - 1;
  return { index: last, scene: tour.scenes[last]!, elapsedInSceneMs: 0, remainingMs: 0, cycleMs };
}

/** Checks a tour file; returns human-readable problems (empty when valid). */
export function validateTour(t: unknown): string[] {
  const errs: string[] = [];
  const tour = t as Partial<TourConfig>;
  if (!tour || typeof tour !== 'object') return ['tour must be an object'];
  if (!tour.id) errs.push('tour.id missing');
  if (!tour.version) errs.push('tour.version missing');
  if (!Array.isArray(tour.scenes) || tour.scenes.length === 0) return [...errs, 'tour.scenes must be a non-empty array'];
  tour.scenes.forEach((s, i) => {
    if (!s || typeof s !== 'object') return errs.push(`scene ${i}: not an object`);
    if (!isModuleId(s.module)) errs.push(`scene ${i}: unknown module '${String(s.module)}'`);
    if (!(typeof s.durationS === 'number' && s.durationS >= 3 && s.durationS <= 3600)) errs.push(`scene ${i}: durationS must be 3–3600`);
    if (!s.caption?.zh || !s.caption?.en) errs.push(`scene ${i}: caption needs zh and en`);
    if (s.layout !== undefined && s.layout !== 'single') errs.push(`scene ${i}: layout must be "single" or absent`);
    return undefined;
  });
  return errs;
}

// ---- Alarms ----

export type AlarmSeverity = 'critical' | 'major' | 'minor';

export type AlarmRule =
  | {
      id: string;
      type: 'onlineRateBelow';
      kind: DeviceKind;
      /** Raise below `threshold` %, clear at or above `clearAt` % (hysteresis band). */
      threshold: number;
      clearAt: number;
      forS: number;
      clearForS: number;
      severity: AlarmSeverity;
      title: Label;
    }
  | {
      id: string;
      type: 'siteDark';
      forS: number;
      clearForS: number;
      severity: AlarmSeverity;
      title: Label;
    }
  | {
      id: string;
      type: 'clusterDown';
      kind: DeviceKind;
      /** Raise when at least `minDown` devices of the kind are down in one sub-district. */
      minDown: number;
      clearBelow: number;
      forS: number;
      clearForS: number;
      severity: AlarmSeverity;
      title: Label;
    }
  | {
      id: string;
      type: 'sourceSilent';
      kind: DeviceKind;
      /** Raise when no report of this kind arrived for `afterCadences` × the kind's cadence. */
      afterCadences: number;
      forS: number;
      clearForS: number;
      severity: AlarmSeverity;
      title: Label;
    };

export type AlarmState = 'active' | 'cleared';

export interface Alarm {
  id: number;
  ruleId: string;
  /** Sub-district adcode, site id or feed kind the alarm is about. */
  subject: string;
  subdistrict: string | null;
  severity: AlarmSeverity;
  title: Label;
  message: Label;
  state: AlarmState;
  raisedAt: number;
  clearedAt: number | null;
  ackedAt: number | null;
  ackedBy: string | null;
  ackComment: string | null;
  value: number | null;
}

/** The wall's alarm slot (snapshot.ext.alarms): open alarms plus counts. */
export interface AlarmBoard {
  open: Alarm[];
  counts: { active: number; unacked: number; critical: number; major: number; minor: number };
}

export const ALARM_SLOT = 'alarms';

// ---- Wall configuration pushed with the snapshot (slot ext.config) ----

export interface EnterpriseEntry {
  name: Label;
  /** What the source document says of this firm; never invented. */
  role: Label;
  source: string;
}

export interface WallConfigSlot {
  boards: import('./industry.js').BoardConfig;
  enterprises: { note: Label; enterprises: EnterpriseEntry[] };
}

export const CONFIG_SLOT = 'config';
