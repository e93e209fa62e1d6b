import { describe, expect, it } from 'vitest';
import { createFrameQueue } from './frame-queue';

/** A hand-cranked frame loop and clock: jobs advance the clock by what they "cost". */
function harness(budgetMs: number) {
  let clock = 0;
  const errors: unknown[] = [];
  const frames = new Map<number, () => void>();
  let next = 1;
  const q = createFrameQueue(budgetMs, {
    now: () => clock,
    requestFrame: (cb) => {
      frames.set(next, cb);
      return next++;
    },
    cancelFrame: (h) => void frames.delete(h),
    report: (e) => void errors.push(e),
  });
  const ran: string[][] = [];
  const tick = (): void => {
    const due = [...frames.values()];
    frames.clear();
    const thisFrame: string[] = [];
    ran.push(thisFrame);
    for (const cb of due) cb();
  };
  const job = (name: string, cost: number) => () => {
    ran.at(-1)!.push(name);
    clock += cost;
  };
  return { q, tick, job, ran, errors, requested: () => frames.size };
}

describe('createFrameQueue', () => {
  it('spreads jobs over frames by budget, at least one per frame, in order', () => {
    const h = harness(8);
    const jobs = [h.job('a', 30), h.job('b', 3), h.job('c', 3), h.job('d', 3), h.job('e', 1)];
    for (const j of jobs) h.q.schedule(j);
    expect(h.requested()).toBe(1);
    h.tick(); // a alone blows the budget
    h.tick(); // b, c, d: 9 ms crosses 8 after d
    h.tick(); // e
    expect(h.ran).toEqual([['a'], ['b', 'c', 'd'], ['e']]);
    expect(h.q.pending).toBe(0);
    expect(h.requested()).toBe(0);
  });

  it('runs a job scheduled twice before its turn once, and one frame request at a time', () => {
    const h = harness(8);
    const a = h.job('a', 1);
    h.q.schedule(a);
    h.q.schedule(a);
    h.q.schedule(h.job('b', 1));
    expect(h.requested()).toBe(1);
    h.tick();
    expect(h.ran).toEqual([['a', 'b']]);
  });

  it('a job that schedules another during a frame does not double-request frames', () => {
    const h = harness(2);
    const late = h.job('late', 1);
    h.q.schedule(() => {
      h.ran.at(-1)!.push('first');
      h.q.schedule(late);
    });
    h.q.schedule(h.job('slow', 5));
    h.tick();
    expect(h.requested()).toBe(1);
    h.tick();
    expect(h.ran).toEqual([['first', 'slow'], ['late']]);
  });

  it('cancel drops a queued job and the frame request when nothing is left', () => {
    const h = harness(8);
    const a = h.job('a', 1);
    h.q.schedule(a);
    h.q.cancel(a);
    expect(h.requested()).toBe(0);
    h.q.schedule(h.job('b', 1));
    h.tick();
    expect(h.ran).toEqual([['b']]);
  });

  it('a job that throws does not stall the rest, and its error is reported', () => {
    const h = harness(8);
    h.q.schedule(() => {
      throw new Error('broken chart');
    });
    h.q.schedule(h.job('b', 1));
    h.tick();
    expect(h.ran).toEqual([['b']]);
    expect(h.errors).toHaveLength(1);
    expect((h.errors[0] as Error).message).toBe('broken chart');
  });
});
