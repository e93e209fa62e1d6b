import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { statKey } from '@futian/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollUrl } from '../support/screens.js';
import { launch, startLiveWall, waitConnected, waitEnrolled, type LiveWall } from './harness.js';

/**
 * The wall's text, checked where it is drawn: every layout × module × language, in
 * Chromium against the real server and feeds. A wall is read from across a room and
 * nobody can hover it, so text that is clipped, cut with an ellipsis, drawn over
 * other text or too small to read is a defect, whatever a title attribute says.
 *
 * What is checked:
 * - DOM text: every visible text node, by its rendered line boxes (Range rects);
 * - canvas text: every fillText/strokeText on a canvas in the page (ECharts' zrender
 *   and the wall's own painters alike), recorded by a hook installed before the
 *   page's scripts and reset when a canvas is cleared whole or resized, so what is
 *   checked is what the canvas last painted.
 * Not covered: text in images or SVG (the wall draws none), glyphs a canvas draws
 * clipped by its own clip path (only the canvas edge is checked), and whether a text
 * is hidden under a non-text graphic.
 */

const SHOTS = path.resolve(import.meta.dirname, '../../artifacts/screenshots');

/**
 * The four presets (client/src/wall/layout/presets.ts; tests do not import the client).
 * `u` is real px per design px, as canvasMetrics derives it: the check also reads it
 * back from the page's root font size and fails if the two disagree.
 */
const LAYOUTS = [
  { id: '1080p', width: 1920, height: 1080, u: 1, wide: false },
  { id: '4k', width: 3840, height: 2160, u: 2, wide: false },
  { id: '48x9', width: 5760, height: 1080, u: 1, wide: true },
  { id: '32x9', width: 7680, height: 2160, u: 2, wide: true },
] as const;
const LANGS = ['zh', 'en'] as const;
const MODULES = ['overview', 'structure', 'growth', 'map', 'infra'] as const;
type ModuleId = (typeof MODULES)[number];

/** The smallest text the wall may draw, in design px (× u in real px). */
const MIN_DESIGN_PX = 14;
const SCREEN_ID = 'layout-check';

// ---------------------------------------------------------------------------
// In the page. These functions are serialised into the page by playwright, so
// they use nothing from this module's scope.
// ---------------------------------------------------------------------------

interface CanvasText {
  text: string;
  /** Axis-aligned box in canvas backing-store px. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Font size in backing-store px. */
  px: number;
}

/**
 * Installed before any page script: records what each canvas last painted as text.
 * A canvas cleared whole (ECharts clears a layer before each full paint; the wall's
 * painters clear before theirs) or resized starts a new list.
 */
