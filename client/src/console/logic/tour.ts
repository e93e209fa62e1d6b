import { tourPosition, type Label, type TourConfig, type TourState } from '@futian/shared';

export interface TourView {
  status: 'idle' | 'running' | 'paused';
  /** 0-based scene index; -1 when idle. */
  index: number;
  total: number;
  caption: Label | null;
  /** Time left in the current scene; frozen while paused. */
  remainingMs: number;
  /** 0..1 through the current scene, for the progress bar. */
  progress: number;
  cycleMs: number;
  pausedBy: string | null;
}

/**
 * What the console shows of the tour, derived exactly as the walls derive it
 * (shared tourPosition over server time), so the countdown here matches the
 * scene change on the wall.
 */
export function tourView(config: TourConfig, state: TourState | null, serverNow: number): TourView {
  const cycleMs = config.scenes.reduce((a, s) => a + s.durationS * 1000, 0);
  if (!state || config.scenes.length === 0) {
    return { status: 'idle', index: -1, total: config.scenes.length, caption: null, remainingMs: 0, progress: 0, cycleMs, pausedBy: null };
  }
  const p = tourPosition(config, state, serverNow);
  const d = p.scene.durationS * 1000;
  return {
    status: state.state,
    index: p.index,
    total: config.scenes.length,
    caption: p.scene.caption,
    remainingMs: p.remainingMs,
    progress: d > 0 ? Math.min(1, Math.max(0, p.elapsedInSceneMs / d)) : 0,
    cycleMs: p.cycleMs,
    pausedBy: state.state === 'paused' ? (state.pausedBy ?? null) : null,
  };
}
