import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeviceKind } from '@futian/shared';
import { DeviceRegistry } from '../devices/registry.js';
import { SqliteStore } from '../store/sqlite.js';
import type { NewDevice } from '../store/types.js';

/** A real SQLite file in a fresh temp directory, removed by cleanup(). */
export function tempStore(): { store: SqliteStore; dir: string; cleanup: () => Promise<void> } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wall-test-'));
  const store = new SqliteStore(path.join(dir, 'wall.db'));
  return {
    store,
    dir,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function dev(deviceId: string, kind: DeviceKind, subdistrict: string, extra: Partial<NewDevice> = {}): NewDevice {
  return { deviceId, kind, subdistrict, siteId: null, fast: false, lng: null, lat: null, ...extra };
}

export async function registryWith(store: SqliteStore, devices: NewDevice[]): Promise<DeviceRegistry> {
  const reg = new DeviceRegistry(store);
  await reg.load();
  await reg.register(devices);
  return reg;
}

export const XMH = '440304006'; // 香蜜湖
export const FT = '440304004'; // 福田
