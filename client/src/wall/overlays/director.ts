import { tourPosition, type Label, type SceneRef, type WallControl } from '@futian/shared';

/**
 * Who decides what a screen shows, in one pure function the wall and its tests
 * share. Order: an operator's scene (a takeover, even mid-tour) beats the tour,
 * which beats what the URL asked for. Tour position comes from server time only,
 * so every PC of a spliced wall lands on the same scene within the clock offset.
 */
export interface TourView {
  title: Label;
  version: string;
  index: number;
  total: number;
  sceneId: string;
  caption: Label;
  durationMs: number;
  elapsedMs: number;
  remainingMs: number;
  paused: boolean;
  pausedBy: string | null;
}

export interface Directed {
  scene: SceneRef | null;
  source: 'console' | 'tour' | 'local';
  tour: TourView | null;
}

/** 'auto' without a focus is the console handing the screen back, not a scene of its own. */
function ordered(scene: SceneRef | null | undefined): SceneRef | null {
  return scene && !(scene.module === 'auto' && !scene.highlight) ? scene : null;
}

export function direct(control: WallControl | null, serverNow: number, local: SceneRef | null): Directed {
  const t = control?.tour ?? null;
  const consoleScene = ordered(control?.scene);
  let tour: TourView | null = null;
  let tourScene: SceneRef | null = null;
  if (t && t.config.scenes.length > 0) {
    const pos = tourPosition(t.config, t.state, serverNow);
    tour = {
      title: t.config.title,
      version: t.config.version,
      index: pos.index,
      total: t.config.scenes.length,
      sceneId: pos.scene.id,
      caption: pos.scene.caption,
      durationMs: pos.scene.durationS * 1000,
      elapsedMs: pos.elapsedInSceneMs,
      remainingMs: pos.remainingMs,
      paused: t.state.state === 'paused',
      pausedBy: t.state.pausedBy ?? null,
    };
    tourScene = { module: pos.scene.module, highlight: pos.scene.highlight ?? null, ...(pos.scene.layout ? { layout: pos.scene.layout } : {}) };
  }
  if (consoleScene) return { scene: consoleScene, source: 'console', tour };
  if (tourScene) return { scene: tourScene, source: 'tour', tour };
  return { scene: local, source: 'local', tour: null };
}

/** Milliseconds until the directed scene changes by itself (a running tour), or null. */
export function nextChangeMs(d: Directed): number | null {
  if (!d.tour || d.tour.paused || d.source !== 'tour') return null;
  return Math.max(0, d.tour.remainingMs);
}

/** What the console's screen list shows as this screen's scene. */
export function sceneLabel(d: Directed): string {
  const what = (s: SceneRef | null): string =>
    !s ? 'auto' : s.highlight ? `${s.module} · ${s.highlight.type}:${s.highlight.id}` : s.module;
  if (d.tour && d.source === 'tour') return `tour ${d.tour.index + 1}/${d.tour.total} · ${d.tour.sceneId}`;
  if (d.tour && d.source === 'console') return `takeover · ${what(d.scene)}`;
  return d.source === 'console' ? `console · ${what(d.scene)}` : what(d.scene);
}

/** Same scene, so the store (and the map's drill-down) is not poked for nothing. */
export function sameScene(a: SceneRef | null, b: SceneRef | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const ha = a.highlight ?? null;
  const hb = b.highlight ?? null;
  return (
    a.module === b.module &&
    (a.layout ?? null) === (b.layout ?? null) &&
    (ha === hb || (ha !== null && hb !== null && ha.type === hb.type && ha.id === hb.id))
  );
}
