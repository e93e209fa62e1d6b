import type { DeviceKind, MetricId, SeriesKey } from '@futian/shared';

/** Live densities divide the registry by the official 78.66 km², like the published 131/km². */
export const DENSITY: Record<DeviceKind, MetricId> = {
  bs5g: 'infra.bs5g.density',
  pole: 'infra.pole.density',
  pile: 'infra.pile.density',
};

export const TREND_KEYS = {
  utilisation: ['pile.utilisation'],
  onlineRate: ['bs5g.onlineRate', 'pole.onlineRate', 'pile.onlineRate'],
} as const satisfies Record<string, readonly SeriesKey[]>;
