import { defineStrings, type Lang } from '../../../kit/i18n';

/**
 * The structure module's own words. Figures' labels come from the catalogue and
 * shared label objects; these are only the words around them. Kept here rather
 * than in the wall's strings.ts so the module can be changed on its own.
 */
const zh = {
  'tile.tree': '“六新”板块 → 重点行业 · 增加值',
  'tile.sectors': '12 个重点行业 · 增加值',
  'tile.categories': '核心产业分类 01–04 · 增加值',
  'tile.tiers': '企业梯度 · 按营收',
  'tile.leaders': '龙头企业与机构',
  'badge.example': '示例配置 · 可编辑',
  'badge.configured': '区级配置',
  'badge.named': '原文点名',
  'badge.modelled': '模型估算',
  'unit.yi': '亿元',
  'check.categories': '分类合计',
  'check.sectors': '行业合计',
  'check.boards': '板块合计',
  'check.tiers': '梯度合计',
  'check.total': '区级',
  'check.totalEnt': '企业总数',
  'check.diff': '差',
  'check.missing': '缺 {n} 项',
  'va.score': '分项对账',
  'va.scoreOf': '分类 · 行业 · 板块',
  'ent.yoy': '较上年同期',
  'quarter': '{y} 年第 {q} 季度',
  'share.pp': '个百分点',
  'growth.above': '高于全市平均',
  'leaders.count': '2021 年引进龙头企业 {n} 家 · 原文点名如下',
  'unassigned': '未归入板块',
  'parts.modelled': '分项为模型估算（{src}），合计须等于区级公布值',
  'cat.basis': '按《数字经济及其核心产业统计分类（2021）》',
  'empty': '暂无数据',
  'waiting': '等待配置',
} as const;

export type StructureKey = keyof typeof zh;

const en: Record<StructureKey, string> = {
  'tile.tree': '"Six New" boards → key sectors · value added',
  'tile.sectors': '12 key sectors · value added',
  'tile.categories': 'Categories 01–04 · value added',
  'tile.tiers': 'Revenue tiers',
  'tile.leaders': 'Leading firms and institutions',
  'badge.example': 'Example config · editable',
  'badge.configured': 'District config',
  'badge.named': 'named in letter',
  'badge.modelled': 'modelled',
  'unit.yi': '100M CNY',
  'check.categories': 'Categories sum',
  'check.sectors': 'Sectors sum',
  'check.boards': 'Boards sum',
  'check.tiers': 'Tiers sum',
  'check.total': 'district',
  'check.totalEnt': 'total',
  'check.diff': 'diff',
  'check.missing': '{n} missing',
  'va.score': 'Reconciled',
  'va.scoreOf': 'categories · sectors · boards',
  'ent.yoy': 'vs a year earlier',
  'quarter': '{y} Q{q}',
  'share.pp': 'pp',
  'growth.above': 'above the city average by',
  'leaders.count': '{n} leading firms brought in during 2021 · those the letter names',
  'unassigned': 'Not in a board',
  'parts.modelled': 'Parts are modelled ({src}); they must add up to the published total',
  'cat.basis': 'per the 2021 national classification of the digital economy',
  'empty': 'no data yet',
  'waiting': 'waiting for configuration',
};

const structure = defineStrings(zh, en);

export const t = structure.t;

/** '2021Q4' → '2021 年第 4 季度' / '2021 Q4'. */
export function quarterLabel(l: Lang, period: string | null): string {
  const m = period ? /^(\d{4})Q([1-4])$/.exec(period) : null;
  return m ? structure.translate(l, 'quarter', { y: m[1] ?? '', q: m[2] ?? '' }) : (period ?? '—');
}
