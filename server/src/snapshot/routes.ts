import { Router, type Request } from 'express';
import { isModuleId, WALL_LAYOUT_IDS, type ScreenInfo, type SceneRef, type WallLayoutId } from '@futian/shared';
import type { AuditLog } from '../audit/log.js';
import { HttpError } from '../http/errors.js';
import type { Gate } from '../http/session.js';
import { SnapshotBusy, SnapshotUnavailable, type SnapshotRequest, type SnapshotService } from './service.js';

export interface SnapshotRouteDeps {
  snapshots: SnapshotService;
  gate: Gate;
  audit: Pick<AuditLog, 'record'>;
  /** An enrolled screen's settings, or null. */
  screen: (id: string) => ScreenInfo | null;
  /** The scene a screen shows now (console or tour), or null for its own default. */
  sceneOf: (id: string) => SceneRef | null;
}

const layoutOf = (v: unknown): WallLayoutId | null => (typeof v === 'string' && (WALL_LAYOUT_IDS as readonly string[]).includes(v) ? (v as WallLayoutId) : null);

/**
 * PNG pictures of the wall: of an enrolled screen as it shows now (its layout,
 * module, mode and scene), or of any layout and module for a report (what
 * `pnpm snapshot` asks for). Anyone who may watch the walls in the console may
 * take one; each is audited (a temporary screen is enrolled to take it).
 */
export function snapshotRoutes(d: SnapshotRouteDeps): Router {
  const r = Router();

  async function send(req: Request, res: import('express').Response, target: string, want: Omit<SnapshotRequest, 'by'>): Promise<void> {
    const u = await d.gate.require(req, res, 'console.view');
    const actor = { name: u.name, kind: 'user' as const, address: u.address };
    const t0 = Date.now();
    try {
      const png = await d.snapshots.take({ ...want, by: u.name });
      await d.audit.record(actor, { action: 'screen.snapshot', target, outcome: 'ok', detail: { layout: want.layout, screen: want.screen, lang: want.lang, bytes: png.length, ms: Date.now() - t0 } });
      const stamp = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 16).replace(/[-:T]/g, '');
      res.setHeader('Content-Type', 'image/png');
      res.setHeader('Content-Disposition', `attachment; filename="futian-wall-${target.replace(/[^A-Za-z0-9_-]/g, '_')}-${want.layout}-${stamp}.png"`);
      res.setHeader('Cache-Control', 'no-store');
      res.send(png);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      await d.audit.record(actor, { action: 'screen.snapshot', target, outcome: 'failed', detail: { reason: why } });
      if (e instanceof SnapshotBusy) {
        res.setHeader('Retry-After', '5');
        throw new HttpError(429, why);
      }
      if (e instanceof SnapshotUnavailable) throw new HttpError(503, why);
      throw new HttpError(503, `the picture could not be taken: ${why}`);
    }
  }

  r.get('/api/console/screens/:id/snapshot.png', async (req, res) => {
    const id = String(req.params.id);
    const info = d.screen(id);
    if (!info) {
      await d.gate.require(req, res, 'console.view');
      throw new HttpError(404, `no screen ${id}`);
    }
    // A screen set to 'auto' picks its layout from its window: the picture uses the layout the page reported.
    const layout = layoutOf(info.layout) ?? layoutOf(info.reportedLayout) ?? '1080p';
    await send(req, res, id, { layout, screen: info.screen, mode: info.mode, lang: req.query.lang === 'en' ? 'en' : 'zh', scene: d.sceneOf(id) });
  });

  r.get('/api/console/snapshot.png', async (req, res) => {
    const layout = layoutOf(req.query.layout ?? '1080p');
    const screen = req.query.screen ?? 'auto';
    if (!layout) {
      await d.gate.require(req, res, 'console.view');
      throw new HttpError(400, `layout must be one of ${WALL_LAYOUT_IDS.join(', ')}`);
    }
    if (screen !== 'auto' && !isModuleId(screen)) {
      await d.gate.require(req, res, 'console.view');
      throw new HttpError(400, 'screen must be auto or a module id');
    }
    const mode = req.query.mode === 'demo' ? 'demo' : 'live';
    await send(req, res, `${layout}/${String(screen)}`, { layout, screen: screen as SnapshotRequest['screen'], mode, lang: req.query.lang === 'en' ? 'en' : 'zh', scene: null });
  });

  return r;
}
