import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { isSubdistrict, type Highlight, type ModuleId, type SceneRef } from '@futian/shared';

/**
 * What the screen has been asked to focus on, by a URL (?focus=), and later by
 * the console or the demo tour (wall:control scenes). Modules read it; only the
 * shell and the console link write it. Kept apart from the data store so a scene
 * change never re-runs a figure, and a delta never re-runs a scene.
 */
export const useSceneStore = defineStore('scene', () => {
  /** A module the rotating slot should hold on screen; null lets it rotate. */
  const pinned = shallowRef<ModuleId | null>(null);
  const highlight = shallowRef<Highlight | null>(null);
  /** The demo tour is driving: modules add motion for visitors (the map cycles its tooltips). */
  const touring = shallowRef(false);

  function show(scene: SceneRef | null, byTour = false): void {
    pinned.value = scene && scene.module !== 'auto' ? scene.module : null;
    highlight.value = scene?.highlight ?? null;
    touring.value = byTour;
  }

  /** A module that handled the focus and returned from it (the map's back control). */
  function release(type: Highlight['type']): void {
    if (highlight.value?.type === type) highlight.value = null;
  }

  return { pinned, highlight, touring, show, release };
});

/** `?focus=subdistrict:440304006` → a highlight; anything else → null. */
export function parseFocus(v: string | null): Highlight | null {
  const m = /^(subdistrict|sector|kpi|board):([\w.-]{1,64})$/.exec(v ?? '');
  if (!m) return null;
  const type = m[1] as Highlight['type'];
  const id = m[2]!;
  if (type === 'subdistrict' && !isSubdistrict(id)) return null;
  return { type, id };
}

/** The sub-district a highlight points at, for the map. */
export function subdistrictOf(h: Highlight | null | undefined): string | null {
  return h?.type === 'subdistrict' && isSubdistrict(h.id) ? h.id : null;
}
