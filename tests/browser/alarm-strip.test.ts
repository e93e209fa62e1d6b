import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALARM_SLOT, SUBDISTRICTS, type AlarmBoard, type DeviceKind } from '@futian/shared';
import { post, until } from '../support/server.js';
import { launch, openScreen, startLiveWall, type LiveWall, type OpenedPage } from './harness.js';

/**
 * Issue #41: the alarm panel lay over the bottom-right quarter of a 1080p wall and
 * covered figures, and it kept cleared alarms nobody had acknowledged yet (8–9 rows).
 * The alarms now live in a strip the layout reserves under the stage. Alarms are
 * raised here the way the control centre's are: real feeds, plus devices the test
 * registers and reports in fault until a sub-district's online rate trips a rule.
 */
const SHOTS = path.resolve(import.meta.dirname, '../../artifacts/screenshots');
const dist = process.env.WALL_CLIENT_DIST ? { clientDist: path.resolve(process.env.WALL_CLIENT_DIST) } : {};
const tmp = path.join(os.tmpdir(), `alarm-strip-test-${process.pid}`);
const HUAFU = '440304009';
const STRIP = '[data-alarm-strip]';

const rules = [
  { id: 'pole-low', type: 'onlineRateBelow', kind: 'pole', threshold: 95, clearAt: 96, forS: 1, clearForS: 1, severity: 'major', title: { zh: '智能杆在线率低', en: 'Pole online low' } },
  { id: 'pile-low', type: 'onlineRateBelow', kind: 'pile', threshold: 93, clearAt: 95, forS: 1, clearForS: 1, severity: 'minor', title: { zh: '充电桩在线率低', en: 'Pile online low' } },
  { id: 'bs5g-low', type: 'onlineRateBelow', kind: 'bs5g', threshold: 95, clearAt: 96, forS: 1, clearForS: 1, severity: 'critical', title: { zh: '5G 基站在线率低', en: '5G online low' } },
];

let wall: LiveWall;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(path.join(tmp, 'alarms.json'), JSON.stringify(rules));
  // `prepare` waits until the fleets have reported: before that, silent devices would raise alarms of their own.
  wall = await startLiveWall({ alarmsFile: path.join(tmp, 'alarms.json'), ...dist }, 7, async () => undefined);
  // A sub-district whose fleet is still joining can trip a rule for a moment; the test starts from a calm board.
  await until(() => board().counts.active === 0, 30_000, 'no alarm active');
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await wall?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const board = (): AlarmBoard => wall.srv.app.live.publisher.snapshot().ext[ALARM_SLOT] as AlarmBoard;
const activeOn = (b: AlarmBoard, kind: string, sd: string): boolean =>
  b.open.some((a) => a.state === 'active' && a.ruleId === `${kind}-low` && a.subject === sd);

/**
 * Pulls a sub-district's online rate for `kind` to about 88 % with extra devices in
 * fault, sized from the live cell (the mock fleet's size is the feeds' business),
 * or brings the same devices back online.
 */
async function setFaulty(kind: DeviceKind, sd: string, fault: boolean): Promise<void> {
  const ids = Array.from({ length: extra(kind, sd) }, (_, i) => `AS-${kind}-${sd}-${i}`);
  await post(`${wall.url}/api/v1/devices`, { devices: ids.map((deviceId) => ({ deviceId, kind, subdistrict: sd })) }, wall.srv.token);
  const r = await post(`${wall.url}/api/v1/ingest`, { reports: ids.map((deviceId) => ({ deviceId, kind, ts: Date.now(), status: fault ? 'fault' : 'online' })) }, wall.srv.token);
  expect(r.status).toBe(202);
}
const sizes = new Map<string, number>();
function extra(kind: DeviceKind, sd: string): number {
  const key = `${kind}|${sd}`;
  if (!sizes.has(key)) {
    const c = wall.srv.app.live.fleet.cell(kind, sd);
    sizes.set(key, Math.max(4, Math.ceil(c.online / 0.88 - c.total)));
  }
  return sizes.get(key)!;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
const box = (page: Page, selector: string): Promise<Box> =>
  page.$eval(selector, (e) => {
    const r = e.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  });

/** Shown module slots, titles, tiles and figures the strip overlaps (none, ever). */
const covered = (page: Page): Promise<string[]> =>
  page.evaluate((sel) => {
    const s = document.querySelector(sel)!.getBoundingClientRect();
    const hit = (r: DOMRect) => r.width > 0 && r.height > 0 && r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom;
    return [...document.querySelectorAll('[data-slot], .slot-head, [data-module], [data-tile], [data-metric], canvas')]
      .filter((e) => e.closest('[data-shown="false"]') === null && hit(e.getBoundingClientRect()))
      .map((e) => `${e.tagName}.${e.className}`);
  }, STRIP);

const slotBoxes = (page: Page): Promise<Box[]> =>
  page.$$eval('[data-slot]', (els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    }),
  );

