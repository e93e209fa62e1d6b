import { KINDS, type DeviceKind, type DeviceRegistration, type IngestReport } from '@futian/shared';
import { DEFAULT_BEHAVIOUR, type BehaviourConfig, type IncidentModel } from './config.js';
import { emptyTick, type DownMode, type FeedSource, type FeedTick, type Incident, type IncidentEvent, type IncidentType } from './feed.js';
import { buildFleet, registrationsOf, type Fleet, type SiteSpec } from './fleet.js';
import { createRng, type Rng } from './rng.js';
import { MINUTE } from './sim/device.js';
import { Bs5gDevice, PileDevice, PoleDevice } from './sim/kinds.js';
import type { SimDevice } from './sim/device.js';

export interface TelemetryFeedOptions {
  seed: number | string;
  /** Fleet layout; fixed by default so device ids survive a change of behaviour seed. */
  layoutSeed?: number;
  /** Heartbeats per cadence: 10 means every device reports ten times as often. */
  rate?: number;
  behaviour?: BehaviourConfig;
}

/** The incident type each fleet schedules by itself. */
const OWN_INCIDENT = { pile: 'siteDark', bs5g: 'bsCluster', pole: 'poleGroup' } as const;

interface Plan {
  type: IncidentType;
  deviceIds: string[];
  mode: 'fault' | DownMode;
  durationMs: number;
  subdistrict?: string;
  siteId?: string;
}

/**
 * A fleet of one device kind. Devices each run their own event process; this
 * class adds the correlated incidents, which come from a feed-level stream so
 * that forcing one (a separate stream again) never shifts the scheduled ones.
 */
export class TelemetryFeed implements FeedSource {
  private readonly devices: SimDevice[];
  private readonly byId = new Map<string, SimDevice>();
  private readonly bySubdistrict = new Map<string, SimDevice[]>();
  private readonly sites = new Map<string, SiteSpec>();
  private readonly incidentRng: Rng;
  private readonly injectRng: Rng;
  private readonly model: IncidentModel;
  private readonly behaviour: BehaviourConfig;
  private started = false;
  private lastNow = Number.NEGATIVE_INFINITY;
  private nextIncidentAt = Number.POSITIVE_INFINITY;
  private forced: IncidentEvent[] = [];

  constructor(
    readonly name: DeviceKind,
    opts: TelemetryFeedOptions,
    private readonly fleet: Fleet = buildFleet(opts.layoutSeed),
  ) {
    const rate = opts.rate ?? 1;
    if (!(rate > 0) || !Number.isFinite(rate)) throw new Error(`rate must be a positive number, got ${rate}`);
    const b = (this.behaviour = opts.behaviour ?? DEFAULT_BEHAVIOUR);
    const period = Math.max(1, Math.round(KINDS[name].cadenceMs / rate));
    const root = createRng(opts.seed).fork(name);
    this.incidentRng = root.fork('incidents');
    this.injectRng = root.fork('forced');
    this.model = b.incidents[OWN_INCIDENT[name]];
    const dev = (reg: DeviceRegistration) => root.fork(reg.deviceId);
    if (name === 'pile') {
      this.devices = fleet.pile.map((p) => new PileDevice(p, dev(p.reg), b.pile, period));
      for (const s of fleet.sites) this.sites.set(s.siteId, s);
    } else if (name === 'pole') this.devices = fleet.pole.map((r) => new PoleDevice(r, dev(r), b.pole, period));
    else this.devices = fleet.bs5g.map((r) => new Bs5gDevice(r, dev(r), b.bs5g, period));
    for (const d of this.devices) {
      this.byId.set(d.id, d);
      const list = this.bySubdistrict.get(d.reg.subdistrict) ?? [];
      list.push(d);
      this.bySubdistrict.set(d.reg.subdistrict, list);
    }
  }

  registrations(): DeviceRegistration[] {
    return registrationsOf(this.fleet, this.name);
  }

  tick(now: number): FeedTick {
    const out = emptyTick();
    if (now <= this.lastNow) return out;
    if (!this.started) {
      this.started = true;
      const burst: IngestReport[] | null = this.behaviour.initialBurst ? out.reports : null;
      for (const d of this.devices) d.init(now, burst);
      this.nextIncidentAt = now + this.incidentGap();
    } else {
      while (this.nextIncidentAt <= now) {
        const at = this.nextIncidentAt;
        out.incidents.push(this.apply(this.plan({ type: OWN_INCIDENT[this.name] }, this.incidentRng), at, false));
        this.nextIncidentAt = at + this.incidentGap();
      }
      for (const d of this.devices) d.advance(now, out.reports);
    }
    out.incidents.unshift(...this.forced);
    this.forced = [];
    this.lastNow = now;
    return out;
  }

