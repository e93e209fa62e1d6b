import { onBeforeUnmount } from 'vue';
import { onShownChange } from '../../../kit/context/shown';

export interface MapKeyActions {
  /** Keys 1–4: the layer at this index. */
  layer: (index: number) => void;
  /** ← / →: previous / next layer. */
  cycle: (delta: 1 | -1) => void;
  /** Esc / Backspace: leave the drill-down. */
  back: () => void;
}

/**
 * The duty officer's keyboard on the map. One window listener, attached only
 * while the map is on screen: rotated out, another module owns the keys.
 */
export function useMapKeys(a: MapKeyActions): void {
  let on = false;
  const onKey = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const el = e.target as HTMLElement | null;
    if (el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))) return;
    if (e.key >= '1' && e.key <= '9') a.layer(Number(e.key) - 1);
    else if (e.key === 'ArrowRight') a.cycle(1);
    else if (e.key === 'ArrowLeft') a.cycle(-1);
    else if (e.key === 'Escape' || e.key === 'Backspace') a.back();
    else return;
    e.preventDefault();
  };
  const attach = (): void => {
    if (on) return;
    on = true;
    window.addEventListener('keydown', onKey);
  };
  const detach = (): void => {
    if (!on) return;
    on = false;
    window.removeEventListener('keydown', onKey);
  };
  // Shown at mount and on every turn back; a rotated-out map stops listening.
  onShownChange(attach, detach);
  onBeforeUnmount(detach);
}
