import { defineStrings } from '../../kit/i18n';

/** The wall's words for operations overlays (tour, notices, alarms, marks). */
const zh = {
  'demo.mark': '演示模式',
  'demo.sub': '演示数据 · 模拟',
  'replay.mark': '回放',
  'tour.scene': '场景 {i}/{n}',
  'tour.paused': '巡游已暂停 · {by} 接管',
  'tour.pausedNoBy': '巡游已暂停',
  'lost.tour': '数据连接中断 · 显示最后数据',
  'tour.held': '值班员讲解中',
  'tour.resumeAt': '继续巡游将回到场景 {i}：{caption}',
  'alarm.title': '告警',
  'alarm.total': '{n} 条',
  'alarm.unacked': '未确认 {n}',
  'alarm.acked': '已确认',
  'alarm.district': '全区',
  'alarm.more': '+{n} 条',
  'alarm.none': '无活动告警',
  'alarm.unknown': '本画面无实时告警',
  'sev.critical': '严重',
  'sev.major': '重要',
  'sev.minor': '一般',
} as const;

export type OpsKey = keyof typeof zh;

const en: Record<OpsKey, string> = {
  'demo.mark': 'DEMO MODE',
  'demo.sub': 'Demo data · simulated',
  'replay.mark': 'REPLAY',
  'tour.scene': 'Scene {i}/{n}',
  'tour.paused': 'Tour paused · taken over by {by}',
  'tour.pausedNoBy': 'Tour paused',
  'lost.tour': 'Data link lost · showing last data',
  'tour.held': 'Operator presenting',
  'tour.resumeAt': 'The tour resumes at scene {i}: {caption}',
  'alarm.title': 'Alarms',
  'alarm.total': '{n}',
  'alarm.unacked': '{n} unacked',
  'alarm.acked': 'acked',
  'alarm.district': 'District',
  'alarm.more': '+{n} more',
  'alarm.none': 'No active alarms',
  'alarm.unknown': 'No live alarms on this view',
  'sev.critical': 'Critical',
  'sev.major': 'Major',
  'sev.minor': 'Minor',
};

export const { t } = defineStrings(zh, en);
