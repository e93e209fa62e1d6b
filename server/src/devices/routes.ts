import express, { Router } from 'express';
import { DeviceRegistration, DeviceRegistrationBody, isDeviceKind, type EffectiveStatus } from '@futian/shared';
import type { AuditLog } from '../audit/log.js';
import type { SourceToken } from '../config/config.js';
import { bearerAuth, clientAddress, sourceOf, type RefusalSink } from '../http/auth.js';
import { HttpError, requireObjectBody } from '../http/errors.js';
import type { Logger } from '../platform/logger.js';
import type { DeviceRegistry } from './registry.js';

export interface DeviceRouteDeps {
  sources: readonly SourceToken[];
  registry: DeviceRegistry;
  /** Registrations are audited under the source's name; refused tokens in aggregate. */
  audit: Pick<AuditLog, 'record'>;
  refusals: RefusalSink;
  /** A device's status in the live room (injected: the live room lives in rooms/, which imports devices/). */
  statusOf: (idx: number) => EffectiveStatus | undefined;
  log: Logger;
}

/** Up to ten ids for an audit row's target, and how many more there were. */
function sample(ids: readonly string[]): string {
  const head = ids.slice(0, 10).join(', ');
  return ids.length > 10 ? `${head} … (+${ids.length - 10})` : head;
}

/** The device registry over HTTP: upstreams register devices, integrators list them with their live status. */
export function deviceRoutes(deps: DeviceRouteDeps): Router {
  const r = Router();
  const auth = bearerAuth({ tokens: deps.sources, scope: 'ingest', action: 'devices.register', refusals: deps.refusals });

  r.post('/api/v1/devices', auth, express.json({ limit: 16 * 1024 * 1024 }), async (req, res) => {
    const parsed = DeviceRegistrationBody.safeParse(requireObjectBody(req.body));
    if (!parsed.success) throw new HttpError(400, 'body must be { "devices": [ ... ] } with at most 50,000 devices');
    const rows = [];
    const rejected: Array<{ index: number; error: string }> = [];
    for (const [index, item] of parsed.data.devices.entries()) {
      const d = DeviceRegistration.safeParse(item);
      if (!d.success) {
        const issue = d.error.issues[0];
        rejected.push({ index, error: `${String(issue?.path[0] ?? 'device')}: ${issue?.message ?? 'invalid'}` });
        continue;
      }
      rows.push({
        deviceId: d.data.deviceId,
        kind: d.data.kind,
        subdistrict: d.data.subdistrict,
        siteId: d.data.siteId ?? null,
        fast: d.data.fast ?? false,
        lng: d.data.lng ?? null,
        lat: d.data.lat ?? null,
      });
    }
    const result = await deps.registry.register(rows);
    const source = sourceOf(res.locals);
    deps.log.info({ source: source.name, added: result.added, updated: result.updated }, 'devices registered');
    // The registry decides what the walls count, so a registration is a state
    // change for the audit trail: one row per request that stored anything.
    if (result.added + result.updated > 0) {
      const refused = new Set(result.errors.map((e) => e.deviceId));
      await deps.audit.record(
        { name: source.name, kind: 'token', address: clientAddress(req) },
        {
          action: 'devices.register',
          target: sample(rows.filter((d) => !refused.has(d.deviceId)).map((d) => d.deviceId)),
          outcome: 'ok',
          detail: { devices: parsed.data.devices.length, added: result.added, updated: result.updated, rejected: rejected.length + result.errors.length },
        },
      );
    }
    res.status(200).json({
      added: result.added,
      updated: result.updated,
      rejected: [...rejected, ...result.errors.map((e) => ({ deviceId: e.deviceId, error: e.error }))],
    });
  });

  r.get('/api/v1/devices', (req, res) => {
    const kind = typeof req.query.kind === 'string' ? req.query.kind : undefined;
    if (kind !== undefined && !isDeviceKind(kind)) throw new HttpError(400, "kind must be 'bs5g', 'pole' or 'pile'");
    const sd = typeof req.query.subdistrict === 'string' ? req.query.subdistrict : undefined;
    const status = typeof req.query.status === 'string' ? (req.query.status as EffectiveStatus) : undefined;
    const limit = Math.min(Math.max(Number(req.query.limit ?? 100) || 100, 1), 5000);
    const offset = Math.max(Number(req.query.offset ?? 0) || 0, 0);
    const out = [];
    let total = 0;
    for (const d of deps.registry.all()) {
      if (kind && d.kind !== kind) continue;
      if (sd && d.subdistrict !== sd) continue;
      const st = deps.statusOf(d.idx) ?? 'silent';
      if (status && st !== status) continue;
      if (total >= offset && out.length < limit) {
        out.push({
          deviceId: d.deviceId,
          kind: d.kind,
          subdistrict: d.subdistrict,
          siteId: d.siteId,
          fast: d.fast,
          lng: d.lng,
          lat: d.lat,
          status: st,
        });
      }
      total++;
    }
    res.json({ devices: out, total, offset, limit });
  });

  return r;
}
