import { fastParseReport, IngestReport, LIMITS, type IngestRejection, type RejectCode } from '@futian/shared';
import type { DeviceRecord, DeviceRegistry } from '../devices/registry.js';

export interface ValidReport {
  index: number;
  report: IngestReport;
  device: DeviceRecord;
}

export interface ValidationWindow {
  now: number;
  /** Oldest ts still inside raw retention; older reports could never be queried. */
  oldest: number;
}

const reject = (index: number, code: RejectCode, error: string): IngestRejection => ({ index, code, error });

/** Maps the first zod issue to the reason an integrator needs to fix their feed. */
function zodReason(index: number, path: PropertyKey[], message: string): IngestRejection {
  const field = String(path[0] ?? '');
  if (field === 'kind') return reject(index, 'wrong_kind', "kind must be one of 'bs5g', 'pole', 'pile'");
  if (field === 'status') return reject(index, 'wrong_status', "status must be one of 'online', 'offline', 'fault'");
  if (field === 'ts') return reject(index, 'bad_ts', 'ts must be a finite integer epoch-milliseconds number');
  return reject(index, 'bad_field', `${field || 'item'}: ${message}`);
}

/**
 * Validates one item. Cheap structural checks run first so hostile input (huge
 * strings, deep nesting) is refused before zod walks it.
 */
export function validateItem(
  item: unknown,
  index: number,
  registry: DeviceRegistry,
  win: ValidationWindow,
): ValidReport | IngestRejection {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    return reject(index, 'not_object', 'report must be a JSON object');
  }
  const rec = item as Record<string, unknown>;
  for (const k in rec) {
    const v = rec[k];
    if (typeof v === 'string' && v.length > LIMITS.maxStringField) {
      return reject(index, 'oversized_field', `field '${k.slice(0, 64)}' is longer than ${LIMITS.maxStringField} characters`);
    }
    if (v !== null && typeof v === 'object') {
      return reject(index, 'bad_field', `field '${k.slice(0, 64)}' must be a primitive, not an object or array`);
    }
    if (k.length > 64) return reject(index, 'oversized_field', 'field name longer than 64 characters');
  }
  let r = fastParseReport(rec);
  if (!r) {
    // Slow path only for refusals: zod names the first offending field.
    const parsed = IngestReport.safeParse(item);
    if (parsed.success) r = parsed.data;
    else {
      const issue = parsed.error.issues[0];
      return zodReason(index, issue?.path ?? [], issue?.message ?? 'invalid');
    }
  }
  if (r.ts > win.now + LIMITS.futureSkewMs) {
    return reject(index, 'ts_future', `ts is more than ${LIMITS.futureSkewMs / 60_000} minutes in the future`);
  }
  if (r.ts < win.oldest) return reject(index, 'ts_too_old', 'ts is older than raw-data retention');
  const device = registry.get(r.deviceId);
  if (!device) return reject(index, 'unknown_device', 'unknown device');
  if (device.kind !== r.kind) return reject(index, 'wrong_kind', `device ${r.deviceId} is registered as ${device.kind}`);
  if (r.kind === 'pile' && r.fast !== undefined && r.fast !== device.fast) {
    return reject(index, 'bad_field', `fast=${r.fast} disagrees with the registry`);
  }
  return { index, report: r, device };
}
