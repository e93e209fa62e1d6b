import { describe, expect, it } from 'vitest';
import { presetWindow } from './replay';

const MIN = 60_000;

describe('presetWindow', () => {
  const now = 1_800_000_000_000;

  it('gives the last 30 minutes when that much is stored', () => {
    expect(presetWindow({ from: now - 3 * 3_600_000, to: now }, now, 30 * MIN)).toEqual({ from: now - 30 * MIN, to: now, clipped: false });
  });

  it('starts at the oldest stored report when less is stored, and says so', () => {
    expect(presetWindow({ from: now - 12 * MIN, to: now }, now, 30 * MIN)).toEqual({ from: now - 12 * MIN, to: now, clipped: true });
  });

  it('offers nothing while nothing (or under a minute) is stored', () => {
    expect(presetWindow(null, now, 30 * MIN)).toBeNull();
    expect(presetWindow({ from: now - 30_000, to: now }, now, 30 * MIN)).toBeNull();
  });
});
