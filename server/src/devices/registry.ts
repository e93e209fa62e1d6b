import { isSubdistrict, type DeviceKind } from '@futian/shared';
import type { DeviceRow, NewDevice } from '../store/types.js';
import type { DeviceRepo } from './memory-repo.js';

export interface DeviceRecord extends DeviceRow {}

export interface SiteRecord {
  siteId: string;
  scope: string;
  fast: boolean;
  /** Indices of this site's piles. */
  piles: number[];
}

/**
 * The device registry: the set of devices upstream platforms may report for. A
 * report for a device not in here is rejected ("unknown device") so a
 * misconfigured upstream shows up instead of inventing devices.
 */
export class DeviceRegistry {
  private readonly byId = new Map<string, DeviceRecord>();
  private readonly byIdx = new Map<number, DeviceRecord>();
  readonly sites = new Map<string, SiteRecord>();
  private readonly listeners = new Set<(added: DeviceRecord[]) => void>();

  constructor(private readonly store: DeviceRepo) {}

  async load(): Promise<void> {
    this.add(await this.store.loadDevices());
  }

  get size(): number {
    return this.byId.size;
  }

  get(deviceId: string): DeviceRecord | undefined {
    return this.byId.get(deviceId);
  }

  byIndex(idx: number): DeviceRecord | undefined {
    return this.byIdx.get(idx);
  }

  all(): IterableIterator<DeviceRecord> {
    return this.byIdx.values();
  }

  countByKind(): Record<DeviceKind, number> {
    const out: Record<DeviceKind, number> = { bs5g: 0, pole: 0, pile: 0 };
    for (const d of this.byIdx.values()) out[d.kind]++;
    return out;
  }

  /** Called with devices that were new to the registry, so live state can count them. */
  onAdded(fn: (added: DeviceRecord[]) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Registers or updates devices. A device may not change kind or sub-district
   * once registered: live aggregates already count it there, and a silent move
   * would corrupt every total. Such rows are returned as errors instead.
   */
  async register(rows: NewDevice[]): Promise<{ added: number; updated: number; errors: Array<{ deviceId: string; error: string }> }> {
    const errors: Array<{ deviceId: string; error: string }> = [];
    const ok: NewDevice[] = [];
    for (const r of rows) {
      if (!isSubdistrict(r.subdistrict)) {
        errors.push({ deviceId: r.deviceId, error: `unknown subdistrict ${r.subdistrict}` });
        continue;
      }
      const prev = this.byId.get(r.deviceId);
      if (prev && (prev.kind !== r.kind || prev.subdistrict !== r.subdistrict || prev.siteId !== r.siteId || prev.fast !== r.fast)) {
        errors.push({ deviceId: r.deviceId, error: 'kind, subdistrict, site and fast flag are fixed once registered' });
        continue;
      }
      ok.push(r);
    }
    const stored = ok.length > 0 ? await this.store.upsertDevices(ok) : [];
    const fresh = stored.filter((d) => !this.byId.has(d.deviceId));
    this.add(stored);
    if (fresh.length > 0) for (const fn of this.listeners) fn(fresh);
    return { added: fresh.length, updated: stored.length - fresh.length, errors };
  }

  /**
   * Loads devices registered elsewhere (another cluster node, through the shared
   * store). New ones reach the listeners as registered ones do; returns how many.
   */
  async reload(): Promise<number> {
    const rows = await this.store.loadDevices();
    const fresh = rows.filter((d) => !this.byId.has(d.deviceId));
    this.add(rows);
    if (fresh.length > 0) for (const fn of this.listeners) fn(fresh);
    return fresh.length;
  }

  private add(rows: DeviceRow[]): void {
    for (const d of rows) {
      const known = this.byId.get(d.deviceId);
      if (known) {
        Object.assign(known, d);
        continue;
      }
      this.byId.set(d.deviceId, d);
      this.byIdx.set(d.idx, d);
      if (d.kind === 'pile' && d.siteId) {
        let site = this.sites.get(d.siteId);
        if (!site) {
          site = { siteId: d.siteId, scope: d.subdistrict, fast: d.fast, piles: [] };
          this.sites.set(d.siteId, site);
        }
        // A site is "fast" if any of its piles is: centralised fast-charge sites.
        site.fast ||= d.fast;
        site.piles.push(d.idx);
      }
    }
  }
}
