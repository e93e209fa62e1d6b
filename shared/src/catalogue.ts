import type { SourceId } from './sources.js';

/**
 * The metric catalogue: every figure the wall shows, with the provenance a tile
 * must print. Documented figures carry their value here; the server seeds its
 * statistics store from these, so a later revision (应统尽统) replaces the value on
 * the wall without a redeploy, while the catalogue keeps what the document said.
 */
export type Cadence = 'realtime' | 'quarterly' | 'annual';

export interface Label {
  zh: string;
  en: string;
}

export interface Thresholds {
  /** 'below': lower is worse (online rate); 'above': higher is worse (faults). */
  direction: 'below' | 'above';
  warn: number;
  crit: number;
}

export interface MetricDef {
  id: string;
  label: Label;
  unit: Label;
  cadence: Cadence;
  /**
   * How old a value may get before the tile is marked stale. Realtime metrics age
   * from their last update; statistics age from the end of their reference period,
   * i.e. "the next release should have arrived by now".
   */
  staleAfterMs: number;
  source: SourceId;
  /** 口径: the reference period and basis, as printed in the tile footer. */
  refPeriod: Label;
  /** Statistics period key, e.g. '2021' or '2021Q4', for documented values. */
  period?: string;
  /** The documented value, where the document gives one. */
  value?: number;
  /** "5,700+" or "> 3 亿元": the document's own hedging, kept on screen. */
  qualifier?: '+' | '>' | '≈';
  decimals: number;
  thresholds?: Thresholds;
  /** Free-text note shown on hover or in the catalogue page. */
  note?: Label;
}

const SECOND = 1000;
const DAY = 86_400 * SECOND;
/** The next annual figure is normally out within 18 months of the year's end. */
const ANNUAL_STALE = 548 * DAY;
/** A quarter's figure should be superseded within ~6 months. */
const QUARTERLY_STALE = 200 * DAY;
/**
 * Fallback only: a live figure whose feeds are known goes stale per feed, after
 * `feedStaleAfterMs` of that fleet's cadence (devices.ts). This applies when a
 * figure is shown without naming its feeds.
 */
const REALTIME_STALE = 60 * SECOND;

const Y2021: Label = { zh: '2021 年 · 年度', en: '2021 · annual' };
const LETTER: Label = { zh: '截至 2022 年 7 月（答复函）', en: 'as of Jul 2022 (reply letter)' };
const LIVE: Label = { zh: '实时 · 模拟设备', en: 'live · simulated devices' };

function doc<I extends string>(
  id: I,
  zh: string,
  en: string,
  unit: Label,
  value: number,
  extra: Partial<Omit<MetricDef, 'id'>> = {},
): MetricDef & { id: I } {
  return {
    label: { zh, en },
    unit,
    cadence: 'annual',
    staleAfterMs: ANNUAL_STALE,
    source: 'F',
    refPeriod: Y2021,
    period: '2021',
    value,
    decimals: 0,
    ...extra,
    id,
  };
}

function live<I extends string>(
  id: I,
  zh: string,
  en: string,
  unit: Label,
  decimals: number,
  extra: Partial<Omit<MetricDef, 'id'>> = {},
): MetricDef & { id: I } {
  return {
    label: { zh, en },
    unit,
    cadence: 'realtime',
    staleAfterMs: REALTIME_STALE,
    source: 'sim',
    refPeriod: LIVE,
    decimals,
    ...extra,
    id,
  };
}

export const U = {
  yi: { zh: '亿元', en: '100M CNY' },
  wan: { zh: '万元', en: '10k CNY' },
  pct: { zh: '%', en: '%' },
  pp: { zh: '个百分点', en: 'pp' },
  ent: { zh: '家', en: 'firms' },
  count: { zh: '个', en: '' },
  station: { zh: '个', en: 'stations' },
  pole: { zh: '根', en: 'poles' },
  pile: { zh: '个', en: 'piles' },
  site: { zh: '个', en: 'sites' },
  perKm2: { zh: '个/km²', en: '/km²' },
  kw: { zh: 'kW', en: 'kW' },
  rack: { zh: '个', en: 'racks' },
  order: { zh: '笔', en: 'orders' },
  industry: { zh: '个', en: 'industries' },
  ops: { zh: '亿亿次/秒', en: '×10¹⁶ ops/s' },
  none: { zh: '', en: '' },
} satisfies Record<string, Label>;

