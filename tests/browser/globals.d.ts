import type { WallSnapshot } from '@futian/shared';

/**
 * The read-only debug hooks the wall publishes (client/src/wall/stores/debugHook.ts,
 * client/src/kit/charts/stats.ts). Declared here because tests may not import client
 * code; page.evaluate callbacks run in the browser and read them.
 */
declare global {
  interface Window {
    __wall?: {
      readonly seq: number | null;
      readonly connection: string;
      readonly lastDataAt: number | null;
      readonly serverOffsetMs: number;
      readonly resyncing: boolean;
      readonly buffered: number;
      readonly counters: Readonly<Record<string, number>>;
      snapshot(): WallSnapshot | null;
    };
  }
}

export {};