function installCanvasTextHook(): void {
  const registry = new Map<HTMLCanvasElement, CanvasText[]>();
  (window as unknown as { __canvasTexts: typeof registry }).__canvasTexts = registry;
  const P = CanvasRenderingContext2D.prototype;
  const corners = (m: DOMMatrix, xs: number[], ys: number[]): { x0: number; y0: number; x1: number; y1: number } => {
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const x of xs) {
      for (const y of ys) {
        const p = m.transformPoint(new DOMPoint(x, y));
        x0 = Math.min(x0, p.x);
        y0 = Math.min(y0, p.y);
        x1 = Math.max(x1, p.x);
        y1 = Math.max(y1, p.y);
      }
    }
    return { x0, y0, x1, y1 };
  };
  const record = (ctx: CanvasRenderingContext2D, raw: string, x: number, y: number, maxWidth: number | undefined): void => {
    const canvas = ctx.canvas;
    if (!(canvas instanceof HTMLCanvasElement)) return;
    const text = String(raw);
    if (text.trim() === '') return;
    const m = ctx.measureText(text);
    let w = m.width;
    if (maxWidth !== undefined && Number.isFinite(maxWidth) && maxWidth < w) w = maxWidth;
    const align = ctx.textAlign;
    const rtl = ctx.direction === 'rtl';
    const left =
      align === 'center' ? x - w / 2 : align === 'right' || (align === 'end' && !rtl) || (align === 'start' && rtl) ? x - w : x;
    // The em box, as for DOM text: from the baseline the context uses.
    const fontPx = Number(/([\d.]+)px/.exec(ctx.font)?.[1] ?? '10');
    const asc = Number.isFinite(m.emHeightAscent) ? m.emHeightAscent : fontPx * 0.88;
    const desc = Number.isFinite(m.emHeightDescent) ? m.emHeightDescent : fontPx * 0.12;
    const t = ctx.getTransform();
    const box = corners(t, [left, left + w], [y - asc, y + desc]);
    const scale = Math.sqrt(Math.abs(t.a * t.d - t.b * t.c));
    let list = registry.get(canvas);
    if (!list) registry.set(canvas, (list = []));
    // zrender strokes a halo, then fills the same text: one text.
    const dup = list.find((r) => r.text === text && Math.abs(r.x0 - box.x0) < 0.5 && Math.abs(r.y0 - box.y0) < 0.5);
    if (!dup) list.push({ text, ...box, px: fontPx * scale });
  };
  const fill = P.fillText;
  const stroke = P.strokeText;
  P.fillText = function (this: CanvasRenderingContext2D, text: string, x: number, y: number, maxWidth?: number) {
    record(this, text, x, y, maxWidth);
    return maxWidth === undefined ? fill.call(this, text, x, y) : fill.call(this, text, x, y, maxWidth);
  };
  P.strokeText = function (this: CanvasRenderingContext2D, text: string, x: number, y: number, maxWidth?: number) {
    record(this, text, x, y, maxWidth);
    return maxWidth === undefined ? stroke.call(this, text, x, y) : stroke.call(this, text, x, y, maxWidth);
  };
  const clear = P.clearRect;
  P.clearRect = function (this: CanvasRenderingContext2D, x: number, y: number, w: number, h: number) {
    const canvas = this.canvas;
    if (canvas instanceof HTMLCanvasElement && registry.has(canvas)) {
      const b = corners(this.getTransform(), [x, x + w], [y, y + h]);
      if (b.x0 <= 0.5 && b.y0 <= 0.5 && b.x1 >= canvas.width - 0.5 && b.y1 >= canvas.height - 0.5) registry.set(canvas, []);
    }
    return clear.call(this, x, y, w, h);
  };
  for (const dim of ['width', 'height'] as const) {
    const d = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, dim)!;
    Object.defineProperty(HTMLCanvasElement.prototype, dim, {
      ...d,
      set(this: HTMLCanvasElement, v: number) {
        registry.delete(this);
        d.set!.call(this, v);
      },
    });
  }
}

type Rule = 'clipped' | 'ellipsis' | 'overlap' | 'small';

interface Offence {
  rule: Rule;
  text: string;
  where: string;
  detail: string;
}

interface CheckResult {
  offences: Offence[];
  /** How much was looked at, so a check that saw nothing cannot pass. */
  seen: { dom: number; canvas: number; canvases: number };
  remPx: number;
}

/**
 * Finds every visible text on the page that is clipped, cut with an ellipsis,
 * overlapping another text, or smaller than `minPx`.
 */
