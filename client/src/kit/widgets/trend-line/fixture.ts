import { SERIES_STEP_MS, type SeriesPoint } from '@futian/shared';
import type { TrendData } from './option';

const END = Date.UTC(2026, 10, 22, 12, 0, 0);

function ramp(n: number, f: (i: number) => number): SeriesPoint[] {
  return Array.from({ length: n }, (_, i) => [END - (n - 1 - i) * SERIES_STEP_MS, f(i)] as SeriesPoint);
}

/** One hour of charging utilisation, for tests and a widget gallery. */
export const fixture: TrendData = {
  series: [{ id: 'util', name: '利用率', points: ramp(360, (i) => 30 + 10 * Math.sin(i / 40)), area: true }],
  unit: '%',
  axisDecimals: 0,
  yMin: 0,
  yMax: 100,
  windowMs: 3_600_000,
};

export const multiFixture: TrendData = {
  series: [
    { id: 'bs5g', name: '5G 基站', points: ramp(360, () => 99.1) },
    { id: 'pole', name: '智能杆', points: ramp(360, () => 98.7) },
    { id: 'pile', name: '充电桩', points: ramp(120, () => 97.8) },
  ],
  unit: '%',
  axisDecimals: 1,
  windowMs: 3_600_000,
  threshold: { value: 97, label: '预警 97%' },
};

export const emptyFixture: TrendData = {
  series: [{ id: 'util', name: '利用率', points: [] }],
  unit: '%',
  axisDecimals: 0,
  yMin: 0,
  yMax: 100,
  windowMs: 3_600_000,
};

export const FIXTURE_END = END;
