import { describe, expect, it } from 'vitest';
import { TOUCH_EVERY_MS, TOUCH_RETRY_MS, TouchGate } from './activity';

describe('session touches from activity', () => {
  it('lets one touch out a minute, however busy the person is', () => {
    const g = new TouchGate(0);
    expect(g.take(1_000)).toBe(false);
    expect(g.take(TOUCH_EVERY_MS)).toBe(true);
    g.settle(true, TOUCH_EVERY_MS + 20);
    expect(g.take(TOUCH_EVERY_MS + 30_000)).toBe(false);
    expect(g.take(2 * TOUCH_EVERY_MS + 19)).toBe(false);
    expect(g.take(2 * TOUCH_EVERY_MS + 20)).toBe(true);
  });

  it('sends no second touch while one is on its way', () => {
    const g = new TouchGate(0);
    expect(g.take(TOUCH_EVERY_MS)).toBe(true);
    expect(g.take(TOUCH_EVERY_MS + 10)).toBe(false);
    expect(g.take(TOUCH_EVERY_MS * 3)).toBe(false);
  });

  it('after a touch that failed, tries again at the next activity a few seconds on', () => {
    const g = new TouchGate(0);
    g.take(TOUCH_EVERY_MS);
    g.settle(false, TOUCH_EVERY_MS);
    expect(g.take(TOUCH_EVERY_MS + TOUCH_RETRY_MS - 1)).toBe(false);
    expect(g.take(TOUCH_EVERY_MS + TOUCH_RETRY_MS)).toBe(true);
  });
});
