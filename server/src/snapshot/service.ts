import { accessSync, constants } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { ModuleId, ScreenConfig, SceneRef, WallLayoutId } from '@futian/shared';
import type { Logger } from '../platform/logger.js';

/** Each layout's native size in real pixels: the picture is what that screen shows, pixel for pixel. */
export const NATIVE: Record<WallLayoutId, { width: number; height: number }> = {
  '1080p': { width: 1920, height: 1080 },
  '4k': { width: 3840, height: 2160 },
  '48x9': { width: 5760, height: 1080 },
  '32x9': { width: 7680, height: 2160 },
};

export interface SnapshotRequest {
  layout: WallLayoutId;
  /** A module alone, or the layout's own arrangement. */
  screen: ModuleId | 'auto';
  lang: 'zh' | 'en';
  /** The scene to show (a copied screen's current one). */
  scene: SceneRef | null;
  mode: ScreenConfig['mode'];
  /** Who asked, for the temporary screen's enrollment record. */
  by: string;
}

/** What the service needs from the rest of the server (the composition root wires it). */
export interface SnapshotDeps {
  /** The server's own address once it listens, e.g. http://127.0.0.1:8080; null before. */
  origin: () => string | null;
  /** A one-time enrollment link for a temporary screen; a string is a refusal. */
  createLink: (id: string, config: ScreenConfig, by: string) => Promise<{ token: string } | string>;
  setScene: (id: string, scene: SceneRef | null, by: string) => void;
  /** Revokes and forgets the temporary screen. */
  dispose: (id: string) => Promise<void>;
  chromiumPath: string;
  log: Logger;
  /** Real ms the page gets to settle once its data is in (charts draw, numbers roll). */
  settleMs?: number;
}

export class SnapshotUnavailable extends Error {}
export class SnapshotBusy extends Error {}

/** Snapshots waiting beside the one being taken; more are refused (each is a Chromium page at up to 7680×2160). */
const QUEUE = 2;

/**
 * Pictures of the wall for reports and for the console: server-side Chromium
 * (Debian's, through playwright-core) opens the real wall page as a temporary
 * enrolled screen with the layout, module, mode and scene asked for, at the
 * layout's native size, waits until it is connected with data and its charts
 * have drawn, and takes a PNG. The temporary screen is revoked and forgotten
 * at once. The picture carries the wall's own marks: the header's date and
 * time, each tile's source and 口径, and 模拟 / 近似 where they apply.
 */
export class SnapshotService {
  private running: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly d: SnapshotDeps) {}

  /** Why snapshots cannot be taken on this server, or null if they can. */
  unavailable(): string | null {
    try {
      accessSync(this.d.chromiumPath, constants.X_OK);
    } catch {
      return `server-side Chromium is not installed at ${this.d.chromiumPath}: install it (apt-get install chromium fonts-noto-cjk) or set WALL_CHROMIUM to its path`;
    }
    if (!this.d.origin()) return 'the server is not listening yet';
    return null;
  }

  take(req: SnapshotRequest): Promise<Buffer> {
    const why = this.unavailable();
    if (why) return Promise.reject(new SnapshotUnavailable(why));
    if (this.waiting >= QUEUE) return Promise.reject(new SnapshotBusy('snapshots are being taken; try again in a few seconds'));
    this.waiting++;
    const run = this.running.then(() => {
      this.waiting--;
      return this.shoot(req);
    });
    this.running = run.catch(() => undefined);
    return run;
  }

  private async shoot(req: SnapshotRequest): Promise<Buffer> {
    // Loaded on first use: a server that never takes a picture never loads Playwright.
    const { chromium } = await import('playwright-core');
    const id = `snapshot-${randomBytes(4).toString('hex')}`;
    const size = NATIVE[req.layout];
    const link = await this.d.createLink(id, { name: `snapshot (${req.by})`, layout: req.layout, screen: req.screen, mode: req.mode }, req.by);
    if (typeof link === 'string') throw new SnapshotUnavailable(link);
    const browser = await chromium.launch({
      executablePath: this.d.chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: size, deviceScaleFactor: 1 });
      const url = `${this.d.origin()}/wall?enroll=${encodeURIComponent(link.token)}&lang=${req.lang}`;
      await page.goto(url);
      await page.locator(`.wall[data-enrolled="${id}"][data-view="wall"]`).waitFor({ timeout: 30_000 });
      if (req.scene) this.d.setScene(id, req.scene, req.by);
      // Runs in the page; a function, not a string, since the wall's CSP forbids eval. globalThis is the page's window.
      await page.waitForFunction(
        () => {
          const w = (globalThis as { __wall?: { connection: string; seq: number } }).__wall;
          return w?.connection === 'connected' && w.seq > 0;
        },
        undefined,
        { timeout: 30_000 },
      );
      await page.waitForTimeout(this.d.settleMs ?? 2_500);
      return await page.screenshot({ type: 'png', fullPage: false });
    } finally {
      await browser.close().catch(() => undefined);
      await this.d.dispose(id).catch((e: unknown) => this.d.log.warn({ err: String(e), screen: id }, 'snapshot screen not removed'));
    }
  }
}
