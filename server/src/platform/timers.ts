/**
 * Owns every interval the server starts, so close() can stop them all: a server
 * that leaks timers keeps tests (and graceful shutdowns) hanging.
 */
export class Timers {
  private readonly handles = new Set<NodeJS.Timeout>();

  every(ms: number, fn: () => void): () => void {
    const h = setInterval(fn, ms);
    h.unref?.();
    this.handles.add(h);
    return () => {
      clearInterval(h);
      this.handles.delete(h);
    };
  }

  dispose(): void {
    for (const h of this.handles) clearInterval(h);
    this.handles.clear();
  }
}
