import { LIVE_ROOM, type Highlight } from '@futian/shared';
import { parseLang, type Lang } from '../kit/i18n';
import type { FixtureMode } from './fixtures/fakeLink';
import { parseFocus } from './stores/scene';
import { parseClockTime, type ClockTime } from './daily-reload';

/**
 * What the page's address says. Who the screen is (its id, name and demo mode)
 * is not here: that comes from its credential and the operator's settings
 * (enroll/identity.ts); `?id`, `?name` and `?mode` are ignored.
 */
export interface WallParams {
  lang: Lang;
  /** A preset id, or null to choose from the window's aspect ratio. */
  layout: string | null;
  /** A single module full-screen (walls driven by several PCs), or null for the layout's plan. */
  screen: string | null;
  room: string;
  fixture: FixtureMode | null;
  /** Reported in the hello, for the console. */
  scene?: string;
  /** `?focus=subdistrict:<adcode>`: start focused, as a console scene would (the map drills down). */
  focus: Highlight | null;
  /** `?reload=04:00`: reload once a day at this local time (see daily-reload.ts). */
  reload: ClockTime | null;
  /** `?enroll=<token>`: a one-time enrollment link; main.ts takes it out of the address bar at once. */
  enroll: string | null;
}

const SAFE = /^[\w.:-]{1,64}$/;
/** An enrollment token as the server makes them (base64url); anything else is not sent. */
const TOKEN = /^[\w-]{16,128}$/;

function fixtureMode(v: string | null): FixtureMode | null {
  if (v === null) return null;
  if (v === 'gap' || v === 'offline') return v;
  return v === '0' || v === 'false' ? null : 'live';
}

export function parseParams(search: string): WallParams {
  const q = new URLSearchParams(search);
  const safe = (k: string): string | null => {
    const v = q.get(k);
    return v !== null && SAFE.test(v) ? v : null;
  };
  const token = q.get('enroll');
  const p: WallParams = {
    lang: parseLang(q.get('lang')),
    layout: safe('layout'),
    screen: safe('screen'),
    room: safe('room') ?? LIVE_ROOM,
    fixture: fixtureMode(q.get('fixture')),
    focus: parseFocus(q.get('focus')),
    reload: parseClockTime(q.get('reload')),
    enroll: token !== null && TOKEN.test(token) ? token : null,
  };
  const scene = safe('scene');
  if (scene) p.scene = scene;
  return p;
}

/** The address without its enrollment token (the token must not stay in history or a screenshot). */
export function withoutEnroll(href: string): string {
  const u = new URL(href);
  if (!u.searchParams.has('enroll')) return href;
  u.searchParams.delete('enroll');
  return u.toString();
}