function checkText(opts: { minPx: number; tol: number }): CheckResult {
  const { minPx, tol } = opts;
  interface Box {
    l: number;
    t: number;
    r: number;
    b: number;
  }
  interface Item {
    text: string;
    el: Element;
    px: number;
    /** Line boxes (DOM) or one box (canvas), in CSS px. */
    boxes: Box[];
    /** A DOM text node, or the canvas with an index: items from one source never overlap-test each other's lines. */
    source: Node | string;
    layer: Element | null;
  }
  /** What floats over the stage by design (another helper's overlays): only tested against its own text. */
  const OVERLAYS = '.alarms, .alarm-strip, .notice, .tour-caption, [data-watermark], [data-tour-lost]';
  const offences: Offence[] = [];
  const short = (s: string): string => {
    const one = s.replace(/\s+/g, ' ').trim();
    return one.length > 60 ? `${one.slice(0, 57)}…` : one;
  };
  const where = (el: Element): string => {
    const mod = el.closest('[data-module]')?.getAttribute('data-module') ?? el.closest('[data-slot]')?.getAttribute('data-slot');
    const area = mod ?? (el.closest('.wall-header') ? 'header' : el.closest(OVERLAYS) ? 'overlay' : 'page');
    const tile = el.closest('[data-tile]')?.getAttribute('data-tile') ?? el.closest('[data-metric]')?.getAttribute('data-metric');
    const tag = el.tagName.toLowerCase() + [...el.classList].map((c) => `.${c}`).join('');
    return [area, tile, tag].filter(Boolean).join(' › ');
  };
  const visible = (el: Element): boolean => {
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true })) return false;
    // A screen-reader-only list (clip-path: inset(50%) on a 1 px box) is not on screen.
    for (let e: Element | null = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.clipPath !== 'none' || cs.clip.startsWith('rect')) {
        const r = e.getBoundingClientRect();
        if (r.width <= 2 || r.height <= 2) return false;
      }
    }
    return true;
  };
  const fmt = (b: Box): string => `${Math.round(b.r - b.l)}×${Math.round(b.b - b.t)}@${Math.round(b.l)},${Math.round(b.t)}`;

  // ---- Collect DOM text ----
  const items: Item[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const visCache = new Map<Element, boolean>();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent ?? '';
    if (text.trim() === '') continue;
    const el = n.parentElement;
    if (!el || el.closest('script, style, noscript, template, title')) continue;
    let vis = visCache.get(el);
    if (vis === undefined) visCache.set(el, (vis = visible(el)));
    if (!vis) continue;
    const px = parseFloat(getComputedStyle(el).fontSize);
    range.selectNodeContents(n);
    const boxes: Box[] = [];
    for (const r of range.getClientRects()) {
      if (r.width < 0.5 || r.height < 0.5) continue;
      // The em box: a line box is the font's whole content area (CJK fonts: about 1.45 em),
      // taller than its glyphs; tight lines would overlap by their content areas alone.
      const h = Math.min(r.height, px);
      const t = r.top + (r.height - h) / 2;
      boxes.push({ l: r.left, t, r: r.right, b: t + h });
    }
    if (boxes.length === 0) continue;
    items.push({ text, el, px, boxes, source: n, layer: el.closest(OVERLAYS) });
  }
  const domCount = items.length;

  // ---- Collect canvas text ----
  const registry = (window as unknown as { __canvasTexts?: Map<HTMLCanvasElement, CanvasText[]> }).__canvasTexts;
  let canvases = 0;
  for (const [canvas, list] of registry ?? []) {
    if (!canvas.isConnected || list.length === 0 || !visible(canvas)) continue;
    const cr = canvas.getBoundingClientRect();
    if (cr.width < 1 || cr.height < 1) continue;
    canvases++;
    const sx = cr.width / canvas.width;
    const sy = cr.height / canvas.height;
    list.forEach((t, i) => {
      items.push({
        text: t.text,
        el: canvas,
        px: t.px * sx,
        boxes: [{ l: cr.left + t.x0 * sx, t: cr.top + t.y0 * sy, r: cr.left + t.x1 * sx, b: cr.top + t.y1 * sy }],
        source: `canvas${canvases}:${i}`,
        layer: canvas.closest(OVERLAYS),
      });
    });
  }

  // ---- Ellipsis (and line clamps) actually engaged ----
  const cut = new Set<Element>();
  for (const el of document.body.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    const ell = cs.textOverflow === 'ellipsis' && cs.overflowX !== 'visible' && el.scrollWidth > el.clientWidth;
    let clamp = false;
    if (!ell && cs.webkitLineClamp !== 'none' && cs.webkitLineClamp !== '' && el.scrollHeight > el.clientHeight) {
      // Engaged when a line is laid out below the box: scrollHeight alone also counts the
      // last line's glyph overflow (a CJK font's content area is taller than its line).
      const bottom = el.getBoundingClientRect().top + el.clientTop + el.clientHeight;
      range.selectNodeContents(el);
      clamp = [...range.getClientRects()].some((r) => (r.top + r.bottom) / 2 > bottom);
    }
    if (!(ell || clamp) || !visible(el) || (el.textContent ?? '').trim() === '') continue;
    cut.add(el);
    offences.push({
      rule: 'ellipsis',
      text: short(el.textContent ?? ''),
      where: where(el),
      detail: ell ? `needs ${el.scrollWidth} px, has ${el.clientWidth}` : `${cs.webkitLineClamp} lines shown of ${el.scrollHeight} px of text in ${el.clientHeight} px`,
    });
  }

  // ---- Clipped: beyond an ancestor that clips, the canvas or the viewport ----
  const shown: Item[] = [];
  const vw = document.documentElement.clientWidth;
  const vh = document.documentElement.clientHeight;
  for (const it of items) {
    const u: Box = {
      l: Math.min(...it.boxes.map((b) => b.l)),
      t: Math.min(...it.boxes.map((b) => b.t)),
      r: Math.max(...it.boxes.map((b) => b.r)),
      b: Math.max(...it.boxes.map((b) => b.b)),
    };
    const clips: Array<{ box: Box; x: boolean; y: boolean; by: string; marquee: boolean; cut: boolean }> = [];
    if (it.el instanceof HTMLCanvasElement) {
      const r = it.el.getBoundingClientRect();
      clips.push({ box: { l: r.left, t: r.top, r: r.right, b: r.bottom }, x: true, y: true, by: 'its canvas', marquee: false, cut: false });
    }
    for (let e: Element | null = it.el instanceof HTMLCanvasElement ? it.el.parentElement : it.el; e && e !== document.documentElement; e = e.parentElement) {
      const cs = getComputedStyle(e);
      const x = cs.overflowX !== 'visible';
      const y = cs.overflowY !== 'visible';
      if (!x && !y) continue;
      const r = e.getBoundingClientRect();
      const l = r.left + e.clientLeft;
      const t = r.top + e.clientTop;
      clips.push({
        box: { l, t, r: l + e.clientWidth, b: t + e.clientHeight },
        x,
        y,
        by: where(e),
        // A scrolling board moves its rows through its edge on purpose.
        marquee: e.hasAttribute('data-marquee'),
        cut: cut.has(e),
      });
    }
    clips.push({ box: { l: 0, t: 0, r: vw, b: vh }, x: true, y: true, by: 'the viewport', marquee: false, cut: false });
    let hidden = false;
    let clippedBy: string | null = null;
    // What is left on screen of each line: overlaps are tested on that, not on lines a clip hides.
    let boxes = it.boxes;
    for (const c of clips) {
      boxes = boxes
        .map((b) => ({
          l: c.x ? Math.max(b.l, c.box.l) : b.l,
          t: c.y ? Math.max(b.t, c.box.t) : b.t,
          r: c.x ? Math.min(b.r, c.box.r) : b.r,
          b: c.y ? Math.min(b.b, c.box.b) : b.b,
        }))
        .filter((b) => b.r - b.l > 0.5 && b.b - b.t > 0.5);
    }
    for (const c of clips) {
      const outside = (c.x && (u.r <= c.box.l || u.l >= c.box.r)) || (c.y && (u.b <= c.box.t || u.t >= c.box.b));
      if (outside) {
        // Wholly outside a clip: not on screen at all (a row scrolled away), nothing to read.
        hidden = true;
        break;
      }
      const over =
        (c.x && (u.l < c.box.l - tol || u.r > c.box.r + tol)) || (c.y && (u.t < c.box.t - tol || u.b > c.box.b + tol));
      if (over && !c.marquee && !c.cut && clippedBy === null) clippedBy = `${c.by} (${fmt(c.box)}) cuts its ${fmt(u)}`;
    }
    if (hidden || boxes.length === 0) continue;
    shown.push({ ...it, boxes });
    if (clippedBy) offences.push({ rule: 'clipped', text: short(it.text), where: where(it.el), detail: clippedBy });
  }

  // ---- Too small ----
  for (const it of shown) {
    if (it.px < minPx - 0.05) {
      offences.push({ rule: 'small', text: short(it.text), where: where(it.el), detail: `${it.px.toFixed(1)} px < ${minPx} px` });
    }
  }

  // ---- Overlapping text ----
  for (let i = 0; i < shown.length; i++) {
    const a = shown[i]!;
    for (let j = i + 1; j < shown.length; j++) {
      const b = shown[j]!;
      if (a.source === b.source || a.layer !== b.layer) continue;
      let hit: string | null = null;
      for (const p of a.boxes) {
        for (const q of b.boxes) {
          const w = Math.min(p.r, q.r) - Math.max(p.l, q.l);
          const h = Math.min(p.b, q.b) - Math.max(p.t, q.t);
          if (w > tol && h > tol) hit = `${Math.round(w)}×${Math.round(h)} px over '${short(b.text)}' (${where(b.el)})`;
        }
      }
      if (hit) offences.push({ rule: 'overlap', text: short(a.text), where: where(a.el), detail: hit });
    }
  }

  return {
    offences,
    seen: { dom: domCount, canvas: items.length - domCount, canvases },
    remPx: parseFloat(getComputedStyle(document.documentElement).fontSize),
  };
}