  inject(incident: Incident, now: number): IncidentEvent | null {
    if (!this.started) return null;
    if (incident.type === 'device' ? !this.byId.has(incident.deviceId) : incident.type !== OWN_INCIDENT[this.name]) {
      return null;
    }
    const plan = this.plan(incident, this.injectRng);
    if (plan.deviceIds.length === 0) return null;
    // Events at lastNow were already sent; starting later keeps (device, ts) unique.
    const ev = this.apply(plan, Math.max(now, this.lastNow + 1), true);
    this.forced.push(ev);
    return ev;
  }

  private incidentGap(): number {
    const perHour = this.model.perHour;
    return perHour > 0 ? Math.max(1, Math.round(this.incidentRng.exp(3_600_000 / perHour))) : Number.POSITIVE_INFINITY;
  }

  private apply(plan: Plan, from: number, forced: boolean): IncidentEvent {
    const to = from + Math.max(1, Math.round(plan.durationMs));
    const mode = plan.mode;
    for (const id of plan.deviceIds) this.byId.get(id)?.addWindow(from, to, mode);
    const ev: IncidentEvent = { type: plan.type, kind: this.name, from, to, mode, deviceIds: plan.deviceIds, forced };
    if (plan.subdistrict) ev.subdistrict = plan.subdistrict;
    if (plan.siteId) ev.siteId = plan.siteId;
    return ev;
  }

  private plan(incident: Incident | { type: (typeof OWN_INCIDENT)[DeviceKind] }, rng: Rng): Plan {
    const m = this.model;
    const durationMs = ('durationMs' in incident && incident.durationMs) || rng.range(m.minutes[0], m.minutes[1]) * MINUTE;
    const downMode = (): DownMode => ('mode' in incident && incident.mode) || (rng.chance(m.silentShare) ? 'silent' : 'offline');
    switch (incident.type) {
      case 'device':
        return { type: 'device', deviceIds: [incident.deviceId], mode: incident.status, durationMs };
      case 'siteDark': {
        const site = 'siteId' in incident && incident.siteId ? this.sites.get(incident.siteId) : rng.pick([...this.sites.values()]);
        if (!site) return { type: 'siteDark', deviceIds: [], mode: 'offline', durationMs };
        return { type: 'siteDark', deviceIds: [...site.pileIds], mode: downMode(), durationMs, subdistrict: site.subdistrict, siteId: site.siteId };
      }
      case 'bsCluster':
      case 'poleGroup': {
        const sd = ('subdistrict' in incident && incident.subdistrict) || rng.pick(this.devices).reg.subdistrict;
        const pool = this.bySubdistrict.get(sd);
        if (!pool) return { type: incident.type, deviceIds: [], mode: 'offline', durationMs };
        let size: number;
        if (incident.type === 'bsCluster') {
          const range = this.behaviour.incidents.bsCluster.size;
          size = ('size' in incident && incident.size) || rng.int(range[0], range[1]);
        } else {
          const range = this.behaviour.incidents.poleGroup.share;
          size = Math.ceil(pool.length * (('share' in incident && incident.share) || rng.range(range[0], range[1])));
        }
        const centre = rng.pick(pool);
        return { type: incident.type, deviceIds: nearest(pool, centre, size), mode: downMode(), durationMs, subdistrict: sd };
      }
    }
  }
}

/** The `k` devices nearest to `centre` (itself included): a feeder or fibre cut takes out neighbours. */
function nearest(pool: SimDevice[], centre: SimDevice, k: number): string[] {
  const lng0 = centre.reg.lng ?? 0;
  const lat0 = centre.reg.lat ?? 0;
  const cos = Math.cos((lat0 * Math.PI) / 180);
  return pool
    .map((d) => {
      const dx = ((d.reg.lng ?? 0) - lng0) * cos;
      const dy = (d.reg.lat ?? 0) - lat0;
      return { id: d.id, d2: dx * dx + dy * dy };
    })
    .sort((a, b) => a.d2 - b.d2 || (a.id < b.id ? -1 : 1))
    .slice(0, Math.max(0, Math.min(k, pool.length)))
    .map((x) => x.id);
}
