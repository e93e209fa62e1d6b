/**
 * Where a figure comes from. Every tile on the wall prints one of these with the
 * figure's reference period (口径), so a visitor can tell a documented number from a
 * derived one, a model, or a simulation.
 */
export type SourceId = 'F' | 'S' | 'derived-F' | 'model' | 'sim';

export interface SourceDef {
  id: SourceId;
  zh: string;
  en: string;
  /** Shown in the tile footer, where space is tight. */
  shortZh: string;
  shortEn: string;
  /** True when the figure is not a published number and must carry the 模拟 mark. */
  simulated: boolean;
}

export const SOURCES: Record<SourceId, SourceDef> = {
  F: {
    id: 'F',
    zh: '福田区发展和改革局《关于对区八届人大二次会议第20220179号建议的答复函》深福发改函〔2022〕34号，2022-07-14',
    en: 'Futian District DRC, reply letter SFFGH [2022] No. 34, 2022-07-14',
    shortZh: '深福发改函〔2022〕34号',
    shortEn: 'Futian DRC reply [2022] 34',
    simulated: false,
  },
  S: {
    id: 'S',
    zh: '《深圳市数字经济产业创新发展实施方案（征求意见稿）》，2020',
    en: 'Shenzhen digital-economy implementation plan (draft for comment), 2020',
    shortZh: '深圳市数字经济实施方案（征求意见稿）',
    shortEn: 'Shenzhen DE plan (draft), 2020',
    simulated: false,
  },
  'derived-F': {
    id: 'derived-F',
    zh: '据深福发改函〔2022〕34号推算（原文未直接给出）',
    en: 'Derived from Futian DRC reply [2022] 34 (not stated directly)',
    shortZh: '据〔2022〕34号推算',
    shortEn: 'derived from DRC reply',
    simulated: false,
  },
  model: {
    id: 'model',
    zh: '模型估算：原始资料未按街道或行业拆分，此处按文档化模型分摊，合计与区级数值一致',
    en: 'Modelled: no source splits this figure; allocated by a documented model that sums to the district total',
    shortZh: '模型估算',
    shortEn: 'modelled',
    simulated: true,
  },
  sim: {
    id: 'sim',
    zh: '模拟数据：演示用仿真设备上报，非真实运行数据',
    en: 'Simulated: reports from simulated devices, not live operations data',
    shortZh: '模拟',
    shortEn: 'simulated',
    simulated: true,
  },
};

/** True for a catalogue source id ('F', 'S', 'model', …); false for an upstream's or a unit's name. */
export function isSourceId(v: string): v is SourceId {
  return Object.prototype.hasOwnProperty.call(SOURCES, v);
}