/** Plants one text of each kind of offence (DOM and canvas) in a module, for the check to find. */
function plantOffenders(u: number): void {
  const host = document.querySelector('[data-slot] [data-pane][data-shown="true"] [data-module]')!;
  const box = document.createElement('div');
  box.setAttribute('data-planted', '');
  box.style.cssText = `position:absolute;left:${20 * u}px;top:${200 * u}px;width:${600 * u}px;height:${400 * u}px;background:#000;z-index:50;font-size:${20 * u}px;color:#fff`;
  box.innerHTML = `
    <div style="width:${80 * u}px;overflow:hidden;white-space:nowrap">PLANTED-CLIPPED-TEXT-WIDE</div>
    <div style="width:${80 * u}px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis">PLANTED-ELLIPSIS-TEXT-WIDE</div>
    <div style="position:relative;height:${40 * u}px"><span style="position:absolute;left:0">PLANTED-OVER-A</span><span style="position:absolute;left:${30 * u}px">PLANTED-OVER-B</span></div>
    <div style="font-size:${9 * u}px">PLANTED-TINY</div>`;
  const canvas = document.createElement('canvas');
  canvas.width = 300 * u;
  canvas.height = 60 * u;
  canvas.style.cssText = `display:block;width:${300 * u}px;height:${60 * u}px`;
  box.append(canvas);
  (host as HTMLElement).style.position ||= 'relative';
  host.append(box);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.textBaseline = 'middle';
  ctx.font = `${9 * u}px sans-serif`;
  ctx.fillText('PLANTED-CANVAS-TINY', 10 * u, 15 * u);
  ctx.font = `${20 * u}px sans-serif`;
  ctx.fillText('PLANTED-CANVAS-EDGE', 220 * u, 45 * u);
}

