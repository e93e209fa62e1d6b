import type { WallSnapshot } from '@futian/shared';
import type { ConnectionState, WallCounters } from './status';

export interface WallDebugHook {
  readonly seq: number | null;
  readonly connection: ConnectionState;
  readonly lastDataAt: number | null;
  readonly serverOffsetMs: number;
  readonly resyncing: boolean;
  readonly buffered: number;
  readonly counters: Readonly<WallCounters>;
  /** A copy: the hook must not become a back door for mutating wall state. */
  snapshot(): WallSnapshot | null;
}

declare global {
  interface Window {
    __wall?: WallDebugHook;
  }
}

export interface DebugSources {
  snapshot(): WallSnapshot | null;
  connection(): ConnectionState;
  lastDataAt(): number | null;
  serverOffsetMs(): number;
  resyncing(): boolean;
  buffered(): number;
  counters: WallCounters;
}

/**
 * Publishes window.__wall for browser tests and the bench: getters and copies
 * only. Returns the function that removes it again.
 */
export function installDebugHook(target: Window, src: DebugSources): () => void {
  const hook: WallDebugHook = Object.freeze({
    get seq() {
      return src.snapshot()?.seq ?? null;
    },
    get connection() {
      return src.connection();
    },
    get lastDataAt() {
      return src.lastDataAt();
    },
    get serverOffsetMs() {
      return src.serverOffsetMs();
    },
    get resyncing() {
      return src.resyncing();
    },
    get buffered() {
      return src.buffered();
    },
    get counters() {
      return Object.freeze({ ...src.counters });
    },
    snapshot: () => {
      const s = src.snapshot();
      return s ? structuredClone(s) : null;
    },
  });
  Object.defineProperty(target, '__wall', { value: hook, configurable: true, enumerable: false, writable: false });
  return () => {
    if (target.__wall === hook) Reflect.deleteProperty(target, '__wall');
  };
}
