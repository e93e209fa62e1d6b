import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tourPosition } from '@futian/shared';
import { loadTour } from './tour.js';

describe('loadTour', () => {
  it('loads the shipped visit tour: 8 scenes, 149 s a cycle, the map scenes full screen', () => {
    const t = loadTour(path.resolve(import.meta.dirname, '../../../config/tour.json'));
    expect(t.scenes).toHaveLength(8);
    const state = { tourId: t.id, version: t.version, state: 'running' as const, startedAt: 0, pausedElapsed: null };
    expect(tourPosition(t, state, 0).cycleMs).toBe(149_000);
    expect(t.scenes.filter((s) => s.module === 'map').every((s) => s.layout === 'single')).toBe(true);
  });

  it('refuses a broken tour file with its problems listed', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tour-'));
    const file = path.join(dir, 'tour.json');
    writeFileSync(file, JSON.stringify({ id: 't', version: '1', scenes: [{ id: 's', module: 'map', durationS: 10, caption: { zh: '甲', en: 'A' }, layout: 'wide' }] }));
    try {
      expect(() => loadTour(file)).toThrow('layout must be "single" or absent');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
