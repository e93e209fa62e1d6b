import type { ReplayMeta } from '@futian/shared';

/**
 * Where a replay is now. The server pushes console state on changes, not on
 * every replay tick, so between pushes the cursor is extrapolated from the last
 * state: data time advances `speed` ms per server ms while running.
 */
export function replayProgress(meta: ReplayMeta, stateServerTime: number, serverNow: number): { cursor: number; fraction: number } {
  const span = meta.to - meta.from;
  const advanced = meta.state === 'running' ? Math.max(0, serverNow - stateServerTime) * meta.speed : 0;
  const cursor = meta.state === 'finished' ? meta.to : Math.min(meta.to, Math.max(meta.from, meta.cursor + advanced));
  return { cursor, fraction: span > 0 ? (cursor - meta.from) / span : 1 };
}

/** Running replays first, then the newest range. */
export function sortReplays(list: readonly ReplayMeta[]): ReplayMeta[] {
  return [...list].sort((a, b) => Number(b.state === 'running') - Number(a.state === 'running') || b.from - a.from);
}

/**
 * The "last N minutes" preset, inside what is stored: a range that reaches back
 * before the oldest stored report is refused by the server (a replay of nothing
 * would show a red 0.00 %). Null when nothing is stored yet. `clipped` says the
 * window is shorter than asked, so the button can say how much there is.
 */
export function presetWindow(
  range: { from: number; to: number } | null,
  serverNow: number,
  windowMs: number,
): { from: number; to: number; clipped: boolean } | null {
  if (!range) return null;
  // The form's inputs hold whole minutes: round the start up and the end down,
  // so the minute shown is inside what is stored (and not in the future).
  const from = Math.ceil(Math.max(serverNow - windowMs, range.from) / MINUTE) * MINUTE;
  const to = Math.floor(serverNow / MINUTE) * MINUTE;
  // Less than a minute stored: nothing worth replaying yet.
  if (to - from < MINUTE) return null;
  return { from, to, clipped: from > serverNow - windowMs + MINUTE };
}

const MINUTE = 60_000;