/**
 * What the strip shows, and whether any of it is clipped: every shown alarm and
 * every part of the summary lies wholly inside the strip, and no text overflows its
 * box (no ellipsis, no cut word).
 */
const stripState = (page: Page) =>
  page.evaluate((sel) => {
    const strip = document.querySelector<HTMLElement>(sel)!;
    const s = strip.getBoundingClientRect();
    const inside = (e: Element): boolean => {
      const r = e.getBoundingClientRect();
      return r.left >= s.left - 0.5 && r.right <= s.right + 0.5 && r.top >= s.top - 0.5 && r.bottom <= s.bottom + 0.5;
    };
    const list = strip.querySelector('ul');
    const shown = [...strip.querySelectorAll<HTMLElement>('[data-alarm-id]')].filter((e) => getComputedStyle(e).visibility === 'visible');
    const parts = [...strip.querySelectorAll<HTMLElement>('h2, [data-alarm-counts], [data-alarm-counts] > *, [data-alarm-more], [data-alarm-calm]'), ...shown, ...shown.flatMap((e) => [...e.children] as HTMLElement[])];
    const clipped = parts
      .filter((e) => !inside(e) || e.scrollWidth > e.clientWidth + 1 || (list !== null && shown.includes(e) && e.getBoundingClientRect().right > list.getBoundingClientRect().right + 0.5) || getComputedStyle(e).textOverflow === 'ellipsis')
      .map((e) => e.textContent);
    return {
      state: strip.dataset.state,
      active: Number(strip.dataset.active),
      text: strip.innerText.replace(/\s+/g, ' '),
      shownIds: shown.map((e) => Number(e.dataset.alarmId)),
      looks: shown.map((e) => e.dataset.look),
      more: strip.querySelector('[data-alarm-more]')?.textContent?.trim() ?? null,
      clipped,
      height: s.height,
    };
  }, STRIP);

