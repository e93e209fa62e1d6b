import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { EnterprisePreview, IndustryRegistry, UploadedEnterprise } from '@futian/shared';
import type { Clock } from '../platform/clock.js';
import { readSheetFile } from '../stats/import/read-file.js';
import { StatBatchConflict, type IndustryBatchRow, type NewIndustryBatch, type Store } from '../store/types.js';
import { buildEnterprisePreview, ENTERPRISE_SHEET } from './import.js';
import type { IndustryBase } from './index.js';
import { nameKey, withUploadedList } from './uploaded.js';

interface Served {
  registry: IndustryRegistry;
  json: string;
  gz: Buffer;
  /** 'config', or the batch id of the list in force: the ETag and the walls' ext.industry version. */
  version: string;
}

export interface EnterprisePreviewHeld extends EnterprisePreview {
  owner: number;
}

const PREVIEW_TTL_MS = 30 * 60_000;
const PER_USER = 3;

/**
 * The registry the walls are served: configuration and seed, or with the
 * published enterprise list in force (the newest console upload not rolled
 * back, read from the store). Publishing and rolling back go through here, so
 * the served registry and its version change with the store, and listeners
 * (the live room's ext.industry slot, the cluster topic) hear of it.
 */
export class IndustryService {
  private served: Served;
  private readonly listeners = new Set<(version: string) => void>();
  private readonly previews = new Map<string, EnterprisePreviewHeld>();

  constructor(
    private readonly base: IndustryBase,
    private readonly store: Store,
    private readonly clock: Clock,
  ) {
    this.served = { registry: base.registry, json: base.json, gz: gzipSync(base.json), version: 'config' };
  }

  /** Reads the list in force from the store (start-up, and when another node published). */
  async load(): Promise<void> {
    const cur = await this.store.currentIndustryBatch();
    const version = cur ? String(cur.batch.id) : 'config';
    if (version === this.served.version) return;
    let registry = this.base.registry;
    let json = this.base.json;
    if (cur) {
      const entries = JSON.parse(cur.entries) as UploadedEnterprise[];
      registry = withUploadedList(
        this.base.registry,
        { revision: { batch: cur.batch.id, unit: cur.batch.unit, note: cur.batch.note, at: cur.batch.createdAt, firms: entries.length }, entries },
        { parks: this.base.parks, boards: this.base.boards },
      );
      json = JSON.stringify(registry);
    }
    this.served = { registry, json, gz: gzipSync(json), version };
    for (const fn of this.listeners) fn(version);
  }

  current(): Readonly<Served> {
    return this.served;
  }

  onChange(fn: (version: string) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  // ---- Upload → preview (in memory, per user, 30 minutes; as statistics) ----

  async preview(buf: Buffer, fileName: string, owner: number): Promise<EnterprisePreviewHeld> {
    const sheet = await readSheetFile(buf, ENTERPRISE_SHEET);
    const reg = this.served.registry;
    const namedNames = new Set(this.base.registry.enterprises.filter((e) => e.named).map((e) => nameKey(e.name.zh)));
    const body = buildEnterprisePreview(sheet.rows, { boards: this.base.boards, bbox: this.base.bbox, namedNames });
    this.sweep();
    const mine = [...this.previews.values()].filter((p) => p.owner === owner).sort((a, b) => a.createdAt - b.createdAt);
    for (const old of mine.slice(0, Math.max(0, mine.length - PER_USER + 1))) this.previews.delete(old.id);
    const now = this.clock.now();
    const p: EnterprisePreviewHeld = {
      ...body,
      id: randomBytes(9).toString('base64url'),
      fileName,
      sha256: createHash('sha256').update(buf).digest('hex'),
      format: sheet.format,
      createdAt: now,
      expiresAt: now + PREVIEW_TTL_MS,
      replaces: { simulated: reg.enterprises.filter((e) => e.source === 'sim').length, uploaded: reg.enterprises.filter((e) => e.source === 'unit').length },
      owner,
    };
    this.previews.set(p.id, p);
    return p;
  }

  held(id: string, owner: number): EnterprisePreviewHeld | null {
    this.sweep();
    const p = this.previews.get(id);
    return p && p.owner === owner ? p : null;
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [id, p] of this.previews) if (p.expiresAt <= now) this.previews.delete(id);
  }

  // ---- Publish, roll back, history ----

  async publish(p: EnterprisePreviewHeld, meta: { actor: string; unit: string; note: string }): Promise<IndustryBatchRow> {
    const entries = p.rows.filter((r) => r.status === 'ok' && r.entry).map((r) => r.entry!);
    const batch: NewIndustryBatch = { kind: 'import', createdAt: this.clock.now(), ...meta, fileName: p.fileName, fileSha256: p.sha256, rows: entries.length, reverts: null };
    const out = await this.store.publishIndustryBatch(batch, JSON.stringify(entries));
    this.previews.delete(p.id);
    await this.load();
    return out;
  }

  /** Rolls back the list in force: the one before it (or configuration and seed) is served again. */
  async rollback(id: number, meta: { actor: string; unit: string; note: string }): Promise<IndustryBatchRow> {
    const found = await this.store.industryBatch(id);
    if (!found) throw new StatBatchConflict(`no batch ${id}`);
    if (found.batch.kind !== 'import') throw new StatBatchConflict(`batch ${id} is a rollback; it cannot be rolled back`);
    if (found.batch.revertedBy !== null) throw new StatBatchConflict(`batch ${id} was already rolled back by batch ${found.batch.revertedBy}`);
    const out = await this.store.publishIndustryBatch({ kind: 'rollback', createdAt: this.clock.now(), ...meta, fileName: '', fileSha256: '', rows: 0, reverts: id }, null);
    await this.load();
    return out;
  }

  batches(limit: number): Promise<IndustryBatchRow[]> {
    return this.store.industryBatches(limit);
  }

  async batch(id: number): Promise<{ batch: IndustryBatchRow; entries: UploadedEnterprise[] } | null> {
    const b = await this.store.industryBatch(id);
    return b ? { batch: b.batch, entries: b.entries ? (JSON.parse(b.entries) as UploadedEnterprise[]) : [] } : null;
  }
}
