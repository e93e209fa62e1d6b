import express, { Router } from 'express';
import { DeviceRegistration, DeviceRegistrationBody, isDeviceKind, type EffectiveStatus } from '@futian/shared';
import type { SourceToken } from '../config/config.js';
import { bearerAuth, sourceOf } from '../http/auth.js';
import { HttpError, requireObjectBody } from '../http/errors.js';
import type { Logger } from '../platform/logger.js';
import type { DeviceRegistry } from './registry.js';

export interface DeviceRouteDeps {
  sources: readonly SourceToken[];
  registry: DeviceRegistry;
  /** A device's status in the live room (injected: the live room lives in rooms/, which imports devices/). */
  statusOf: (idx: number) => EffectiveStatus | undefined;
  log: Logger;
}

/** The device registry over HTTP: upstreams register devices, integrators list them with their live status. */
export function deviceRoutes(deps: DeviceRouteDeps): Router {
  const r = Router();
  const auth = bearerAuth(deps.sources);

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
    deps.log.info({ source: sourceOf(res.locals).name, added: result.added, updated: result.updated }, 'devices registered');
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
