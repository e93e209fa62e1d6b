import {
  KINDS,
  subdistrictByAdcode,
  SUBDISTRICTS,
  type AlarmSeverity,
  type DeviceKind,
  type Label,
} from '@futian/shared';
import type { Transition } from '../devices/fleet.js';
import type { DeviceRegistry } from '../devices/registry.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { DEFAULT_CLUSTER_WINDOW_S, type LoadedRule } from './rules.js';

/** What the evaluator decided this round. */
export type AlarmEvent =
  | { type: 'raise'; key: string; rule: LoadedRule; subject: string; subdistrict: string | null; value: number | null; message: Label; severity: AlarmSeverity }
  | { type: 'clear'; key: string; value: number | null; message: Label };

interface Track {
  active: boolean;
  badSince: number | null;
  goodSince: number | null;
  /** clusterDown: the devices that formed the cluster when it was raised. */
  members?: Set<number>;
}

interface Observation {
  key: string;
  subject: string;
  subdistrict: string | null;
  /** true: alarm condition; false: clear condition; null: inside the hysteresis band. */
  bad: boolean | null;
  value: number | null;
  message: Label;
}

const sdName = (adcode: string | null): Label => {
  const sd = adcode ? subdistrictByAdcode(adcode) : undefined;
  return sd ? { zh: sd.zh, en: sd.en } : { zh: adcode ?? '', en: adcode ?? '' };
};

/**
 * Turns live state into alarm raises and clears with hysteresis: a condition must
 * hold for `forS` to raise, and the clear condition (a separate threshold) must
 * hold for `clearForS` to clear. A value that flaps around one threshold therefore
 * raises once, not on every flap.
 *
 * Root-cause suppression: while a kind's data source is silent, the per-device
 * alarms of that kind (sites dark, clusters, online rates) are not raised; one
 * "source silent" alarm stands for them instead of hundreds.
 */
export class AlarmEvaluator {
  private readonly tracks = new Map<string, Track>();
  /** Per kind and sub-district: devices currently down, and since when. */
  private readonly down = new Map<string, Map<number, number>>();
  /** Sites seen with a pile online at least once: a never-seen site is not "dark". */
  private readonly armedSites = new Set<string>();
  private readonly startedAt: number;
  /** Per kind: the end of the start-up grace period. */
  private readonly graceUntil: Record<DeviceKind, number>;

  /**
   * `startupGraceCadences`: for that many cadences of each kind after start,
   * none of the kind's alarms is raised, and its "source silent" alarm only
   * once the source has reported since start. Restarting is what causes the
   * silence then (issue #41): state is restored from reports up to 90 s old,
   * so the first sweeps mark devices silent in bulk (a false 5G cluster in
   * every sub-district), and the restored last report makes the source look
   * silent for the length of the downtime. Within silence window + one cadence
   * (4, the server's default: WALL_ALARM_STARTUP_GRACE) every device that is
   * alive has reported again. 0 (the default here, for unit tests) is no grace.
   * Alarms that were active before the restart stay active and can clear.
   */
  constructor(
    private readonly rules: readonly LoadedRule[],
    private readonly pipeline: Pipeline,
    private readonly registry: DeviceRegistry,
    now: number,
    startupGraceCadences = 0,
  ) {
    this.startedAt = now;
    const grace = Math.max(0, startupGraceCadences);
    this.graceUntil = { bs5g: now + grace * KINDS.bs5g.cadenceMs, pole: now + grace * KINDS.pole.cadenceMs, pile: now + grace * KINDS.pile.cadenceMs };
  }

  /** Re-attach alarms that were active before a restart, so they can clear. */
  restore(key: string): void {
    this.tracks.set(key, { active: true, badSince: null, goodSince: null });
  }

  onTransition(t: Transition): void {
    const k = `${t.device.kind}|${t.device.subdistrict}`;
    let m = this.down.get(k);
    if (!m) this.down.set(k, (m = new Map()));
    if (t.to === 'online') m.delete(t.device.idx);
    else if (t.from === 'online') m.set(t.device.idx, t.ts);
  }

  evaluate(now: number): AlarmEvent[] {
    const out: AlarmEvent[] = [];
    const silent = new Set<DeviceKind>();
    for (const rule of this.rules) if (rule.type === 'sourceSilent') this.step(rule, this.sourceSilent(rule, now), now, out, silent);
    for (const rule of this.rules) {
      if (rule.type === 'sourceSilent') continue;
      const kind: DeviceKind = rule.type === 'siteDark' ? 'pile' : rule.kind;
      const obs = rule.type === 'siteDark' ? this.siteDark() : rule.type === 'clusterDown' ? this.clusterDown(rule, now) : this.onlineRate(rule);
      this.step(rule, obs, now, out, null, silent.has(kind) || now < this.graceUntil[kind]);
    }
    return out;
  }

  private step(rule: LoadedRule, list: Observation[], now: number, out: AlarmEvent[], silentOut: Set<DeviceKind> | null, suppressed = false): void {
    for (const o of list) {
      let t = this.tracks.get(o.key);
      if (!t) this.tracks.set(o.key, (t = { active: false, badSince: null, goodSince: null }));
      if (!t.active) {
        t.goodSince = null;
        if (o.bad === true && !suppressed) {
          t.badSince ??= now;
          if (now - t.badSince >= rule.forS * 1000) {
            t.active = true;
            t.badSince = null;
            if (rule.type === 'clusterDown') t.members = new Set(this.recentDown(rule, o.subdistrict!, now));
            out.push({ type: 'raise', key: o.key, rule, subject: o.subject, subdistrict: o.subdistrict, value: o.value, message: o.message, severity: rule.severity });
          }
        } else t.badSince = null;
      } else {
        t.badSince = null;
        if (o.bad === false) {
          t.goodSince ??= now;
          if (now - t.goodSince >= rule.clearForS * 1000) {
            t.active = false;
            t.goodSince = null;
            delete t.members;
            out.push({ type: 'clear', key: o.key, value: o.value, message: o.message });
          }
        } else t.goodSince = null;
      }
      if (silentOut && t.active && rule.type === 'sourceSilent') silentOut.add(rule.kind);
    }
  }

