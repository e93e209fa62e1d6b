import { describe, expect, it } from 'vitest';
import type { TourConfig, TourState, WallControl } from '@futian/shared';
import { direct, nextChangeMs, sameScene, sceneLabel } from './director';
import { activeNotice } from './notice';

const tour: TourConfig = {
  id: 't',
  version: 'v1',
  title: { zh: '演示', en: 'Demo' },
  scenes: [
    { id: 'a', module: 'overview', durationS: 10, caption: { zh: '甲', en: 'A' } },
    { id: 'b', module: 'map', layout: 'single', durationS: 20, highlight: { type: 'subdistrict', id: '440304006' }, caption: { zh: '乙', en: 'B' } },
  ],
};
const running = (startedAt: number): TourState => ({ tourId: 't', version: 'v1', state: 'running', startedAt, pausedElapsed: null });
const ctl = (over: Partial<WallControl>): WallControl => ({ scene: null, tour: null, notice: null, room: 'live', serverTime: 0, ...over });

describe('direct', () => {
  it('follows the tour by server time, the same on every PC', () => {
    const c = ctl({ tour: { config: tour, state: running(1_000) } });
    const d1 = direct(c, 1_000 + 9_999, null);
    expect(d1.source).toBe('tour');
    expect(d1.scene).toEqual({ module: 'overview', highlight: null });
    expect(nextChangeMs(d1)).toBe(1);
    const d2 = direct(c, 1_000 + 10_000, null);
    expect(d2.scene).toEqual({ module: 'map', layout: 'single', highlight: { type: 'subdistrict', id: '440304006' } });
    expect(d2.tour).toMatchObject({ index: 1, total: 2, sceneId: 'b', remainingMs: 20_000, paused: false });
    expect(sceneLabel(d2)).toBe('tour 2/2 · b');
    // Wraps around after the last scene.
    expect(direct(c, 1_000 + 30_000, null).tour?.index).toBe(0);
  });

  it('holds the paused scene and names who paused it', () => {
    const state: TourState = { ...running(0), state: 'paused', pausedElapsed: 12_000, pausedBy: 'duty' };
    const d = direct(ctl({ tour: { config: tour, state } }), 999_999, null);
    expect(d.tour).toMatchObject({ index: 1, paused: true, pausedBy: 'duty', elapsedMs: 2_000 });
    expect(nextChangeMs(d)).toBeNull();
  });

  it('lets an operator scene take over a tour and keeps the tour view for the indicator', () => {
    const d = direct(ctl({ scene: { module: 'infra' }, tour: { config: tour, state: running(0) } }), 5_000, null);
    expect(d.source).toBe('console');
    expect(d.scene).toEqual({ module: 'infra' });
    expect(d.tour?.index).toBe(0);
    expect(nextChangeMs(d)).toBeNull();
    expect(sceneLabel(d)).toBe('takeover · infra');
  });

  it('falls back to what the URL asked for when nobody directs the screen', () => {
    const local = { module: 'map' as const, highlight: { type: 'subdistrict' as const, id: '440304010' } };
    expect(direct(null, 0, local)).toEqual({ scene: local, source: 'local', tour: null });
    expect(sceneLabel(direct(ctl({}), 0, null))).toBe('auto');
    // 'auto' from the console hands the screen back to its layout (and to the URL's focus).
    expect(direct(ctl({ scene: { module: 'auto' } }), 0, local).source).toBe('local');
    expect(sceneLabel(direct(ctl({ scene: local }), 0, null))).toBe('console · map · subdistrict:440304010');
  });
});

describe('sameScene', () => {
  it('compares module and highlight by value', () => {
    expect(sameScene({ module: 'map', highlight: { type: 'kpi', id: 'x' } }, { module: 'map', highlight: { type: 'kpi', id: 'x' } })).toBe(true);
    expect(sameScene({ module: 'map', highlight: null }, { module: 'map' })).toBe(true);
    expect(sameScene({ module: 'map' }, { module: 'infra' })).toBe(false);
    expect(sameScene({ module: 'map', layout: 'single' }, { module: 'map' })).toBe(false);
    expect(sameScene({ module: 'map', highlight: { type: 'kpi', id: 'x' } }, { module: 'map', highlight: { type: 'kpi', id: 'y' } })).toBe(false);
    expect(sameScene(null, { module: 'map' })).toBe(false);
  });
});

describe('activeNotice', () => {
  it('shows a notice until its expiry in server time, then nothing', () => {
    const notice = { id: 'n', text: { zh: '通知', en: 'Notice' }, level: 'warn' as const, expiresAt: 10_000, by: 'op' };
    expect(activeNotice(ctl({ notice }), 9_999)).toBe(notice);
    expect(activeNotice(ctl({ notice }), 10_000)).toBeNull();
    expect(activeNotice(null, 0)).toBeNull();
  });
});
