import type { IngestReport } from '@futian/shared';
import { CODE_STATUS, STATUS_CODE, type RawReportRow } from '../store/types.js';
import type { Observation } from './fleet.js';
import type { DeviceRecord } from './registry.js';

/**
 * The one mapping between what a device reported and what a room observes.
 * Every report becomes a stored row first (ingest commits it; the demo script
 * makes the same row in memory), and every room observes rows: live from
 * committed batches and at restore, replay from stored pages, demo from its
 * script. A field added to a report kind is added here once.
 */
export function rowOfReport(r: IngestReport, device: DeviceRecord, source: number): RawReportRow {
  return {
    ts: r.ts,
    device: device.idx,
    status: STATUS_CODE[r.status],
    busy: r.kind === 'pile' && r.busy !== undefined ? (r.busy ? 1 : 0) : null,
    powerKw: r.kind === 'pile' ? (r.powerKw ?? null) : null,
    sensors: r.kind === 'pole' ? (r.sensorsOnline ?? null) : null,
    source,
  };
}

export function observationOfRow(row: RawReportRow): Observation {
  return {
    status: CODE_STATUS[row.status] ?? 'offline',
    busy: row.busy === null ? undefined : row.busy === 1,
    powerKw: row.powerKw ?? undefined,
    sensorsOnline: row.sensors ?? undefined,
  };
}
