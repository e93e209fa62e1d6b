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
