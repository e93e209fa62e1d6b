import { KINDS, type IngestReport, type ReportStatus } from '@futian/shared';
import type { BehaviourConfig } from '../config.js';
import type { PileSpec } from '../fleet.js';
import { UTILISATION_FAST, UTILISATION_SLOW, utilisationAt } from '../model.js';
import type { Rng } from '../rng.js';
import { DAY, MINUTE, SimDevice, drawDuration, type SimState } from './device.js';

/** Base stations report status only. */
export class Bs5gDevice extends SimDevice {
  protected fields(): Partial<IngestReport> {
    return {};
  }
}

const SENSORS = KINDS.pole.sensorsPerDevice ?? 6;

/** Smart poles carry several sensors; now and then one or two drop out for a while. */
export class PoleDevice extends SimDevice {
  private dropped = 0;
  private nextSensor = Number.POSITIVE_INFINITY;

  constructor(
    reg: PoleDevice['reg'],
    rng: Rng,
    private readonly cfg: BehaviourConfig['pole'],
    periodMs: number,
  ) {
    super(reg, rng, cfg, periodMs);
  }

  protected override initKind(t0: number): void {
    const m = this.cfg.sensorDrop;
    if (this.rng.chance((m.perDay * m.meanMinutes * MINUTE) / DAY)) {
      this.dropped = this.dropCount();
      this.nextSensor = t0 + Math.max(1, Math.round(this.rng.next() * drawDuration(this.rng, m)));
    } else this.scheduleDrop(t0);
  }

  protected override nextKindEvent(): number {
    return this.nextSensor;
  }

  protected override kindEvent(t: number): boolean {
    if (this.dropped > 0) {
      this.dropped = 0;
      this.scheduleDrop(t);
    } else {
      this.dropped = this.dropCount();
      this.nextSensor = t + drawDuration(this.rng, this.cfg.sensorDrop);
    }
    return this.effective() === 'ok';
  }

  protected fields(_t: number, status: ReportStatus): Partial<IngestReport> {
    return status === 'online' ? { sensorsOnline: SENSORS - this.dropped } : {};
  }

  private dropCount(): number {
    return this.rng.chance(0.8) ? 1 : 2;
  }

  private scheduleDrop(t: number): void {
    const perDay = this.cfg.sensorDrop.perDay;
    this.nextSensor = perDay > 0 ? t + Math.max(1, Math.round(this.rng.exp(DAY / perDay))) : Number.POSITIVE_INFINITY;
  }
}

/**
 * A charging pile. Sessions arrive as a Poisson process whose rate follows the
 * daily utilisation curve (drawn by thinning), and last minutes to hours. With
 * arrival rate λ = u / ((1 − u) · D) while idle, the long-run busy share is u.
 */
export class PileDevice extends SimDevice {
  private busy = false;
  private sessionStart = 0;
  private sessionEnd = Number.POSITIVE_INFINITY;
  private sessionKw = 0;
  private nextArrival = Number.POSITIVE_INFINITY;
  private readonly fast: boolean;
  private readonly meanSessionMs: number;
  private readonly minSessionMs: number;
  private readonly lambdaMax: number;

  constructor(
    private readonly spec: PileSpec,
    rng: Rng,
    cfg: BehaviourConfig['pile'],
    periodMs: number,
  ) {
    super(spec.reg, rng, cfg, periodMs);
    this.fast = spec.reg.fast;
    this.meanSessionMs = (this.fast ? cfg.sessionMinutes.fast : cfg.sessionMinutes.slow) * MINUTE;
    this.minSessionMs = Math.min(this.meanSessionMs, (this.fast ? cfg.sessionMinMinutes.fast : cfg.sessionMinMinutes.slow) * MINUTE);
    const uMax = Math.max(...(this.fast ? UTILISATION_FAST : UTILISATION_SLOW));
    this.lambdaMax = this.rate(uMax);
  }

  protected override initKind(t0: number): void {
    if (this.effective() === 'ok' && this.rng.chance(utilisationAt(t0, this.fast))) {
      const d = this.drawSession();
      this.startSession(t0 - Math.floor(this.rng.next() * d * 0.9), d);
    } else this.nextArrival = t0 + this.candidateGap();
  }

  protected override nextKindEvent(): number {
    return this.busy ? this.sessionEnd : this.nextArrival;
  }

  protected override kindEvent(t: number): boolean {
    if (this.busy) {
      this.endSession(t);
      return true;
    }
    // Thinning: candidates at the peak rate, kept with probability λ(t)/λmax.
    const accept = this.rng.next() * this.lambdaMax < this.rate(utilisationAt(t, this.fast));
    if (accept && this.effective() === 'ok') {
      this.startSession(t, this.drawSession());
      return true;
    }
    this.nextArrival = t + this.candidateGap();
    return false;
  }

  protected override statusChanged(_before: SimState, after: SimState, t: number): void {
    if (after !== 'ok' && this.busy) this.endSession(t);
  }

  protected fields(t: number, status: ReportStatus): Partial<IngestReport> {
    if (status === 'offline') return { fast: this.fast };
    if (status === 'fault' || !this.busy) return { busy: false, powerKw: 0, fast: this.fast };
    return { busy: true, powerKw: this.power(t), fast: this.fast };
  }

  private rate(u: number): number {
    return u / ((1 - u) * this.meanSessionMs);
  }

  private candidateGap(): number {
    return Math.max(1, Math.round(this.rng.exp(1 / this.lambdaMax)));
  }

  private drawSession(): number {
    return Math.round(this.minSessionMs + this.rng.exp(this.meanSessionMs - this.minSessionMs));
  }

  private startSession(start: number, duration: number): void {
    this.busy = true;
    this.sessionStart = start;
    this.sessionEnd = Math.max(start + duration, start + 1);
    const rated = this.spec.ratedKw;
    this.sessionKw = this.fast ? this.rng.range(0.7, 1) * rated : this.rng.range(3, rated);
  }

  private endSession(t: number): void {
    this.busy = false;
    this.sessionEnd = Number.POSITIVE_INFINITY;
    this.nextArrival = t + this.candidateGap();
  }

  /** DC fast charge tapers as the battery fills; AC slow charge is flat. */
  private power(t: number): number {
    const rated = this.spec.ratedKw;
    let kw: number;
    if (this.fast) {
      const p = Math.min(1, Math.max(0, (t - this.sessionStart) / (this.sessionEnd - this.sessionStart)));
      kw = Math.min(rated, Math.max(40, this.sessionKw * (1 - 0.45 * p) + this.rng.normal(0, 1.5)));
    } else kw = Math.min(rated, Math.max(2.5, this.sessionKw + this.rng.normal(0, 0.1)));
    return Math.round(kw * 10) / 10;
  }
}
