import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shortParkName } from '../../client/src/kit/widgets/district-map/geometry.js';
import { parkName, zoneName } from '../../client/src/wall/modules/map/park-names.js';

/**
 * The wall's English park and zone names against the parks file the server is
 * configured with by default (config/geo), as the wall receives it. Here, not
 * beside park-names.ts: the client package may not reach into config/.
 */
const file = path.resolve(import.meta.dirname, '../../config/geo/futian-parks.approx.geojson');
const features = (JSON.parse(readFileSync(file, 'utf8')) as { features: Array<{ properties: { name: string; zone: string } }> }).features;

describe('park and zone names in English', () => {
  it('has an English name for every park and zone in the configured parks file', () => {
    expect(features.length).toBeGreaterThan(5);
    const missing = [
      ...features.map((f) => shortParkName(f.properties.name)).filter((n) => parkName(n, 'en') === n),
      ...features.map((f) => f.properties.zone).filter((z) => zoneName(z, 'en') === z),
    ];
    expect(missing).toEqual([]);
    // Nothing Chinese left in the English names.
    const en = features.flatMap((f) => [parkName(shortParkName(f.properties.name), 'en'), zoneName(f.properties.zone, 'en')]);
    expect(en.filter((n) => /[\u4e00-\u9fff]/.test(n))).toEqual([]);
  });

  it('keeps the source names in Chinese', () => {
    expect(parkName('福田保税区', 'zh')).toBe('福田保税区');
    expect(zoneName('香蜜湖片区', 'zh')).toBe('香蜜湖片区');
  });
});
