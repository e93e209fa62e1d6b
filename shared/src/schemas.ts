import { z } from 'zod';
import { DEVICE_KINDS, REPORT_STATUSES } from './devices.js';

/**
 * Ingest payloads. The server validates item by item so a batch keeps its good
 * reports; these schemas are the single definition the server, the mock feeds
 * and the docs share.
 */
export const LIMITS = {
  /** HTTP body limit for /api/v1/ingest; past it the answer is 413. */
  maxBodyBytes: 4 * 1024 * 1024,
  /** Reports per batch; past it the answer is 413. */
  maxBatch: 10_000,
  maxStringField: 256,
  deviceIdMax: 64,
  /** Reports dated further ahead than this are rejected: a device clock gone wrong. */
  futureSkewMs: 5 * 60_000,
  maxPowerKw: 1_000,
  maxSensors: 64,
} as const;

const deviceId = z
  .string()
  .min(1)
  .max(LIMITS.deviceIdMax)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'deviceId may hold letters, digits and _ . : - only');

const ts = z.number().finite().int().nonnegative();

const base = {
  deviceId,
  ts,
  status: z.enum(REPORT_STATUSES),
};

export const Bs5gReport = z.object({ ...base, kind: z.literal('bs5g') });
export const PoleReport = z.object({
  ...base,
  kind: z.literal('pole'),
  sensorsOnline: z.number().int().min(0).max(LIMITS.maxSensors).optional(),
});
export const PileReport = z.object({
  ...base,
  kind: z.literal('pile'),
  busy: z.boolean().optional(),
  powerKw: z.number().finite().min(0).max(LIMITS.maxPowerKw).optional(),
  fast: z.boolean().optional(),
});

export const IngestReport = z.discriminatedUnion('kind', [Bs5gReport, PoleReport, PileReport]);
export type IngestReport = z.infer<typeof IngestReport>;

export const IngestBody = z.object({ reports: z.array(z.unknown()) });

export interface IngestRejection {
  index: number;
  /** Human-readable reason; `code` is the stable key metrics count by. */
  error: string;
  code: RejectCode;
}

export type RejectCode =
  | 'not_object'
  | 'unknown_device'
  | 'wrong_kind'
  | 'wrong_status'
  | 'bad_field'
  | 'bad_ts'
  | 'ts_future'
  | 'ts_too_old'
  | 'oversized_field';

export interface IngestResult {
  accepted: number;
  /** Same device and ts as a report already stored: idempotent, not stored twice. */
  duplicates: number;
  rejected: IngestRejection[];
}

export const DeviceRegistration = z.object({
  deviceId,
  kind: z.enum(DEVICE_KINDS),
  subdistrict: z.string().regex(/^\d{9}$/, 'subdistrict is a 9-digit adcode'),
  siteId: z.string().min(1).max(64).optional(),
  fast: z.boolean().optional(),
  lng: z.number().finite().min(-180).max(180).optional(),
  lat: z.number().finite().min(-90).max(90).optional(),
});
export type DeviceRegistration = z.infer<typeof DeviceRegistration>;

export const DeviceRegistrationBody = z.object({ devices: z.array(z.unknown()).max(50_000) });

export const StatFigure = z.object({
  indicator: z.string().min(1).max(96).regex(/^[A-Za-z0-9_.-]+$/),
  period: z.string().regex(/^\d{4}(Q[1-4])?$/, "period is 'YYYY' or 'YYYYQn'"),
  subdistrict: z.string().regex(/^\d{9}$/).optional(),
  sector: z.string().min(1).max(32).optional(),
  category: z.string().min(1).max(8).optional(),
  tier: z.string().min(1).max(16).optional(),
  value: z.number().finite(),
  note: z.string().max(LIMITS.maxStringField).optional(),
});
export type StatFigure = z.infer<typeof StatFigure>;

export const StatsBody = z.object({ figures: z.array(z.unknown()).max(10_000) });
