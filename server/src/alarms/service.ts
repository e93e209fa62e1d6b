import { ALARM_SLOT, type Alarm, type AlarmBoard } from '@futian/shared';
import type { Clock } from '../platform/clock.js';
import type { DeviceRegistry } from '../devices/registry.js';
import type { Logger } from '../platform/logger.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { OpsRepo } from '../store/ops-types.js';
import { AlarmEvaluator, type AlarmEvent } from './evaluator.js';
import type { LoadedRule } from './rules.js';

/** Open alarms on the wall are capped; counts still cover all of them. */
const BOARD_MAX = 50;
const SEVERITY_RANK = { critical: 0, major: 1, minor: 2 } as const;

/**
 * Runs the evaluator for one room, keeps the open alarms (active, or cleared but
 * not yet acknowledged), persists them when it has a repository (the live room;
 * the demo room's alarms are ephemeral), and publishes the board to walls in the
 * snapshot slot ext.alarms.
 */
export class AlarmService {
  private readonly open = new Map<number, Alarm>();
  private readonly byKey = new Map<string, number>();
  private readonly evaluator: AlarmEvaluator;
  private readonly listeners = new Set<(board: AlarmBoard) => void>();
  private nextLocalId = -1;
  private busy = false;
  private readonly detach: () => void;

  constructor(
    private readonly d: {
      rules: readonly LoadedRule[];
      pipeline: Pipeline;
      registry: DeviceRegistry;
      repo: OpsRepo | null;
      clock: Clock;
      log: Logger;
      startupGraceCadences?: number;
    },
  ) {
    this.evaluator = new AlarmEvaluator(d.rules, d.pipeline, d.registry, d.clock.now(), d.startupGraceCadences);
    this.detach = d.pipeline.onTransitions((t) => this.evaluator.onTransition(t));
  }

  async load(): Promise<void> {
    if (!this.d.repo) return;
    for (const a of await this.d.repo.openAlarms()) {
      this.open.set(a.id, a);
      if (a.state === 'active') {
        const key = `${a.ruleId}|${a.subject}`;
        this.byKey.set(key, a.id);
        this.evaluator.restore(key);
      }
    }
    this.publish();
  }

  onChange(fn: (board: AlarmBoard) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  async evaluate(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const events = this.evaluator.evaluate(this.d.clock.now());
      if (events.length === 0) return;
      for (const e of events) await this.apply(e);
      this.publish();
    } catch (err) {
      this.d.log.error({ err }, 'alarm evaluation failed');
    } finally {
      this.busy = false;
    }
  }

  /** Acknowledges an alarm; a cleared and acknowledged alarm leaves the board. */
  async ack(id: number, by: string, comment: string): Promise<Alarm | null> {
    const a = this.open.get(id);
    if (!a) return null;
    if (a.ackedAt === null) {
      a.ackedAt = this.d.clock.now();
      a.ackedBy = by;
      a.ackComment = comment.slice(0, 500);
      await this.d.repo?.updateAlarm(a);
    }
    if (a.state === 'cleared') this.open.delete(id);
    this.publish();
    return { ...a };
  }

  /**
   * Within the cap, active alarms come before cleared ones: the wall shows only
   * active alarms, and cleared-but-unacknowledged ones pile up over a night of
   * flapping faults; ranked by acknowledgement alone they pushed acknowledged,
   * still-active alarms off the list the wall reads. The console sorts its own copy.
   */
  board(): AlarmBoard {
    const all = [...this.open.values()];
    const open = all
      .sort(
        (a, b) =>
          Number(a.state !== 'active') - Number(b.state !== 'active') ||
          Number(a.ackedAt !== null) - Number(b.ackedAt !== null) ||
          SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
          b.raisedAt - a.raisedAt,
      )
      .slice(0, BOARD_MAX);
    const active = all.filter((a) => a.state === 'active');
    return {
      open,
      counts: {
        active: active.length,
        unacked: all.filter((a) => a.ackedAt === null).length,
        critical: active.filter((a) => a.severity === 'critical').length,
        major: active.filter((a) => a.severity === 'major').length,
        minor: active.filter((a) => a.severity === 'minor').length,
      },
    };
  }

  dispose(): void {
    this.detach();
  }

  private async apply(e: AlarmEvent): Promise<void> {
    const now = this.d.clock.now();
    if (e.type === 'raise') {
      const draft: Omit<Alarm, 'id'> = {
        ruleId: e.rule.id,
        subject: e.subject,
        subdistrict: e.subdistrict,
        severity: e.severity,
        title: e.rule.title,
        message: e.message,
        state: 'active',
        raisedAt: now,
        clearedAt: null,
        ackedAt: null,
        ackedBy: null,
        ackComment: null,
        value: e.value,
      };
      const a = this.d.repo ? await this.d.repo.insertAlarm(draft) : { ...draft, id: this.nextLocalId-- };
      this.open.set(a.id, a);
      this.byKey.set(e.key, a.id);
      this.d.log.warn({ alarm: a.id, rule: a.ruleId, subject: a.subject, value: a.value }, 'alarm raised');
      return;
    }
    const id = this.byKey.get(e.key);
    this.byKey.delete(e.key);
    const a = id === undefined ? undefined : this.open.get(id);
    if (!a) return;
    a.state = 'cleared';
    a.clearedAt = now;
    a.value = e.value;
    a.message = e.message;
    await this.d.repo?.updateAlarm(a);
    if (a.ackedAt !== null) this.open.delete(a.id);
    this.d.log.info({ alarm: a.id, rule: a.ruleId, subject: a.subject }, 'alarm cleared');
  }

  private publish(): void {
    const board = this.board();
    this.d.pipeline.publisher.setExt(ALARM_SLOT, board);
    for (const fn of this.listeners) fn(board);
  }
}
