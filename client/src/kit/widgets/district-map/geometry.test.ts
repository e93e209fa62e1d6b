import { describe, expect, it } from 'vitest';
import { crowdedLabels, type LabelRect } from './geometry';

const box = (id: string, left: number, top: number, w = 60, h = 30, keep = false): LabelRect => ({
  id,
  left,
  top,
  right: left + w,
  bottom: top + h,
  keep,
});

describe('crowdedLabels', () => {
  it('leaves labels that do not touch alone', () => {
    expect(crowdedLabels([box('a', 0, 0), box('b', 100, 0), box('c', 0, 100)])).toEqual([]);
  });

  it('leaves off the fewest labels so that none is drawn over another (issue #41)', () => {
    // b overlaps a and c; a and c do not overlap: dropping b alone keeps two.
    const rects = [box('a', 0, 0), box('b', 40, 10), box('c', 80, 20)];
    const out = crowdedLabels(rects);
    expect(out).toEqual(['b']);
    const kept = rects.filter((r) => !out.includes(r.id));
    for (const p of kept) for (const q of kept) if (p !== q) expect(p.right <= q.left || q.right <= p.left || p.bottom <= q.top || q.bottom <= p.top).toBe(true);
  });

  it('never leaves off the selected region or a pointer', () => {
    expect(crowdedLabels([box('a', 0, 0), box('b', 10, 5, 60, 30, true)])).toEqual(['a']);
  });
});