// ---------------------------------------------------------------------------
// In the test.
// ---------------------------------------------------------------------------

/** Until the statistics feed's modelled split is in: the structure and growth charts are about it. */
async function untilStats(url: string, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    const snap = (await (await fetch(`${url}/api/v1/snapshot`)).json()) as { seq: number; stats: Record<string, unknown> };
    if (snap.seq > 3 && snap.stats[statKey('de.core.valueAdded', '2021', { sector: 'fintech' })]) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('no modelled statistics arrived');
}

/**
 * Until every module on screen shows real data: loaded (no placeholder), every
 * chart with a size drawn at least once, the choropleth's ten regions and the map's
 * labels placed. Then the number rolls settle.
 */
async function untilRendered(page: Page, expected: readonly ModuleId[]): Promise<void> {
  await page.waitForFunction(
    (want) => {
      const panes = [...document.querySelectorAll('[data-slot] [data-pane][data-shown="true"]')];
      const mods = panes.map((p) => p.getAttribute('data-pane'));
      if (want.some((m) => !mods.includes(m))) return false;
      for (const p of panes) {
        if (p.querySelector('[data-module-waiting]') || !p.querySelector('[data-module]')) return false;
        for (const c of p.querySelectorAll<HTMLElement>('[data-draws]')) if (c.clientWidth > 0 && c.clientHeight > 0 && Number(c.dataset.draws) < 1) return false;
        for (const c of p.querySelectorAll('.region-choropleth')) if (c.clientWidth > 0 && Number(c.getAttribute('data-drawn')) < 10) return false;
        for (const m of p.querySelectorAll('.district-map')) if (m.clientWidth > 0 && !m.querySelector('.label')) return false;
      }
      return true;
    },
    expected,
    { timeout: 30_000, polling: 100 },
  );
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // Number rolls and a chart's throttled second draw (its data arrived after the first).
  await page.waitForTimeout(1_200);
}

