import { onScopeDispose, shallowRef, type ShallowRef } from 'vue';
import { canvasMetrics, pickLayout, type CanvasMetrics } from './presets';

const RESIZE_DEBOUNCE_MS = 150;

/**
 * Owns the root font size. Call once, from the shell; everything else reads the
 * metrics through useCanvas(). Resizes are debounced because a spliced wall's
 * window manager can fire dozens of them while the desktop settles.
 */
export function useDesignCanvas(requestedLayout: string | null): ShallowRef<CanvasMetrics> {
  const measure = (): CanvasMetrics =>
    canvasMetrics(window.innerWidth, window.innerHeight, pickLayout(window.innerWidth, window.innerHeight, requestedLayout));

  const metrics = shallowRef<CanvasMetrics>(measure());
  const root = document.documentElement;

  const apply = (m: CanvasMetrics): void => {
    root.style.fontSize = `${m.remPx}px`;
    root.dataset.layout = m.layout.id;
  };
  apply(metrics.value);

  let timer: ReturnType<typeof setTimeout> | undefined;
  const onResize = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const next = measure();
      const prev = metrics.value;
      if (next.u === prev.u && next.layout.id === prev.layout.id && next.width === prev.width && next.height === prev.height) {
        return;
      }
      apply(next);
      metrics.value = next;
    }, RESIZE_DEBOUNCE_MS);
  };
  window.addEventListener('resize', onResize);

  onScopeDispose(() => {
    clearTimeout(timer);
    window.removeEventListener('resize', onResize);
  });
  return metrics;
}

/**
 * Some Chinese-locale browsers clamp the root font size to a 12 px minimum, which
 * would silently shrink a 1080p layout (root 10 px). Measuring a 100 rem probe
 * tells the shell whether rem really is the size it asked for.
 */
export function measureRemPx(): number {
  const probe = document.createElement('div');
  probe.style.cssText = 'position:absolute;visibility:hidden;width:100rem;height:0';
  document.body.appendChild(probe);
  const px = probe.getBoundingClientRect().width / 100;
  probe.remove();
  return px;
}
