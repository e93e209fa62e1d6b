import { defineStrings } from './index';

/**
 * The words kit itself prints around a figure: a tile's footer and marks, ages,
 * periods and cadences. Each app's own words live beside its code. `en` is typed
 * against `zh`, so a missing translation is a compile error.
 */
const zh = {
  'age.now': '刚刚',
  'age.s': '{n} 秒前',
  'age.m': '{n} 分钟前',
  'age.h': '{n} 小时前',
  'age.d': '{n} 天前',
  'age.never': '无数据',
  'fresh.live': '实时 · {age}',
  'fresh.replay': '回放 · {age}',
  'cadence.annual': '年度',
  'cadence.quarterly': '季度',
  'cadence.realtime': '实时',
  'period.year': '{y} 年',
  'period.quarter': '{y} 年第 {q} 季度',
  'badge.sim': '模拟',
  'badge.stale': '待更新',
  'badge.rev': '修订 r{n}',
  'footer.source': '来源',
  'footer.basis': '口径',
  'badge.staleOf': '待更新 · {p}',
  'badge.staleLiveHint': '实时数据已停止更新，请检查数据源',
  'badge.stalePeriodHint': '按发布周期，该期之后的数据应已发布；仍显示最新公布值',
  'badge.stalePart': '{src}待更新',
  'badge.stalePartHint': '这些数据源已停止更新，其余数据源仍在实时更新',
} as const;

export type KitKey = keyof typeof zh;

const en: Record<KitKey, string> = {
  'age.now': 'just now',
  'age.s': '{n} s ago',
  'age.m': '{n} min ago',
  'age.h': '{n} h ago',
  'age.d': '{n} d ago',
  'age.never': 'no data',
  'fresh.live': 'live · {age}',
  'fresh.replay': 'replay · {age}',
  'cadence.annual': 'annual',
  'cadence.quarterly': 'quarterly',
  'cadence.realtime': 'live',
  'period.year': '{y}',
  'period.quarter': '{y} Q{q}',
  'badge.sim': 'simulated',
  'badge.stale': 'stale',
  'badge.rev': 'rev. r{n}',
  'footer.source': 'Source',
  'footer.basis': 'Basis',
  'badge.staleOf': 'stale · {p}',
  'badge.staleLiveHint': 'This live feed has stopped updating; check the source',
  'badge.stalePeriodHint': 'A newer release is due by the publication cycle; showing the latest published value',
  'badge.stalePart': '{src} stale',
  'badge.stalePartHint': 'These feeds have stopped updating; the others are still live',
};

export const { t, translate } = defineStrings(zh, en);
