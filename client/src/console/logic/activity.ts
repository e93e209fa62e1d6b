/**
 * Keeping a session alive while a person works. The server ends a session
 * after its idle limit without a request or a 'session:touch'; the console
 * sends a touch when someone presses a key, clicks or moves the pointer, at
 * most once a minute. Never from a timer: a console left open on a duty desk
 * with nobody at it must time out (等保 8.1.4.1 d).
 */
export const TOUCH_EVERY_MS = 60_000;
/** After a touch that did not get through, the next activity may try again this soon. */
export const TOUCH_RETRY_MS = 5_000;

/** The DOM events that mean a person is at the console. */
export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;

export class TouchGate {
  private last: number;
  private inFlight = false;

  constructor(
    /** When the session was last refreshed (signing in counts). */
    since: number,
    private readonly every = TOUCH_EVERY_MS,
  ) {
    this.last = since;
  }

  /** Activity at `now`: true when a touch should go out now (the caller sends it, then calls settle). */
  take(now: number): boolean {
    if (this.inFlight || now - this.last < this.every) return false;
    this.inFlight = true;
    return true;
  }

  /** A touch that failed leaves the gate open again soon, not a whole minute later. */
  settle(ok: boolean, now: number): void {
    this.inFlight = false;
    this.last = ok ? now : now - this.every + TOUCH_RETRY_MS;
  }
}