const metrics = [
  // ---- Macro view: digital-economy core industry (F) ----
  doc('de.core.valueAdded', '数字经济核心产业增加值', 'Digital-economy core value added', U.yi, 624.92, {
    decimals: 2,
    note: { zh: '初步测算值', en: 'preliminary estimate' },
  }),
  doc('de.core.growth', '核心产业增加值同比增速', 'Core value added, YoY growth', U.pct, 17.8, { decimals: 1 }),
  doc('de.core.growthAboveCity', '增速高于全市平均', 'Growth above city average', U.pp, 11),
  doc('de.city.growth', '全市平均增速（推算）', 'City average growth (derived)', U.pct, 6.8, {
    source: 'derived-F',
    decimals: 1,
    qualifier: '≈',
    note: { zh: '17.8% − 11 个百分点', en: '17.8 % − 11 pp' },
  }),
  doc('de.core.gdpShare', '占全区 GDP 比重', 'Share of district GDP', U.pct, 11.7, { decimals: 1 }),
  doc('de.core.gdpShare2020', '占全区 GDP 比重（2020）', 'Share of district GDP (2020)', U.pct, 10.9, {
    source: 'derived-F',
    period: '2020',
    refPeriod: { zh: '2020 年 · 年度（11.7% − 0.8 个百分点）', en: '2020 · annual (11.7 % − 0.8 pp)' },
    decimals: 1,
  }),
  doc('de.gdp.implied', '全区 GDP（推算）', 'District GDP (derived)', U.yi, 5341, {
    source: 'derived-F',
    qualifier: '≈',
    note: { zh: '624.92 ÷ 11.7%，原文未直接给出', en: '624.92 ÷ 11.7 %, not stated in the source' },
  }),
  doc('ent.leadingIntroduced', '引进龙头企业', 'Leading enterprises brought in', U.ent, 18, {
    note: { zh: '如华为数字能源、极智嘉、北科瑞声', en: 'e.g. Huawei Digital Power, Geek+, Beike Ruisheng' },
  }),
  doc('innov.carriers', '各类创新载体', 'Innovation carriers', U.count, 42, {
    refPeriod: LETTER,
    note: { zh: '约占全市五分之一', en: 'about 1/5 of the city total' },
  }),
  doc('invest.techUpgrade', '技术改造投资', 'Technical-upgrade investment', U.yi, 36.4, { decimals: 1, refPeriod: LETTER }),
  doc('invest.techUpgradeGrowth', '技术改造投资增速', 'Technical-upgrade investment growth', U.pct, 69.5, {
    decimals: 1,
    refPeriod: LETTER,
  }),
  doc('ent.digitalUpgraded', '完成数字化改造的重点企业', 'Key firms digitally upgraded', U.ent, 26, { refPeriod: LETTER }),
  doc('stats.pilotUnits', '数据要素统计核算试点单位', 'Data-factor statistics pilot units', U.ent, 195, {
    refPeriod: LETTER,
    note: { zh: '全市共 828 家', en: 'of 828 city-wide' },
  }),

  // ---- Documented digital infrastructure (F) ----
  doc('infra.bs5g.documented', '5G 基站（已建成开通）', '5G base stations (built)', U.station, 5700, {
    qualifier: '+',
    refPeriod: LETTER,
  }),
  doc('infra.pole.documented', '多功能智能杆', 'Multi-function smart poles', U.pole, 3700, { refPeriod: LETTER }),
  doc('infra.pileSites.documented', '智能化新能源充电站点', 'Smart EV charging sites', U.site, 798, { refPeriod: LETTER }),
  doc('infra.fastSites.documented', '集中式快充站点', 'Centralised fast-charge sites', U.site, 58, { refPeriod: LETTER }),
  doc('infra.pile.documented', '充电桩', 'Charging piles', U.pile, 9499, { refPeriod: LETTER }),
  doc('infra.pileDensity.documented', '充电桩布局密度（公布值）', 'Charging-pile density (published)', U.perKm2, 131, {
    refPeriod: LETTER,
    note: { zh: '全球充电设施密度最高的中心城区', en: 'highest of any central district worldwide' },
  }),
  doc('data.exchange.industries', '数据交易覆盖行业', 'Data-exchange industries', U.industry, 15, { refPeriod: LETTER }),
  doc('data.exchange.orders', '首批数据交易订单', 'First data-exchange orders', U.order, 215, { refPeriod: LETTER }),
  doc('data.exchange.amount', '首批数据交易额', 'First data-exchange value', U.yi, 3, { qualifier: '>', refPeriod: LETTER }),
  doc('data.exchange.crossBorder', '首批跨境数据交易额', 'First cross-border data trades', U.wan, 1000, {
    qualifier: '≈',
    refPeriod: LETTER,
  }),
  doc('compute.bayArea', '湾区算力中心算力（128 位整数精度）', 'Bay Area compute (128-bit int)', U.ops, 30, { refPeriod: LETTER }),
  doc('compute.racks', '国能商贸云计算中心机柜', 'Guoneng cloud centre racks', U.rack, 2500, { qualifier: '+', refPeriod: LETTER }),

  // ---- Shenzhen city (S) ----
  doc('city.de.valueAdded2019', '深圳数字经济产业增加值', 'Shenzhen digital-economy value added', U.yi, 1596.59, {
    source: 'S',
    period: '2019',
    refPeriod: { zh: '2019 年 · 年度', en: '2019 · annual' },
    decimals: 2,
  }),
  doc('city.de.growth2019', '深圳数字经济产业增速', 'Shenzhen digital-economy growth', U.pct, 18, {
    source: 'S',
    period: '2019',
    refPeriod: { zh: '2019 年 · 年度', en: '2019 · annual' },
  }),
  doc('city.de.target2022', '深圳 2022 年数字经济产业增加值目标', 'Shenzhen 2022 target', U.yi, 2400, {
    source: 'S',
    period: '2022',
    qualifier: '>',
    refPeriod: { zh: '2022 年目标', en: '2022 target' },
  }),

  // ---- Modelled statistics (shown per quarter, sub-district, sector) ----
  {
    id: 'de.core.valueAdded.q',
    label: { zh: '核心产业增加值（季度）', en: 'Core value added (quarterly)' },
    unit: U.yi,
    cadence: 'quarterly',
    staleAfterMs: QUARTERLY_STALE,
    source: 'model',
    refPeriod: { zh: '季度 · 模型拆分，年合计 = 624.92 亿元', en: 'quarterly · modelled split, sums to 624.92' },
    decimals: 2,
  },
  {
    id: 'de.core.growth.q',
    label: { zh: '核心产业增加值同比（季度）', en: 'Core value added YoY (quarterly)' },
    unit: U.pct,
    cadence: 'quarterly',
    staleAfterMs: QUARTERLY_STALE,
    source: 'model',
    refPeriod: { zh: '季度 · 模型', en: 'quarterly · modelled' },
    decimals: 1,
  },
  {
    id: 'de.core.enterprises',
    label: { zh: '核心产业企业数量', en: 'Core-industry enterprises' },
    unit: U.ent,
    cadence: 'quarterly',
    staleAfterMs: QUARTERLY_STALE,
    source: 'model',
    refPeriod: { zh: '季度 · 模拟（原文未公布）', en: 'quarterly · simulated (not published)' },
    decimals: 0,
  },

  // ---- Live infrastructure (simulated fleet) ----
  live('infra.bs5g.onlineRate', '5G 基站在线率', '5G online rate', U.pct, 1, {
    thresholds: { direction: 'below', warn: 98, crit: 95 },
  }),
  live('infra.pole.onlineRate', '智能杆在线率', 'Smart-pole online rate', U.pct, 1, {
    thresholds: { direction: 'below', warn: 97, crit: 95 },
  }),
  live('infra.pile.onlineRate', '充电桩在线率', 'Charging-pile online rate', U.pct, 1, {
    thresholds: { direction: 'below', warn: 97, crit: 93 },
  }),
  live('infra.pile.utilisation', '充电桩利用率', 'Charging utilisation', U.pct, 1),
  live('infra.pile.powerKw', '充电总功率', 'Charging power', U.kw, 0),
  live('infra.pile.fastShare', '快充桩占比（在线）', 'Fast-charge share (online)', U.pct, 1),
  live('infra.bs5g.density', '5G 基站密度', '5G density', U.perKm2, 1),
  live('infra.pole.density', '智能杆密度', 'Smart-pole density', U.perKm2, 1),
  live('infra.pile.density', '充电桩密度（实时在册）', 'Charging-pile density (registered)', U.perKm2, 1),
  live('infra.faults', '当前故障设备', 'Devices in fault', U.count, 0, {
    thresholds: { direction: 'above', warn: 50, crit: 150 },
  }),
] as const satisfies readonly MetricDef[];

