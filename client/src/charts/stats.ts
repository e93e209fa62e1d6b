/**
 * Process-wide chart counters for leak tests and the bench: `live` must stay flat
 * over a long run, and `setOptions` per minute shows the throttle working. Kept
 * apart from useEChart so reading them does not pull ECharts into the entry chunk.
 */
export const chartStats = { live: 0, created: 0, setOptions: 0 };

declare global {
  interface Window {
    readonly __wallCharts?: Readonly<typeof chartStats>;
  }
}
