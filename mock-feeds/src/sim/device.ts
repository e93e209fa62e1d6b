import type { DeviceRegistration, IngestReport, ReportStatus } from '@futian/shared';
import type { FailureModel, KindBehaviour } from '../config.js';
import type { Rng } from '../rng.js';

export const MINUTE = 60_000;
export const DAY = 86_400_000;

/** 'ok' is reported as 'online'; 'silent' is not reported at all. */
export type SimState = 'ok' | 'fault' | 'offline' | 'silent';

interface Window {
  from: number;
  to: number;
  mode: Exclude<SimState, 'ok'>;
  active: boolean;
}

const SEVERITY: Record<Exclude<SimState, 'ok'>, number> = { fault: 0, offline: 1, silent: 2 };

/** Time in a failure state: a floor plus an exponential tail, mean = meanMinutes. */
export function drawDuration(rng: Rng, m: FailureModel): number {
  const tail = Math.max(0, m.meanMinutes - m.minMinutes);
  return Math.max(1, Math.round((m.minMinutes + rng.exp(tail)) * MINUTE));
}

/**
 * One simulated device as a small discrete-event process. Every change (own
 * failure, incident window, kind-specific event, heartbeat) happens at its own
 * time drawn from the device's own stream, and advance() replays them in time
 * order. So a device's reports do not depend on how the caller groups ticks,
 * only on the tick times at which incidents are applied.
 */
export abstract class SimDevice {
  protected own: SimState = 'ok';
  private nextOwn = Number.POSITIVE_INFINITY;
  private win: Window | null = null;
  private nextHb = Number.POSITIVE_INFINITY;
  private lastOut: IngestReport[] | null = null;
  private lastIdx = -1;
  private lastTs = -1;

  constructor(
    readonly reg: DeviceRegistration,
    protected readonly rng: Rng,
    private readonly failures: KindBehaviour,
    readonly periodMs: number,
  ) {}

  get id(): string {
    return this.reg.deviceId;
  }

  effective(): SimState {
    return this.win?.active ? this.win.mode : this.own;
  }

  /** Start in a steady state at t0 rather than all healthy, so a wall looks right from the first second. */
  init(t0: number, out: IngestReport[] | null): void {
    const states: Array<[Exclude<SimState, 'ok'>, FailureModel]> = [
      ['fault', this.failures.fault],
      ['offline', this.failures.offline],
      ['silent', this.failures.silent],
    ];
    const u = this.rng.next();
    let acc = 0;
    for (const [state, m] of states) {
      acc += (m.perDay * m.meanMinutes * MINUTE) / DAY;
      if (u < acc) {
        this.own = state;
        this.nextOwn = t0 + Math.max(1, Math.round(this.rng.next() * drawDuration(this.rng, m)));
        break;
      }
    }
    if (this.own === 'ok') this.scheduleFailure(t0);
    // Heartbeats sit on an epoch-aligned grid with a per-device phase, spreading load evenly.
    const phase = this.rng.int(0, this.periodMs - 1);
    this.nextHb = phase + (Math.floor((t0 - phase) / this.periodMs) + 1) * this.periodMs;
    this.initKind(t0);
    if (out && this.effective() !== 'silent') this.emit(t0, out);
  }

  advance(now: number, out: IngestReport[]): void {
    for (;;) {
      const tWin = this.win ? (this.win.active ? this.win.to : this.win.from) : Number.POSITIVE_INFINITY;
      const tKind = this.nextKindEvent();
      const t = Math.min(this.nextOwn, tWin, tKind, this.nextHb);
      if (t > now) return;
      const before = this.effective();
      let changed = false;
      if (t === this.nextOwn) this.ownTransition(t);
      else if (t === tWin) this.windowBoundary(t);
      else if (t === tKind) changed = this.kindEvent(t);
      else {
        this.nextHb += this.periodMs;
        if (before !== 'silent') this.emit(t, out);
        continue;
      }
      const after = this.effective();
      if (after !== before) this.statusChanged(before, after, t);
      if ((after !== before || changed) && after !== 'silent') this.emit(t, out);
    }
  }

  /** An incident: the device is `mode` over [from, to); overlapping windows merge. */
  addWindow(from: number, to: number, mode: Exclude<SimState, 'ok'>): void {
    const w = this.win;
    if (!w) {
      this.win = { from, to, mode, active: false };
      return;
    }
    w.to = Math.max(w.to, to);
    if (!w.active) {
      w.from = Math.min(w.from, from);
      if (SEVERITY[mode] > SEVERITY[w.mode]) w.mode = mode;
    }
  }

  protected initKind(_t0: number): void {}
  protected nextKindEvent(): number {
    return Number.POSITIVE_INFINITY;
  }
  /** Must move nextKindEvent() past t. Returns true when the change is worth an immediate report. */
  protected kindEvent(_t: number): boolean {
    return false;
  }
  protected statusChanged(_before: SimState, _after: SimState, _t: number): void {}
  protected abstract fields(t: number, status: ReportStatus): Partial<IngestReport>;

  private scheduleFailure(t: number): void {
    const f = this.failures;
    const total = f.fault.perDay + f.offline.perDay + f.silent.perDay;
    this.nextOwn = total > 0 ? t + Math.max(1, Math.round(this.rng.exp(DAY / total))) : Number.POSITIVE_INFINITY;
  }

  private ownTransition(t: number): void {
    if (this.own !== 'ok') {
      this.own = 'ok';
      this.scheduleFailure(t);
      return;
    }
    const f = this.failures;
    const total = f.fault.perDay + f.offline.perDay + f.silent.perDay;
    const u = this.rng.next() * total;
    const state: Exclude<SimState, 'ok'> = u < f.fault.perDay ? 'fault' : u < f.fault.perDay + f.offline.perDay ? 'offline' : 'silent';
    this.own = state;
    this.nextOwn = t + drawDuration(this.rng, f[state]);
  }

  private windowBoundary(t: number): void {
    const w = this.win;
    if (!w) return;
    if (!w.active && t === w.from) w.active = true;
    else this.win = null;
  }

  private emit(t: number, out: IngestReport[]): void {
    const eff = this.effective();
    const status: ReportStatus = eff === 'ok' ? 'online' : eff === 'silent' ? 'offline' : eff;
    // The report object is built whole here; the union member is fixed by reg.kind.
    const report = { deviceId: this.reg.deviceId, kind: this.reg.kind, ts: t, status, ...this.fields(t, status) } as IngestReport;
    // Two changes at the same millisecond: the server would keep the first as the
    // (device, ts) original and drop the second as a duplicate, so send only the last.
    if (this.lastTs === t && this.lastOut === out) out[this.lastIdx] = report;
    else {
      this.lastIdx = out.push(report) - 1;
      this.lastOut = out;
      this.lastTs = t;
    }
  }
}
