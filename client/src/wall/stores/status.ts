/**
 * What the wall store reports about its link. Apart from wall.ts so the debug hook
 * that publishes these, and the header that shows them, need not import the store
 * (debugHook.ts importing wall.ts, which installs it, was an import circle).
 */
export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface WallCounters {
  snapshots: number;
  deltasApplied: number;
  duplicates: number;
  gaps: number;
  resyncs: number;
  resyncFailures: number;
  /** Deltas for another room: a server bug worth seeing in the bench. */
  foreignRoom: number;
  /** Deltas dropped because the resync buffer was full. */
  bufferDropped: number;
}
