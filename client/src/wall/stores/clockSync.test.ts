import { describe, expect, it } from 'vitest';
import { ClockSync } from './clockSync';

describe('ClockSync', () => {
  it('takes the hello reply as a lower bound: the server clock is at least serverTime when it lands', () => {
    const c = new ClockSync();
    c.hello(10_050, 1_000, 1_100);
    expect(c.offsetMs).toBe(8_950);
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
    expect(c.offsetMs).toBe(8_950);
  });

  it('is not pushed early by a hello the server answered late (a reconnect storm)', () => {
    // True offset 9,000. A pushed message landed 5 ms after the server sent it.
    const c = new ClockSync();
    c.observe(10_005, 1_010);
    expect(c.offsetMs).toBe(8_995);
    // The hello left at 1,000; the busy server stamped it at 10,900 (client 1,900)
    // and the reply landed at 1,905. A midpoint would say 9,447.5: 447 ms early.
    c.hello(10_900, 1_000, 1_905);
    expect(c.offsetMs).toBe(8_995);
    c.observe(11_002, 2_000);
    expect(c.offsetMs).toBe(9_002);
  });

  it('comes down when a hello proves the estimate too high (the client clock stepped forward)', () => {
    const c = new ClockSync();
    c.observe(10_000, 1_000);
    expect(c.offsetMs).toBe(9_000);
    // The client clock jumps 800 ms ahead; the true offset is now 8,200. The server
    // stamped 10,500 after the request left at client 2,290, so offset ≤ 8,210 < 9,000.
    c.hello(10_500, 2_290, 2_310);
    expect(c.offsetMs).toBe(8_190);
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
