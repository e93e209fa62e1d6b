/**
 * `?reload=04:00`: the wall reloads itself once a day at a quiet local time.
 *
 * Why: a wall runs for weeks, and V8's compiled code keeps growing slowly for hours
 * after start-up (docs/PERFORMANCE.md, "Heap"). A reload costs a second of blank
 * screen and nothing else: the store resyncs from a snapshot, and the tour, scene and
 * notice live on the server. Doing it in the page rather than in a kiosk launcher's
 * cron means every wall PC gets it from its URL, and the page can refuse to reload
 * at a bad moment:
 *   - while a visit tour is playing on a live wall (an official would see the blink);
 *   - while the link to the server is down, or the server does not answer for the
 *     page: a reload then would swap the last good picture for an error page.
 * A refused reload is retried every few minutes until it can go.
 */

export interface ClockTime {
  h: number;
  m: number;
  s: number;
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/** `HH:MM` or `HH:MM:SS`, 24-hour, the wall PC's local time; anything else is ignored. */
export function parseClockTime(v: string | null): ClockTime | null {
  const m = v === null ? null : CLOCK.exec(v);
  return m ? { h: Number(m[1]), m: Number(m[2]), s: Number(m[3] ?? 0) } : null;
}

/** The next local time `at` strictly after `now`, as epoch ms. */
export function nextOccurrence(now: Date, at: ClockTime): number {
  const t = new Date(now.getFullYear(), now.getMonth(), now.getDate(), at.h, at.m, at.s, 0);
  if (t.getTime() <= now.getTime()) t.setDate(t.getDate() + 1);
  return t.getTime();
}

export interface ReloadDeps {
  now(): Date;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(t: unknown): void;
  /** True while reloading would be seen or would lose the picture (a visit tour, a lost link). */
  busy(): boolean;
  /** Whether the server answers for the page right now. */
  reachable(): Promise<boolean>;
  reload(): void;
  /** Retry interval after a refused reload. */
  retryMs?: number;
  /** Longest single timer: re-checking the clock this often follows NTP steps and suspended PCs. */
  maxTimerMs?: number;
}

/** Arms the daily reload; returns a function that disarms it. */
export function scheduleDailyReload(at: ClockTime, deps: ReloadDeps): () => void {
  const retryMs = deps.retryMs ?? 5 * 60_000;
  const maxTimerMs = deps.maxTimerMs ?? 10 * 60_000;
  let due = nextOccurrence(deps.now(), at);
  let timer: unknown = null;
  let stopped = false;

  const arm = (): void => {
    if (stopped) return;
    timer = deps.setTimer(check, Math.max(0, Math.min(due - deps.now().getTime(), maxTimerMs)));
  };
  const check = (): void => {
    timer = null;
    if (stopped) return;
    if (deps.now().getTime() < due) return arm();
    void attempt();
  };
  const attempt = async (): Promise<void> => {
    const ok = !deps.busy() && (await deps.reachable().catch(() => false)) && !deps.busy();
    if (stopped) return;
    if (ok) {
      deps.reload();
      return;
    }
    due = deps.now().getTime() + retryMs;
    arm();
  };

  arm();
  return () => {
    stopped = true;
    if (timer !== null) deps.clearTimer(timer);
  };
}

/** The browser's side of `reachable`: the server must answer for this very page. */
export async function pageAnswers(url: string, timeoutMs = 5_000): Promise<boolean> {
  const ctl = new AbortController();
  const t = setTimeout(() => ctl.abort(), timeoutMs);
  try {
    const r = await fetch(url, { method: 'HEAD', cache: 'no-store', signal: ctl.signal });
    return r.ok;
  } catch {
    return false;
  } finally {
    clearTimeout(t);
  }
}
