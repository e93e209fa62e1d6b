import { describe, expect, it } from 'vitest';
import { currentPeriod, latestPeriod } from './periods.js';
import { statKey, type StatScope, type StatValue } from './wall-state.js';

const v = (indicator: string, period: string, value: number, scope: StatScope = {}): StatValue => ({
  key: statKey(indicator, period, scope), indicator, period, scope, value, source: 'F', simulated: false, revision: 1, updatedAt: 0,
});
const map = (...xs: StatValue[]) => Object.fromEntries(xs.map((x) => [x.key, x]));

describe('a new period takes over', () => {
  it('picks the latest district-level period, ignoring breakdowns and other formats', () => {
    const stats = map(
      v('de.core.valueAdded', '2021', 624.92),
      v('de.core.valueAdded', '2022', 701.35),
      v('de.core.valueAdded', '2023', 90, { sector: 'cloud' }),
      v('de.core.valueAdded', '2024Q1', 1),
    );
    expect(latestPeriod(stats, 'de.core.valueAdded')).toBe('2022');
    expect(currentPeriod(stats, 'de.core.valueAdded')).toBe('2022');
  });

  it('orders quarters across years, and falls back to the document\u2019s period with nothing loaded', () => {
    const stats = map(v('de.core.enterprises', '2021Q4', 2549), v('de.core.enterprises', '2022Q1', 2600), v('de.core.enterprises', '2022', 1));
    expect(latestPeriod(stats, 'de.core.enterprises')).toBe('2022Q1');
    expect(currentPeriod(undefined, 'de.core.valueAdded')).toBe('2021');
    expect(latestPeriod({}, 'de.core.valueAdded')).toBeNull();
  });
});
