import { defineAsyncComponent, defineComponent, shallowRef, type Component, type ShallowRef, type VNode } from 'vue';

/**
 * Lazy module code that survives an outage. A wall PC runs unattended: a module
 * whose chunk is first due while the server is down must appear once the server is
 * back, without anyone reloading the page.
 *
 * Two things stood in the way (found in Chromium 156 with Vite 8's preload helper):
 * - A failed `defineAsyncComponent` load leaves the mounted component empty; Vue
 *   tries again only on a new mount, and a module's pane stays mounted (ModulePane).
 *   Here the loader never gives up: it retries with backoff, so the component stays
 *   in its loading state (a calm placeholder) until the code arrives.
 * - Vite's preload helper puts the chunk's CSS in a `<link rel="stylesheet">` and
 *   rejects ("Unable to preload CSS for …") when it fails; on the next call it skips
 *   that CSS as already seen, so a retry would render the module unstyled. A
 *   stylesheet link that failed is therefore replaced by a fresh one before the next
 *   attempt, and the attempt waits for it.
 * A failed dynamic `import()` of the JS itself is not cached by Chromium: the same
 * URL is fetched again (tests/browser/chunk-outage.test.ts covers both).
 */

/** Waits before attempt n+1 after n failures: 1, 2, 4, 8, then every 15 s. */
export function backoffMs(failures: number): number {
  return Math.min(15_000, 1_000 * 2 ** Math.max(0, failures - 1));
}

export interface RetryDeps {
  wait(ms: number): Promise<void>;
  /** Called after each failure, before the wait's end: fix what the failed attempt left behind. */
  repair(): Promise<void>;
  /** Told after each failure, with the count so far. */
  failed(failures: number): void;
}

/** `load` until it resolves, however many failures that takes. */
export async function loadUntilDone<T>(load: () => Promise<T>, deps: RetryDeps): Promise<T> {
  for (let failures = 0; ; ) {
    try {
      return await load();
    } catch {
      failures++;
      deps.failed(failures);
      await deps.wait(backoffMs(failures));
      await deps.repair();
    }
  }
}

/** Stylesheet links whose load failed (a load error event does not bubble: caught on the way down). */
const failedSheets = new Set<HTMLLinkElement>();
if (typeof window !== 'undefined') {
  window.addEventListener(
    'error',
    (e) => {
      const el = e.target;
      if (el instanceof HTMLLinkElement && el.rel === 'stylesheet') failedSheets.add(el);
    },
    true,
  );
  // No `vite:preloadError` handler prevents the default: prevented, Vite's helper goes on
  // without the CSS, and when the JS fails too it resolves with undefined instead of
  // rejecting. Left alone, it rejects and the loader below retries.
}

/** Replaces each failed stylesheet link with a fresh one; resolves when they have loaded or failed again. */
function reloadFailedSheets(): Promise<void> {
  const pending: Promise<void>[] = [];
  for (const old of [...failedSheets]) {
    failedSheets.delete(old);
    if (!old.isConnected) continue;
    const fresh = document.createElement('link');
    fresh.rel = 'stylesheet';
    fresh.href = old.href;
    if (old.crossOrigin !== null) fresh.crossOrigin = old.crossOrigin;
    pending.push(
      new Promise<void>((resolve) => {
        fresh.addEventListener('load', () => resolve(), { once: true });
        fresh.addEventListener('error', () => resolve(), { once: true });
      }),
    );
    old.replaceWith(fresh);
  }
  return Promise.all(pending).then(() => undefined);
}

/** Loaders waiting out a backoff; `retryLazyNow` ends their wait. */
const sleepers = new Set<() => void>();

/**
 * Ends every loader's backoff now. The wall calls it when its link to the server is
 * back: the server answers again, so a module waiting for its code appears at once
 * rather than up to 15 s later.
 */
export function retryLazyNow(): void {
  for (const wake of [...sleepers]) wake();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const wake = (): void => {
      clearTimeout(timer);
      sleepers.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    sleepers.add(wake);
  });
}

const browserDeps = (failures: ShallowRef<number>): RetryDeps => ({
  wait: sleep,
  repair: reloadFailedSheets,
  failed: (n) => (failures.value = n),
});

/**
 * An async module component whose code loads however long the server is away,
 * showing `placeholder` meanwhile (given whether a load has failed yet).
 */
export function resilientModule(load: () => Promise<Component | { default: Component }>, placeholder: (failing: boolean) => VNode): Component {
  const failures = shallowRef(0);
  const Waiting = defineComponent({
    name: 'ModuleLoading',
    setup: () => () => placeholder(failures.value > 0),
  });
  return defineAsyncComponent({
    loader: () =>
      loadUntilDone(async () => {
        const code = await load();
        // Guards the retry: a load that "succeeds" with nothing must not end it.
        if (!code) throw new Error('the module chunk loaded nothing');
        return code;
      }, browserDeps(failures)),
    loadingComponent: Waiting,
    delay: 200,
  });
}
