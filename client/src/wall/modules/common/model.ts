/**
 * Figures and live device counts as the overview first showed them; the structure
 * and infrastructure modules show the same ones, so they live here, not in overview/.
 */
import {
  CATALOGUE,
  currentPeriod,
  DISTRICT,
  isSourceId,
  KINDS,
  onlineRate,
  statKey,
  utilisation,
  type DeviceKind,
  type InfraCell,
  type Label,
  type MetricId,
  type SeriesPoint,
  type StatValue,
} from '@futian/shared';

/** A headline figure as the overview shows it: value, qualifier and unit, no formatting yet. */
export interface FigureVM {
  id: MetricId;
  label: Label;
  unit: Label;
  value: number | null;
  decimals: number;
  /** '>' or '≈' before the number, as the document hedged it. */
  prefix: string;
  /** '+' after the number ("5,700+"). */
  suffix: string;
  /** Growth figures print their sign: "+17.8". */
  signed: boolean;
  stat: StatValue | null;
  /**
   * The source document's remark on its own value ("初步测算值"), or null once a
   * value from elsewhere (another period, a statistics office's upload) is shown:
   * the remark describes 624.92, not a figure published since.
   */
  documentNote: Label | null;
}

/**
 * Reads the server's current value (a revision replaces the document's), falling
 * back to the catalogue so a wall that has not heard from the server yet still
 * shows the documented figure instead of a blank.
 */
export function figureVM(id: MetricId, stats: Readonly<Record<string, StatValue>> | undefined, signed = false): FigureVM {
  const def = CATALOGUE[id];
  // The latest loaded period takes over from the document's (a 2022 annual figure replaces 2021's).
  const period = currentPeriod(stats, id);
  const stat = period !== undefined ? (stats?.[statKey(id, period)] ?? null) : null;
  return {
    id,
    label: def.label,
    unit: def.unit,
    value: stat?.value ?? def.value ?? null,
    decimals: def.decimals,
    prefix: def.qualifier === '>' || def.qualifier === '≈' ? def.qualifier : '',
    suffix: def.qualifier === '+' ? '+' : '',
    signed,
    stat,
    documentNote: !stat || (stat.period === def.period && isSourceId(stat.source)) ? (def.note ?? null) : null,
  };
}

/**
 * The share of district GDP a year before the one shown, for the comparison
 * beside it: a value loaded for that year, else the document's 2020 figure when
 * the year shown is the document's 2021. When 2022 is loaded, 2022 is compared
 * with 2021 (issue #40: the previous period is kept for the comparison).
 */
export function priorShare(stats: Readonly<Record<string, StatValue>> | undefined, shown: FigureVM): { year: string; value: number | null } {
  const year = shown.stat?.period ?? CATALOGUE['de.core.gdpShare'].period ?? '2021';
  const prev = String(Number(year) - 1);
  const loaded = stats?.[statKey('de.core.gdpShare', prev)];
  if (loaded) return { year: prev, value: loaded.value };
  if (prev === '2020') return { year: prev, value: figureVM('de.core.gdpShare2020', stats).value };
  return { year: prev, value: null };
}

export const DOCUMENTED: Record<DeviceKind, MetricId> = {
  bs5g: 'infra.bs5g.documented',
  pole: 'infra.pole.documented',
  pile: 'infra.pile.documented',
};

export const RATE: Record<DeviceKind, MetricId> = {
  bs5g: 'infra.bs5g.onlineRate',
  pole: 'infra.pole.onlineRate',
  pile: 'infra.pile.onlineRate',
};

export interface InfraVM {
  kind: DeviceKind;
  label: Label;
  /** Live registry size; null before the first snapshot. */
  registered: number | null;
  published: FigureVM;
  /** Null before the first snapshot. */
  counts: { online: number; offline: number; fault: number; silent: number } | null;
  rate: number | null;
  /** Piles only. */
  busy: number | null;
  utilisation: number | null;
  powerMw: number | null;
  /** Registered devices per km² of official district area. */
  density: number | null;
  /** Poles only. */
  sensorsOnline: number | null;
}

export function infraVM(kind: DeviceKind, cell: InfraCell | null, stats?: Readonly<Record<string, StatValue>>): InfraVM {
  const pile = kind === 'pile' && cell !== null;
  return {
    kind,
    label: { zh: KINDS[kind].zh, en: KINDS[kind].en },
    registered: cell?.total ?? null,
    published: figureVM(DOCUMENTED[kind], stats),
    counts: cell ? { online: cell.online, offline: cell.offline, fault: cell.fault, silent: cell.silent } : null,
    rate: cell ? onlineRate(cell) : null,
    busy: pile ? cell.busy : null,
    utilisation: pile ? utilisation(cell) : null,
    powerMw: pile ? cell.powerKw / 1000 : null,
    density: cell ? cell.total / DISTRICT.officialAreaKm2 : null,
    sensorsOnline: kind === 'pole' && cell ? cell.sensorsOnline : null,
  };
}

/** The newest value of a series, for the figure printed beside its chart. */
export function lastValue(points: readonly SeriesPoint[] | undefined): number | null {
  const p = points?.[points.length - 1];
  return p ? p[1] : null;
}
