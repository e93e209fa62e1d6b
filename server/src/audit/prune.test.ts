import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../platform/clock.js';
import { silentLogger, type Logger } from '../platform/logger.js';
import { auditInput } from '../testing/audit.js';
import { tempStore } from '../testing/fixtures.js';
import { logAuditHead } from './head.js';
import { AuditLog } from './log.js';
import { AuditPruner } from './prune.js';
import { verifyAuditChain } from './verify.js';

const DAY = 86_400_000;

/** A logger whose lines the test reads back. */
function capture(): { log: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      cb();
    },
  });
  const log: Logger = pino({ level: 'info' }, sink);
  return { log, lines };
}

describe('AuditPruner', () => {
  let t: ReturnType<typeof tempStore>;
  beforeEach(() => {
    t = tempStore();
  });
  afterEach(() => t.cleanup());

  it('writes the retention for the database, and audits a change of it', async () => {
    const audit = new AuditLog(t.store.audit, systemClock, silentLogger);
    await new AuditPruner(t.store.audit, audit, 365 * DAY, () => Date.now(), silentLogger).init();
    await new AuditPruner(t.store.audit, audit, 365 * DAY, () => Date.now(), silentLogger).init();
    await new AuditPruner(t.store.audit, audit, 180 * DAY, () => Date.now(), silentLogger).init();
    const rows = await audit.query({ action: 'audit.retention', limit: 10 });
    expect(rows.map((r) => r.detail)).toEqual([
      { retentionDays: 180, previousDays: 365 },
      { retentionDays: 365, previousDays: null },
    ]);
    expect(rows[0]).toMatchObject({ actor: 'system', actorKind: 'system', outcome: 'ok' });
    const setting = t.store.db.prepare("SELECT value FROM settings WHERE key = 'audit.retention_ms'").get() as { value: string };
    expect(Number(setting.value)).toBe(180 * DAY);
  });

  it('prunes past retention in batches, leaves a chain that verifies from the anchor, and keeps younger rows', async () => {
    const now = Date.now();
    t.store.db.transaction(() => {
      for (let i = 0; i < 5000; i++) void t.store.audit.append(auditInput(now - 300 * DAY + i * 1000, i));
      for (let i = 0; i < 100; i++) void t.store.audit.append(auditInput(now - 10 * DAY + i * 1000, i));
    })();
    const { log, lines } = capture();
    const audit = new AuditLog(t.store.audit, systemClock, silentLogger);
    const batches: number[] = [];
    const counting = Object.create(t.store.audit) as typeof t.store.audit;
    counting.prune = async (cutoff: number, limit: number) => {
      const n = await t.store.audit.prune(cutoff, limit);
      batches.push(n);
      return n;
    };
    const pruner = new AuditPruner(counting, audit, 180 * DAY, () => now, log, 700);
    await pruner.init();
    expect(await pruner.run()).toBe(5000);
    expect(batches).toEqual([700, 700, 700, 700, 700, 700, 700, 100]);
    expect(await pruner.run()).toBe(0);
    const v = await verifyAuditChain(t.store.audit);
    // 100 young rows and the retention record init wrote.
    expect(v).toMatchObject({ ok: true, rows: 101, anchor: { id: 5000 } });
    expect(lines.find((l) => l.msg === 'audit pruned')).toMatchObject({ deleted: 5000, anchor: { id: 5000 } });
  });

  it('logs a failed prune and does not throw', async () => {
    const now = Date.now();
    await t.store.audit.append(auditInput(now - 10 * DAY));
    const { log, lines } = capture();
    // A clock a year ahead asks for a row the database still protects.
    const pruner = new AuditPruner(t.store.audit, new AuditLog(t.store.audit, systemClock, silentLogger), 180 * DAY, () => now + 365 * DAY, log);
    expect(await pruner.run()).toBe(0);
    expect(lines.find((l) => l.msg === 'audit prune failed')).toBeDefined();
    expect((await t.store.audit.scan(0, 10)).length).toBe(1);
  });
});

describe('logAuditHead', () => {
  let t: ReturnType<typeof tempStore>;
  beforeEach(() => {
    t = tempStore();
  });
  afterEach(() => t.cleanup());

  it("logs the newest row's id and hash at info as 'audit head'", async () => {
    const { log, lines } = capture();
    expect(await logAuditHead(t.store.audit, log)).toBeNull();
    await t.store.audit.append(auditInput(1));
    const last = await t.store.audit.append(auditInput(2));
    await logAuditHead(t.store.audit, log);
    expect(lines.map((l) => [l.level, l.msg, l.auditHead])).toEqual([
      [30, 'audit head', null],
      [30, 'audit head', { id: 2, hash: last.hash }],
    ]);
  });
});