  private onlineRate(rule: Extract<LoadedRule, { type: 'onlineRateBelow' }>): Observation[] {
    return SUBDISTRICTS.map((sd) => {
      const c = this.pipeline.fleet.cell(rule.kind, sd.adcode);
      const rate = c.total === 0 ? null : (100 * c.online) / c.total;
      const v = rate === null ? '—' : rate.toFixed(1);
      return {
        key: `${rule.id}|${sd.adcode}`,
        subject: sd.adcode,
        subdistrict: sd.adcode,
        bad: rate === null ? null : rate < rule.threshold ? true : rate >= rule.clearAt ? false : null,
        value: rate,
        message: {
          zh: `${sd.zh} ${KINDS[rule.kind].zh}在线率 ${v}%（阈值 ${rule.threshold}%）`,
          en: `${sd.en}: ${KINDS[rule.kind].en} online ${v} % (threshold ${rule.threshold} %)`,
        },
      };
    });
  }

  private siteDark(): Observation[] {
    const out: Observation[] = [];
    for (const site of this.registry.sites.values()) {
      const online = this.pipeline.fleet.siteOnline(site.siteId);
      if (online > 0) this.armedSites.add(site.siteId);
      const key = `site-dark|${site.siteId}`;
      // Only sites that were seen online, or already alarmed, are worth an observation.
      if (!this.armedSites.has(site.siteId) && !this.tracks.get(key)?.active) continue;
      const sd = sdName(site.scope);
      out.push({
        key,
        subject: site.siteId,
        subdistrict: site.scope,
        bad: online === 0,
        value: site.piles.length,
        message: {
          zh: `${site.siteId}（${sd.zh}）${site.piles.length} 个充电桩全部离线`,
          en: `${site.siteId} (${sd.en}): all ${site.piles.length} piles offline`,
        },
      });
    }
    return out;
  }

  private recentDown(rule: Extract<LoadedRule, { type: 'clusterDown' }>, adcode: string, now: number): number[] {
    const m = this.down.get(`${rule.kind}|${adcode}`);
    if (!m) return [];
    const since = now - (rule.windowS ?? DEFAULT_CLUSTER_WINDOW_S) * 1000;
    return [...m].filter(([, ts]) => ts >= since).map(([idx]) => idx);
  }

  /**
   * A cluster is devices that went down within the window of each other and are
   * still down; it clears when enough of those same devices are back. Judging by
   * the total down count instead would alarm on the normal background of faults.
   */
  private clusterDown(rule: Extract<LoadedRule, { type: 'clusterDown' }>, now: number): Observation[] {
    return SUBDISTRICTS.map((sd) => {
      const key = `${rule.id}|${sd.adcode}`;
      const t = this.tracks.get(key);
      const downNow = this.down.get(`${rule.kind}|${sd.adcode}`);
      let n: number;
      let bad: boolean | null;
      if (t?.active && t.members) {
        n = [...t.members].filter((idx) => downNow?.has(idx)).length;
        bad = n < rule.clearBelow ? false : null;
      } else if (t?.active) {
        // Restored after a restart without members: judge by recent downs.
        n = this.recentDown(rule, sd.adcode, now).length;
        bad = n < rule.clearBelow ? false : null;
      } else {
        n = this.recentDown(rule, sd.adcode, now).length;
        bad = n >= rule.minDown ? true : null;
      }
      return {
        key,
        subject: sd.adcode,
        subdistrict: sd.adcode,
        bad,
        value: n,
        message: {
          zh: `${sd.zh} ${n} 个${KINDS[rule.kind].zh}相继中断`,
          en: `${sd.en}: ${n} ${KINDS[rule.kind].en} down together`,
        },
      };
    });
  }

  private sourceSilent(rule: Extract<LoadedRule, { type: 'sourceSilent' }>, now: number): Observation[] {
    const last = this.pipeline.fleet.feeds[rule.kind].lastReportAt;
    const limit = rule.afterCadences * KINDS[rule.kind].cadenceMs;
    // Before the first report, allow a start-up grace period instead of alarming at once.
    const since = last ?? this.startedAt;
    const age = now - since;
    const grace = last === null ? Math.max(limit, (rule.graceS ?? 120) * 1000) : limit;
    const s = Math.round(age / 1000);
    // A report restored from before the start says nothing about the source now.
    const waiting = now < this.graceUntil[rule.kind] && (last === null || last < this.startedAt);
    return [
      {
        key: `${rule.id}|${rule.kind}`,
        subject: rule.kind,
        subdistrict: null,
        bad: waiting ? null : age > grace ? true : age <= limit ? false : null,
        value: s,
        message: {
          zh: `${KINDS[rule.kind].zh}数据 ${s} 秒无上报（应每 ${KINDS[rule.kind].cadenceMs / 1000} 秒）`,
          en: `${KINDS[rule.kind].en}: no report for ${s} s (cadence ${KINDS[rule.kind].cadenceMs / 1000} s)`,
        },
      },
    ];
  }
}