/** Runs the check twice, a second apart: only what stays wrong is reported (not a number mid-roll). */
async function stableOffences(page: Page, minPx: number, tol: number): Promise<CheckResult> {
  const first = await page.evaluate(checkText, { minPx, tol });
  if (first.offences.length === 0) return first;
  await page.waitForTimeout(1_000);
  const second = await page.evaluate(checkText, { minPx, tol });
  const key = (o: Offence): string => `${o.rule}|${o.text}|${o.where}`;
  const again = new Set(second.offences.map(key));
  return { ...second, offences: first.offences.filter((o) => again.has(key(o))) };
}

describe('wall text layout: nothing clipped, cut, overlapping or too small, on every layout, module and language', () => {
  let wall: LiveWall;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    wall = await startLiveWall();
    browser = await launch();
    // One context and one page for the whole file: one enrolled screen (scenes are
    // the console's way to hold a module on a screen), renavigated per layout and language.
    ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
    await ctx.addInitScript(installCanvasTextHook);
    page = await ctx.newPage();
    await untilStats(wall.url);
    await page.goto(await enrollUrl(wall.srv.app, wall.url, SCREEN_ID, { layout: 'auto', screen: 'auto' }));
    await waitEnrolled(page, SCREEN_ID, 30_000);
  });
  afterAll(async () => {
    await ctx?.close();
    await browser?.close();
    await wall?.close();
  });

  const scene = async (module: ModuleId | 'auto', single: boolean): Promise<void> => {
    wall.srv.app.control.setScene([SCREEN_ID], module === 'auto' ? null : { module, ...(single ? { layout: 'single' as const } : {}) }, 'test');
    await page.waitForFunction(
      ([m, one]) => {
        const slots = [...document.querySelectorAll('[data-slot]')].map((s) => s.getAttribute('data-slot'));
        if (one) return slots.length === 1 && slots[0] === m;
        return slots.length > 1 && (m === 'auto' || document.querySelector(`[data-pane="${m}"][data-shown="true"]`) !== null);
      },
      [module, single] as const,
      { timeout: 15_000 },
    );
  };

  const open = async (layout: (typeof LAYOUTS)[number], lang: (typeof LANGS)[number]): Promise<void> => {
    wall.srv.app.control.setScene([SCREEN_ID], null, 'test');
    await page.setViewportSize({ width: layout.width, height: layout.height });
    await page.goto(`${wall.url}/wall?layout=${layout.id}&lang=${lang}`);
    await waitEnrolled(page, SCREEN_ID, 30_000);
    await waitConnected(page, 30_000);
  };

  it('finds planted offenders of every kind, in DOM and canvas text (the check cannot silently pass)', async () => {
    await open(LAYOUTS[0], 'zh');
    await scene('structure', true);
    await untilRendered(page, ['structure']);
    const clean = await page.evaluate(checkText, { minPx: 14, tol: 1 });
    await page.evaluate(plantOffenders, 1);
    const planted = await page.evaluate(checkText, { minPx: 14, tol: 1 });
    const found = planted.offences.filter((o) => o.text.startsWith('PLANTED'));
    const has = (rule: Rule, text: string): boolean => found.some((o) => o.rule === rule && o.text.startsWith(text));
    expect(has('clipped', 'PLANTED-CLIPPED'), JSON.stringify(found)).toBe(true);
    expect(has('ellipsis', 'PLANTED-ELLIPSIS'), JSON.stringify(found)).toBe(true);
    expect(has('overlap', 'PLANTED-OVER-A'), JSON.stringify(found)).toBe(true);
    expect(has('small', 'PLANTED-TINY'), JSON.stringify(found)).toBe(true);
    expect(has('small', 'PLANTED-CANVAS-TINY'), JSON.stringify(found)).toBe(true);
    expect(has('clipped', 'PLANTED-CANVAS-EDGE'), JSON.stringify(found)).toBe(true);
    // Nothing planted is reported under a rule it does not break.
    expect(found.filter((o) => o.text.startsWith('PLANTED-OVER-')).every((o) => o.rule === 'overlap')).toBe(true);
    // The planted box covers real module text: that shows up as overlaps, nothing else does.
    expect(planted.offences.length).toBeGreaterThan(clean.offences.length);
    // It read the charts' canvas text, not only the DOM.
    expect(clean.seen.canvas).toBeGreaterThan(10);
  });

  for (const layout of LAYOUTS) {
    for (const lang of LANGS) {
      it(`${layout.id} (${layout.width}×${layout.height}) in ${lang}: every module, alone and in the layout's own arrangement`, async () => {
        const minPx = MIN_DESIGN_PX * layout.u;
        const tol = Math.max(1, layout.u);
        const report: string[] = [];
        const errors: string[] = [];
        const onError = (e: Error): void => void errors.push(e.message);
        page.on('pageerror', onError);
        await open(layout, lang);
        const states: Array<{ name: string; module: ModuleId | 'auto'; single: boolean; shows: ModuleId[] }> = layout.wide
          ? [{ name: 'all modules', module: 'auto', single: false, shows: [...MODULES] }]
          : MODULES.filter((m) => m !== 'overview').map((m) => ({ name: `overview + ${m}`, module: m, single: false, shows: ['overview', m] }));
        for (const m of MODULES) states.push({ name: `${m} alone`, module: m, single: true, shows: [m] });
        let canvasSeen = 0;
        for (const s of states) {
          await scene(s.module, s.single);
          await untilRendered(page, s.shows);
          const res = await stableOffences(page, minPx, tol);
          expect(res.remPx, 'root font size = 10 design px × u').toBeCloseTo(10 * layout.u, 2);
          expect(res.seen.dom, `${s.name}: DOM text seen`).toBeGreaterThan(20);
          canvasSeen += res.seen.canvas;
          for (const o of res.offences) report.push(`${layout.id} ${lang} [${s.name}] ${o.rule}: '${o.text}' at ${o.where}: ${o.detail}`);
          if (layout.u === 1 || layout.id === '4k') {
            await page.screenshot({ path: path.join(SHOTS, `layout-check-${layout.id}-${lang}-${s.name.replace(/[^\w]+/g, '-')}.png`) });
          }
        }
        page.off('pageerror', onError);
        expect(canvasSeen, 'canvas text seen').toBeGreaterThan(20);
        expect(report.join('\n')).toBe('');
        expect(errors).toEqual([]);
      }, 120_000);
    }
  }
});
