import { defineStrings, type Lang } from '../../../kit/i18n';

/**
 * The growth module's own words; figures' labels come from the catalogue and
 * shared/subdistricts. Kept beside the module so it can change on its own.
 */
const zh = {
  'tile.compare': '增速对比 · 福田区与全市平均',
  'tile.leaders': '增速领先街道',
  'tile.reconcile': '街道分项对账',
  'tile.map': '各街道增加值同比增速',
  'tile.rank': '各街道增速排名',
  'tile.trend': '季度同比增速 · 区级与领先街道',
  'tile.qva': '季度增加值 · 区级（亿元）',
  'badge.modelled': '模型估算',
  'district': '福田区',
  'city': '全市平均',
  'gap': '高出',
  'gap.unit': '个百分点',
  'ref.district': '区级 {v}',
  'ref.city': '全市 {v}',
  'ref.cityYear': '全市 2021 年 {v}',
  'above': '{k}/{n} 个街道增速高于全市平均',
  'check.subs': '街道合计',
  'check.district': '区级',
  'check.quarters': '四季度合计',
  'check.year': '全年',
  'check.weighted': '按街道加权增速',
  'check.perQuarter': '各季度街道合计 = 区级',
  'check.diff': '差',
  'check.missing': '缺 {n} 项',
  'check.worst': '最大差 {d}',
  'map.loading': '正在加载街道边界…',
  'map.error': '街道边界加载失败（{msg}）',
  'map.retry': '{s} 秒后自动重试 · 各街道数值见右侧排名',
  'model.note': '街道拆分为模型估算：原始资料未按街道公布，合计等于区级公布值',
  'quarter.short': '{y}Q{q}',
  'empty': '暂无数据',
} as const;

export type GrowthKey = keyof typeof zh;

const en: Record<GrowthKey, string> = {
  'tile.compare': 'Growth · Futian vs city average',
  'tile.leaders': 'Fastest-growing sub-districts',
  'tile.reconcile': 'Sub-district reconciliation',
  'tile.map': 'Value-added growth by sub-district',
  'tile.rank': 'Sub-district growth ranking',
  'tile.trend': 'Quarterly YoY growth · district and leaders',
  'tile.qva': 'Quarterly value added · district (100M CNY)',
  'badge.modelled': 'modelled',
  'district': 'Futian',
  'city': 'City average',
  'gap': 'ahead by',
  'gap.unit': 'pp',
  'ref.district': 'district {v}',
  'ref.city': 'city {v}',
  'ref.cityYear': 'city 2021 {v}',
  'above': '{k} of {n} sub-districts grow faster than the city average',
  'check.subs': 'Sub-districts sum',
  'check.district': 'district',
  'check.quarters': 'Four quarters sum',
  'check.year': 'year',
  'check.weighted': 'Weighted sub-district growth',
  'check.perQuarter': 'Each quarter: sub-districts = district',
  'check.diff': 'diff',
  'check.missing': '{n} missing',
  'check.worst': 'largest diff {d}',
  'map.loading': 'Loading sub-district boundaries…',
  'map.error': 'Sub-district boundaries failed to load ({msg})',
  'map.retry': 'retrying in {s} s · values are in the ranking',
  'model.note': 'Sub-district split is modelled: no source publishes it; parts add up to the published district total',
  'quarter.short': '{y} Q{q}',
  'empty': 'no data yet',
};

const growth = defineStrings(zh, en);

export const t = growth.t;

/** '2021Q3' → '21Q3' (zh) / '2021 Q3' (en): axis labels must stay short. */
export function shortQuarter(l: Lang, period: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(period);
  if (!m) return period;
  return growth.translate(l, 'quarter.short', { y: l === 'zh' ? (m[1] ?? '').slice(2) : (m[1] ?? ''), q: m[2] ?? '' });
}
