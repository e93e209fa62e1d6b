import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, setUpConsole } from '../support/accounts.js';
import { SHOTS } from '../support/console-ui.js';
import { enrollScreen } from '../support/screens.js';
import { launch, startLiveWall, type LiveWall } from './harness.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { startServer } from '../support/server.js';

/**
 * Issue #40: a PNG of any screen as it shows now, at its native size, from the
 * console (and the route `pnpm snapshot` calls), taken by server-side Chromium.
 */
const dist = process.env.WALL_CLIENT_DIST ? { clientDist: path.resolve(process.env.WALL_CLIENT_DIST) } : {};

/** Width and height from the PNG's IHDR chunk. */
function pngSize(b: Buffer): { width: number; height: number } {
  expect([...b.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

async function get(url: string, cookie: string): Promise<{ status: number; body: Buffer; type: string | null; json: Record<string, unknown> | null }> {
  const res = await fetch(url, { headers: cookie ? { cookie } : {} });
  const body = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type');
  return { status: res.status, body, type, json: type?.includes('json') ? (JSON.parse(body.toString()) as Record<string, unknown>) : null };
}

let browser: Browser;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('pictures of the wall', () => {
  let wall: LiveWall;
  let staff: Awaited<ReturnType<typeof setUpConsole>>;

  beforeAll(async () => {
    wall = await startLiveWall(dist, 7, async (srv) => {
      staff = await setUpConsole(srv.url);
    });
    await enrollScreen(wall.srv.app, 'hall-left', { name: '大厅左屏', layout: '1080p', screen: 'map' });
  });
  afterAll(async () => {
    await wall?.close();
  });

  it('takes a screen as it shows now at its native size, with its marks, and leaves no screen behind', async () => {
    wall.srv.app.control.setScene(['hall-left'], { module: 'map', highlight: { type: 'subdistrict', id: '440304006' } }, 'op1');
    const t0 = Date.now();
    const r = await get(`${wall.url}/api/console/screens/hall-left/snapshot.png`, staff.cookies.op1);
    console.log(`snapshot of a 1080p screen: ${Date.now() - t0} ms, ${(r.body.length / 1024).toFixed(0)} KB`);
    expect(r.status, String(r.json?.error)).toBe(200);
    expect(r.type).toBe('image/png');
    expect(pngSize(r.body)).toEqual({ width: 1920, height: 1080 });
    writeFileSync(path.join(SHOTS, 'snapshot-hall-left-1080p.png'), r.body);
    // Not a blank page: the picture, opened in Chromium, has the wall's header text colours and many colours overall.
    const page = await browser.newPage();
    const colours = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext('2d')!;
      g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set<number>();
      for (let i = 0; i < d.length; i += 4 * 37) seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
      return seen.size;
    }, r.body.toString('base64'));
    await page.close();
    expect(colours).toBeGreaterThan(200);
    // The temporary screen is revoked and forgotten; the picture is audited.
    expect(wall.srv.app.screens.list().some((s) => s.id.startsWith('snapshot-'))).toBe(false);
    const rows = await wall.srv.store.audit.query({ limit: 100 });
    expect(rows.find((x) => x.action === 'screen.snapshot')).toMatchObject({ actor: 'op1', target: 'hall-left', outcome: 'ok', detail: { layout: '1080p', screen: 'map' } });
  }, 90_000);

  it('takes any layout and module for a report, at 4K, in English', async () => {
    const r = await get(`${wall.url}/api/console/snapshot.png?layout=4k&screen=structure&lang=en`, staff.cookies.view1);
    expect(r.status, String(r.json?.error)).toBe(200);
    expect(pngSize(r.body)).toEqual({ width: 3840, height: 2160 });
    writeFileSync(path.join(SHOTS, 'snapshot-structure-4k-en.png'), r.body);
  }, 90_000);

  it('decides who may: not strangers, not the auditor; bad requests get a reason', async () => {
    expect((await get(`${wall.url}/api/console/screens/hall-left/snapshot.png`, '')).status).toBe(401);
    expect((await get(`${wall.url}/api/console/screens/hall-left/snapshot.png`, staff.cookies.aud1)).status).toBe(403);
    const none = await get(`${wall.url}/api/console/screens/nosuch/snapshot.png`, staff.cookies.op1);
    expect(none.status).toBe(404);
    const bad = await get(`${wall.url}/api/console/snapshot.png?layout=8k`, staff.cookies.op1);
    expect(bad.status).toBe(400);
    expect(bad.json?.error).toMatch(/layout must be one of 1080p, 4k, 48x9, 32x9/);
  });
});

describe('pictures without server-side Chromium', () => {
  it('say so clearly (503 with what to install), and audit the failure', async () => {
    const srv = await startServer({ chromiumPath: '/nonexistent/chromium' });
    try {
      const staff = await setUpConsole(srv.url);
      const r = await api(srv.url, 'GET', '/api/console/snapshot.png?layout=1080p', staff.cookies.op1);
      expect(r.status).toBe(503);
      expect(r.body.error).toMatch(/server-side Chromium is not installed at \/nonexistent\/chromium: install it \(apt-get install chromium fonts-noto-cjk\) or set WALL_CHROMIUM/);
      expect((await srv.store.audit.query({ limit: 50 })).find((x) => x.action === 'screen.snapshot')?.outcome).toBe('failed');
    } finally {
      await srv.close();
    }
  });
});
