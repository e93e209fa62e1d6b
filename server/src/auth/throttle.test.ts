import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './throttle.js';

describe('LoginThrottle', () => {
  it('lets three failures through, then backs off exponentially, and resets on success', () => {
    let t = 0;
    const th = new LoginThrottle(() => t);
    const keys = ['user:admin', 'ip:1.2.3.4'];
    for (let i = 0; i < 3; i++) {
      expect(th.retryAfter(keys)).toBe(0);
      th.fail(keys);
    }
    expect(th.retryAfter(keys)).toBe(0);
    th.fail(keys); // 4th failure: 1 s
    expect(th.retryAfter(keys)).toBe(1000);
    t += 1000;
    th.fail(keys); // 5th: 2 s
    expect(th.retryAfter(keys)).toBe(2000);
    t += 2000;
    th.fail(keys); // 6th: 4 s
    expect(th.retryAfter(['ip:1.2.3.4'])).toBe(4000);
    th.succeed(['user:admin']);
    expect(th.retryAfter(['user:admin'])).toBe(0);
    // The address stays throttled: one account's success does not clear the IP.
    expect(th.retryAfter(['ip:1.2.3.4'])).toBe(4000);
  });
});
