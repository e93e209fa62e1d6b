import type { DeviceRow, NewDevice, Store } from '../store/types.js';

/** What the device registry needs from storage. */
export type DeviceRepo = Pick<Store, 'loadDevices' | 'upsertDevices'>;

/**
 * Devices held in memory only, for a fleet that must never be stored: the demo
 * room's scripted devices. Indices start at 1 and stay stable, like the stores'.
 */
export class MemoryDeviceRepo implements DeviceRepo {
  private readonly rows = new Map<string, DeviceRow>();

  async loadDevices(): Promise<DeviceRow[]> {
    return [...this.rows.values()].map((r) => ({ ...r }));
  }

  async upsertDevices(list: NewDevice[]): Promise<DeviceRow[]> {
    return list.map((d) => {
      const prev = this.rows.get(d.deviceId);
      const row: DeviceRow = { ...d, idx: prev?.idx ?? this.rows.size + 1 };
      this.rows.set(d.deviceId, row);
      return { ...row };
    });
  }
}
