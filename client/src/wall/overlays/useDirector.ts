import { onScopeDispose, shallowRef, watch, type ShallowRef } from 'vue';
import type { SceneRef } from '@futian/shared';
import { useSceneStore } from '../stores/scene';
import { useWallStore } from '../stores/wall';
import { direct, nextChangeMs, sameScene, sceneLabel, type Directed } from './director';

/** Keeps the console's last-seen time for this screen current (server/src/ops/screens.ts). */
export const HEARTBEAT_MS = 15_000;
/** A tour scene boundary is computed in server time; this margin keeps us past it, not on it. */
const EDGE_MS = 25;

/**
 * A user-timing mark at the moment a scene is applied, before it renders: traces
 * and the two-PC browser test can then tell a late clock from a slow render.
 * Only the latest is kept, so weeks of tours do not fill the timeline buffer.
 */
const SCENE_MARK = 'wall:scene';
function markScene(): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  performance.clearMarks(SCENE_MARK);
  performance.mark(SCENE_MARK);
}

/**
 * Applies the console's and the tour's orders to the scene store, and reports the
 * scene back (screen:state) on every change and as a heartbeat. One timer waits
 * for the next tour boundary; nothing polls.
 */
export function useDirector(local: SceneRef | null): ShallowRef<Directed> {
  const wall = useWallStore();
  const scene = useSceneStore();
  const directed = shallowRef<Directed>({ scene: local, source: 'local', tour: null });
  let boundary: ReturnType<typeof setTimeout> | undefined;
  let lastLabel = '';

  function report(force: boolean): void {
    const label = sceneLabel(directed.value);
    if (!force && label === lastLabel) return;
    lastLabel = label;
    wall.reportState(label);
  }

  function evaluate(): void {
    clearTimeout(boundary);
    const prev = directed.value;
    const d = direct(wall.control, wall.serverNow(), local);
    // Only a change of scene touches the store: a duty officer's drill-down on a
    // screen nobody directs survives every unrelated control message.
    if (!sameScene(d.scene, prev.scene) || d.source !== prev.source) {
      scene.show(d.scene, d.source === 'tour');
      markScene();
    }
    directed.value = d;
    report(false);
    const ms = nextChangeMs(d);
    if (ms !== null) boundary = setTimeout(evaluate, ms + EDGE_MS);
  }

  scene.show(local);
  watch(() => wall.control, evaluate);
  // The boundary timer is armed with the offset estimate of its moment. The estimate
  // starts low and rises as faster messages land (stores/clockSync.ts), so a timer
  // armed while the page was still loading would fire late by the difference: in one
  // CI run, two pages that ended on the same estimate applied a scene 194 ms apart.
  // Re-arming whenever the estimate moves keeps the boundary on the current one; it
  // moves rarely once it has settled.
  watch(() => wall.serverOffsetMs, evaluate);
  // A reconnect is a fresh registration on the server: tell it the scene at once.
  watch(() => wall.connection, (c) => c === 'connected' && report(true));
  const beat = setInterval(() => report(true), HEARTBEAT_MS);
  onScopeDispose(() => {
    clearTimeout(boundary);
    clearInterval(beat);
  });
  return directed;
}
