import { describe, expect, it } from 'vitest';
import { descheduled, readSchedstat, schedDuring, waitRate, type SchedSample } from './sched.js';

// Every 50 ms: the thread runs 10 ms per sample period, except 1000–1100 where it
// waited 70 ms for a CPU and ran 30.
const samples: SchedSample[] = [];
let run = 0;
let wait = 0;
for (let t = 0; t <= 2000; t += 50) {
  samples.push([t, run * 1e6, wait * 1e6]);
  if (t === 1000 || t === 1050) {
    run += 15;
    wait += 35;
  } else {
    run += 10;
  }
}

describe('schedDuring', () => {
  it('takes the smallest sampled window around the task', () => {
    const s = schedDuring(samples, 1010, 60)!;
    expect(s.windowMs).toBe(100);
    expect(s.waitMs).toBeCloseTo(70);
    expect(s.ranMs).toBeCloseTo(30);
    expect(descheduled(s, 60)).toBe(true);
  });

  it('finds no wait for a task that had the CPU', () => {
    const s = schedDuring(samples, 500, 60)!;
    expect(s.windowMs).toBe(100);
    expect(s.waitMs).toBe(0);
    expect(descheduled(s, 60)).toBe(false);
  });

  it('returns null outside the sampled span', () => {
    expect(schedDuring(samples, -10, 60)).toBeNull();
    expect(schedDuring(samples, 1990, 60)).toBeNull();
  });
});

describe('waitRate', () => {
  it('is the wait per second of wall time over the span', () => {
    expect(waitRate(samples, 0, 2001)).toBeCloseTo(35);
    expect(waitRate(samples, 0, 900)).toBe(0);
  });
});

describe('readSchedstat', () => {
  it('reads this process’s own main thread from /proc, and its run time grows while it works', () => {
    const a = readSchedstat(process.pid)!;
    // The kernel folds a running thread's time in at scheduler ticks and switches, so a
    // few ms of work can read as none. Work until the count moves (it must within 2 s
    // of spinning; a reader that returned a fixed value would fail here).
    let b = a;
    const until = Date.now() + 2000;
    while (b[1] === a[1] && Date.now() < until) b = readSchedstat(process.pid)!;
    expect(b[1]).toBeGreaterThan(a[1]);
    expect(b[2]).toBeGreaterThanOrEqual(a[2]);
    expect(b[0]).toBeGreaterThanOrEqual(a[0]);
  });

  it('is null for a thread that does not exist', () => {
    expect(readSchedstat(2 ** 30)).toBeNull();
  });
});