describe('the alarm strip on live walls', () => {
  let hd: OpenedPage;
  let uhd: OpenedPage;

  it('is reserved under the stage at 1080p and 4K, covering nothing, and calm while no alarm is active', async () => {
    hd = await openScreen(browser, wall.srv, 'strip-1080p', { layout: '1080p' }, 1920, 1080);
    uhd = await openScreen(browser, wall.srv, 'strip-4k', { layout: '4k' }, 3840, 2160);
    for (const [p, u, name] of [[hd.page, 1, '1080p'], [uhd.page, 2, '4k']] as const) {
      await p.locator(STRIP).waitFor({ timeout: 10_000 });
      const st = await stripState(p);
      expect(st.state).toBe('calm');
      expect(st.text).toContain('无活动告警');
      // 48 design px: rendered natively, twice as tall on the 4K wall.
      expect(st.height).toBeCloseTo(48 * u, 0);
      // Under every slot, inside the canvas.
      const s = await box(p, STRIP);
      for (const b of await slotBoxes(p)) expect(b.bottom).toBeLessThanOrEqual(s.top);
      expect(s.bottom).toBeLessThanOrEqual(1080 * u);
      expect(await covered(p)).toEqual([]);
      await p.screenshot({ path: path.join(SHOTS, `alarm-strip-calm-${name}.png`) });
    }
  });

  it('shows a raised alarm with its counts without moving any module, and drops it once cleared though nobody acknowledged it', async () => {
    const before = await Promise.all([slotBoxes(hd.page), slotBoxes(uhd.page)]);
    await setFaulty('pole', HUAFU, true);
    await until(() => activeOn(board(), 'pole', HUAFU), 15_000, 'the Huafu pole alarm raised');
    for (const p of [hd.page, uhd.page]) {
      // The alarms' code loads at the first alarm (a lazy chunk).
      await p.waitForFunction((sel) => document.querySelector<HTMLElement>(sel)?.dataset.active === '1' && document.querySelector(`${sel} [data-alarm-id]`) !== null, STRIP, { timeout: 5_000 });
      // The old panel lay over the rotating slot's bottom-right tiles here.
      expect(await covered(p)).toEqual([]);
      const st = await stripState(p);
      expect(st.text).toContain('重要 1');
      expect(st.text).toContain('未确认 1');
      expect(st.text).toContain('华富 · 智能杆在线率低');
      expect(st.looks).toEqual(['new']);
      expect(st.clipped).toEqual([]);
    }
    // Nothing on the stage moved for the alarm.
    expect(await Promise.all([slotBoxes(hd.page), slotBoxes(uhd.page)])).toEqual(before);
    await hd.page.screenshot({ path: path.join(SHOTS, 'alarm-strip-one-1080p.png') });

    // Recovery clears it. The server keeps it open for the console's acknowledgement; the wall lets it go.
    await setFaulty('pole', HUAFU, false);
    await until(() => board().open.some((a) => a.subject === HUAFU && a.state === 'cleared' && a.ackedAt === null), 15_000, 'the alarm cleared');
    for (const p of [hd.page, uhd.page]) {
      await p.waitForFunction((sel) => document.querySelector<HTMLElement>(sel)?.dataset.state === 'calm', STRIP, { timeout: 5_000 });
      expect(await p.locator(`${STRIP} [data-alarm-id]`).count()).toBe(0);
    }
    expect(await Promise.all([slotBoxes(hd.page), slotBoxes(uhd.page)])).toEqual(before);
  });

  it('keeps an acknowledged alarm that is still active, calm; and summarises 10+ alarms with "+N", nothing clipped or covered', async () => {
    const demo = await openScreen(browser, wall.srv, 'strip-demo', { mode: 'demo', layout: '1080p' }, 1920, 1080);
    // Every sub-district's poles, three sub-districts' piles and one's 5G stations.
    const sds = SUBDISTRICTS.map((s) => s.adcode);
    for (const sd of sds) await setFaulty('pole', sd, true);
    for (const sd of sds.slice(0, 3)) await setFaulty('pile', sd, true);
    await setFaulty('bs5g', sds[0]!, true);
    const expected = sds.length + 3 + 1;
    await until(() => board().counts.active === expected, 20_000, `${expected} alarms active`);
    const huafu = board().open.find((a) => a.state === 'active' && a.subject === HUAFU && a.ruleId === 'pole-low')!;
    expect(await wall.srv.app.alarms.ack(huafu.id, 'op1', '已派单')).not.toBeNull();

    for (const [p, name] of [[hd.page, '1080p'], [uhd.page, '4k']] as const) {
      await p.waitForFunction(
        ([sel, n]) => document.querySelector<HTMLElement>(sel)?.dataset.active === n && document.querySelector<HTMLElement>(`${sel} [data-unacked]`)?.dataset.unacked === String(Number(n) - 1),
        [STRIP, String(expected)] as const,
        { timeout: 5_000 },
      );
      const st = await stripState(p);
      expect(st.text).toContain(`严重 1`);
      expect(st.text).toContain(`重要 ${sds.length}`);
      expect(st.text).toContain(`一般 3`);
      expect(st.text).toContain(`未确认 ${expected - 1}`);
      // The critical alarm leads; some alarms are shown whole, the rest counted.
      expect(st.shownIds.length).toBeGreaterThan(0);
      expect(st.shownIds.length).toBeLessThan(expected);
      expect(st.more).toBe(`+${expected - st.shownIds.length} 条`);
      const first = await p.getAttribute(`${STRIP} [data-alarm-id="${st.shownIds[0]}"]`, 'data-severity');
      expect(first).toBe('critical');
      expect(st.clipped).toEqual([]);
      expect(await covered(p)).toEqual([]);
      // The acknowledged alarm is still active: counted, and not flashing (it is last among the majors, so maybe not shown).
      const acked = p.locator(`${STRIP} [data-alarm-id="${huafu.id}"]`);
      expect(await acked.count()).toBe(1);
      expect(await acked.getAttribute('data-look')).toBe('acked');
      expect(await acked.getAttribute('class')).not.toContain('flashing');
      await p.screenshot({ path: path.join(SHOTS, `alarm-strip-many-${name}.png`) });
    }

    // A demo screen shows no live alarm, and keeps the whole height for the stage.
    expect(await demo.page.locator(STRIP).count()).toBe(0);
    expect(await demo.page.locator('[data-alarm-id]').count()).toBe(0);
    expect([...hd.errors, ...uhd.errors, ...demo.errors]).toEqual([]);
    await demo.page.close();
    await hd.page.close();
    await uhd.page.close();
  });
});