export type MetricId = (typeof metrics)[number]['id'];

export const CATALOGUE: Readonly<Record<MetricId, MetricDef>> = Object.fromEntries(
  metrics.map((m) => [m.id, m]),
) as Record<MetricId, MetricDef>;

export const METRIC_IDS: readonly MetricId[] = metrics.map((m) => m.id);

export function metric(id: MetricId): MetricDef {
  return CATALOGUE[id];
}

export function isMetricId(v: string): v is MetricId {
  return Object.prototype.hasOwnProperty.call(CATALOGUE, v);
}

/** End of a statistics period key ('2021', '2021Q3') in epoch ms, Asia/Shanghai. */
export function periodEnd(period: string): number | null {
  const y = /^(\d{4})$/.exec(period);
  if (y) return Date.UTC(Number(y[1]) + 1, 0, 1) - 8 * 3600_000;
  const q = /^(\d{4})Q([1-4])$/.exec(period);
  if (q) {
    const year = Number(q[1]);
    const quarter = Number(q[2]);
    return Date.UTC(year, quarter * 3, 1) - 8 * 3600_000;
  }
  return null;
}

export type Freshness =
  | { kind: 'live'; ageMs: number; stale: boolean }
  | { kind: 'period'; period: string; cadence: Cadence; stale: boolean };

/**
 * Cadence-aware freshness of a figure. Telemetry ages from its last update;
 * statistics are "as of" their period and go stale when the next period's figure
 * is overdue.
 */
export function freshness(def: MetricDef, now: number, lastUpdate: number | null, period?: string): Freshness {
  if (def.cadence === 'realtime') {
    const ageMs = lastUpdate === null ? Number.POSITIVE_INFINITY : Math.max(0, now - lastUpdate);
    return { kind: 'live', ageMs, stale: ageMs > def.staleAfterMs };
  }
  const p = period ?? def.period ?? '';
  const end = periodEnd(p);
  return { kind: 'period', period: p, cadence: def.cadence, stale: end !== null && now - end > def.staleAfterMs };
}
