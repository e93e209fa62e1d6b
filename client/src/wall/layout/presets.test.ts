import { describe, expect, it } from 'vitest';
import { canvasMetrics, LAYOUTS, pickLayout } from './presets';

describe('pickLayout', () => {
  it('honours ?layout=', () => {
    expect(pickLayout(1920, 1080, '32x9').id).toBe('32x9');
  });
  it('picks by aspect ratio', () => {
    expect(pickLayout(1920, 1080).id).toBe('1080p');
    expect(pickLayout(3840, 2160).id).toBe('4k');
    expect(pickLayout(5760, 1080).id).toBe('48x9');
    expect(pickLayout(7680, 2160).id).toBe('32x9');
    expect(pickLayout(1920, 1200).id).toBe('1080p');
  });
  it('ignores an unknown layout id', () => {
    expect(pickLayout(5760, 1080, 'bogus').id).toBe('48x9');
  });
});

describe('canvasMetrics', () => {
  it('renders 4K at two real px per design px (root font 20 px)', () => {
    const m = canvasMetrics(3840, 2160, LAYOUTS['4k']);
    expect(m.u).toBe(2);
    expect(m.remPx).toBe(20);
    expect([m.width, m.height, m.offsetX, m.offsetY]).toEqual([3840, 2160, 0, 0]);
  });
  it('maps a 7680×2160 wall onto its 3840×1080 design', () => {
    expect(canvasMetrics(7680, 2160, LAYOUTS['32x9']).u).toBe(2);
  });
  it('letterboxes a window of another aspect instead of stretching', () => {
    const m = canvasMetrics(1920, 1200, LAYOUTS['1080p']);
    expect(m.u).toBe(1);
    expect(m.offsetY).toBe(60);
  });
});
