import { LIVE_ROOM, type Highlight } from '@futian/shared';
import { parseLang, type Lang } from '../kit/i18n';
import type { FixtureMode } from './fixtures/fakeLink';
import { parseFocus } from './stores/scene';
import { parseClockTime, type ClockTime } from './daily-reload';

export interface WallParams {
  lang: Lang;
  /** A preset id, or null to choose from the window's aspect ratio. */
  layout: string | null;
  /** A single module full-screen (walls driven by several PCs), or null for the layout's plan. */
  screen: string | null;
  room: string;
  fixture: FixtureMode | null;
  screenId: string;
  screenName?: string;
  scene?: string;
  /** `?focus=subdistrict:<adcode>`: start focused, as a console scene would (the map drills down). */
  focus: Highlight | null;
  /** `?mode=demo`: this PC plays the demo tour by itself (the server starts it on hello). */
  mode: 'demo' | null;
  /** `?reload=04:00`: reload once a day at this local time (see daily-reload.ts). */
  reload: ClockTime | null;
}

const ID_KEY = 'futian-wall.screen-id';
const SAFE = /^[\w.:-]{1,64}$/;

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

function fixtureMode(v: string | null): FixtureMode | null {
  if (v === null) return null;
  if (v === 'gap' || v === 'offline') return v;
  return v === '0' || v === 'false' ? null : 'live';
}

/**
 * A screen keeps one id across reloads, so the console can address "the left
 * wall" rather than whichever socket it happens to be today.
 */
function screenId(requested: string | null, storage: KeyValueStore | null, random: () => number): string {
  if (requested && SAFE.test(requested)) return requested;
  try {
    const kept = storage?.getItem(ID_KEY);
    if (kept && SAFE.test(kept)) return kept;
    const made = `wall-${Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0')}`;
    storage?.setItem(ID_KEY, made);
    return made;
  } catch {
    // Kiosk profiles sometimes disable storage; an unpersisted id still works.
    return `wall-${Math.floor(random() * 36 ** 6).toString(36)}`;
  }
}

export function parseParams(search: string, storage: KeyValueStore | null = null, random: () => number = Math.random): WallParams {
  const q = new URLSearchParams(search);
  const safe = (k: string): string | null => {
    const v = q.get(k);
    return v !== null && SAFE.test(v) ? v : null;
  };
  const p: WallParams = {
    lang: parseLang(q.get('lang')),
    layout: safe('layout'),
    screen: safe('screen'),
    room: safe('room') ?? LIVE_ROOM,
    fixture: fixtureMode(q.get('fixture')),
    screenId: screenId(q.get('id'), storage, random),
    focus: parseFocus(q.get('focus')),
    mode: q.get('mode') === 'demo' ? 'demo' : null,
    reload: parseClockTime(q.get('reload')),
  };
  const name = q.get('name');
  if (name) p.screenName = name.slice(0, 64);
  const scene = safe('scene');
  if (scene) p.scene = scene;
  return p;
}
