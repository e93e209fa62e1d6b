import { describe, expect, it } from 'vitest';
import { ClockSync } from './clockSync';

describe('ClockSync', () => {
  it('takes the round-trip midpoint from hello', () => {
    const c = new ClockSync();
    c.hello(10_050, 1_000, 1_100);
    expect(c.offsetMs).toBe(9_000);
  });

  it('raises the estimate when a message proves it too low', () => {
    const c = new ClockSync();
    c.hello(10_050, 1_000, 1_100);
    c.observe(10_300, 1_200); // server already at 10,300 when client reads 1,200
    expect(c.offsetMs).toBe(9_100);
  });

  it('does not lower the estimate because of one slow message', () => {
    const c = new ClockSync();
    c.hello(10_050, 1_000, 1_100);
    c.observe(10_000, 1_900);
    expect(c.offsetMs).toBe(9_000);
  });

  it('follows a client clock that drifted fast over a whole window', () => {
    const c = new ClockSync();
    c.hello(10_000, 0, 0);
    // Client now runs 5 s ahead: every message seems 5 s late.
    for (let t = 0; t <= 6 * 60_000; t += 1_000) c.observe(10_000 + t - 5_000 + 50, t);
    expect(c.offsetMs).toBeGreaterThan(4_900);
    expect(c.offsetMs).toBeLessThan(5_100);
  });

  it('starts from the first message when no hello arrives', () => {
    const c = new ClockSync();
    c.observe(5_000, 1_000);
    expect(c.offsetMs).toBe(4_000);
  });
});
