import { computed } from 'vue';
import { CATALOGUE, DEVICE_KINDS, KINDS, type DeviceKind } from '@futian/shared';
import { pick } from '../../../kit/i18n';
import type { TrendData } from '../../../kit/widgets/trend-line/option';
import { useFigures } from '../common/useFigures';
import { DOCUMENTED, RATE, figureVM, infraVM, lastValue, priorShare } from '../common/model';
import { TREND_KEYS } from './model';

const HOUR = 3_600_000;

/**
 * The overview's figures, shared by its full-screen and side-column layouts so
 * the two can never disagree on a number or its provenance.
 */
export function useOverview() {
  const { stats, cell, series, statProvenance, liveProvenance } = useFigures();

  const valueAdded = computed(() => figureVM('de.core.valueAdded', stats()));
  const growth = computed(() => figureVM('de.core.growth', stats(), true));
  const aboveCity = computed(() => figureVM('de.core.growthAboveCity', stats()));
  const share = computed(() => figureVM('de.core.gdpShare', stats()));
  /** The year before the share shown (2020 beside the document's 2021; 2021 beside a loaded 2022). */
  const prior = computed(() => priorShare(stats(), share.value));
  const leading = computed(() => figureVM('ent.leadingIntroduced', stats()));
  const carriers = computed(() => figureVM('innov.carriers', stats()));
  const shareChange = computed(() =>
    share.value.value !== null && prior.value.value !== null ? share.value.value - prior.value.value : null,
  );

  const prov = computed(() => ({
    valueAdded: statProvenance('de.core.valueAdded'),
    growth: statProvenance('de.core.growth', { also: ['de.core.growthAboveCity'] }),
    share: statProvenance('de.core.gdpShare', { also: ['de.core.gdpShare2020'] }),
    leading: statProvenance('ent.leadingIntroduced'),
    carriers: statProvenance('innov.carriers'),
    utilisation: liveProvenance('infra.pile.utilisation', 'pile'),
    onlineRate: liveProvenance('infra.bs5g.onlineRate', DEVICE_KINDS, ['infra.pole.onlineRate', 'infra.pile.onlineRate']),
    infra: liveProvenance('infra.bs5g.onlineRate', DEVICE_KINDS, [
      'infra.pole.onlineRate',
      'infra.pile.onlineRate',
      ...DEVICE_KINDS.map((k) => DOCUMENTED[k]),
    ]),
  }));

  const infra = computed(() =>
    DEVICE_KINDS.map((kind: DeviceKind) => ({
      kind,
      vm: infraVM(kind, cell(kind), stats()),
      provenance: liveProvenance(RATE[kind], kind, [DOCUMENTED[kind]]),
    })),
  );

  const utilisationTrend = computed<TrendData>(() => ({
    series: TREND_KEYS.utilisation.map((key) => ({
      id: key,
      name: pick(CATALOGUE['infra.pile.utilisation'].label),
      points: series(key),
      area: true,
    })),
    unit: '%',
    axisDecimals: 0,
    yMin: 0,
    yMax: 100,
    windowMs: HOUR,
  }));
  const utilisationNow = computed(() => lastValue(series('pile.utilisation')));

  const onlineTrend = computed<TrendData>(() => ({
    series: TREND_KEYS.onlineRate.map((key, i) => ({
      id: key,
      name: pick(KINDS[DEVICE_KINDS[i] ?? 'bs5g']),
      points: series(key),
      colorIndex: i,
    })),
    unit: '%',
    axisDecimals: 1,
    // Rates sit a few tenths below 100 %: a 1-point window keeps noise from filling the plot.
    minSpan: 1,
    yMax: 100,
    windowMs: HOUR,
  }));

  return {
    valueAdded,
    growth,
    aboveCity,
    share,
    prior,
    shareChange,
    leading,
    carriers,
    prov,
    infra,
    utilisationTrend,
    utilisationNow,
    onlineTrend,
  };
}
