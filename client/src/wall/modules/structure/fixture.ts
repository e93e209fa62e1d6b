import { statKey, type StatScope, type StatValue, type WallConfigSlot } from '@futian/shared';

/** A stat as the server sends it; modelled parts come from the feed's token, simulated. */
export function stat(indicator: string, period: string, value: number, scope: StatScope = {}, documented = false): StatValue {
  return {
    key: statKey(indicator, period, scope),
    indicator,
    period,
    scope,
    value,
    source: documented ? 'F' : 'mock-feeds',
    simulated: !documented,
    revision: 1,
    updatedAt: 0,
  };
}

export function toRecord(list: StatValue[]): Record<string, StatValue> {
  return Object.fromEntries(list.map((s) => [s.key, s]));
}

export const SECTOR_VALUES: Record<string, number> = {
  bigdata: 49.11,
  cloud: 50.74,
  blockchain: 18.95,
  infosec: 30.51,
  ai: 52.21,
  icdesign: 45.83,
  iiot: 17.35,
  fintech: 130.23,
  smartcity: 52.86,
  ecommerce: 82.68,
  creative: 45.96,
  other: 48.49,
};
export const CATEGORY_VALUES: Record<string, number> = { '01': 51.17, '02': 130.8, '03': 280, '04': 162.95 };

/** The live feed's 2021 structure: documented total, modelled parts. */
export function structureStats(): Record<string, StatValue> {
  return toRecord([
    stat('de.core.valueAdded', '2021', 624.92, {}, true),
    ...Object.entries(SECTOR_VALUES).map(([sector, v]) => stat('de.core.valueAdded', '2021', v, { sector })),
    ...Object.entries(CATEGORY_VALUES).map(([category, v]) => stat('de.core.valueAdded', '2021', v, { category })),
    stat('de.core.enterprises', '2020Q4', 2332),
    stat('de.core.enterprises', '2021Q3', 2489),
    stat('de.core.enterprises', '2021Q4', 2549),
    stat('de.core.enterprises', '2021Q4', 2232, { tier: 't0' }),
    stat('de.core.enterprises', '2021Q4', 278, { tier: 't1' }),
    stat('de.core.enterprises', '2021Q4', 32, { tier: 't10' }),
    stat('de.core.enterprises', '2021Q4', 7, { tier: 't50' }),
    stat('de.core.enterprises', '2021Q3', 7, { tier: 't50' }),
  ]);
}

export const CONFIG: WallConfigSlot = {
  boards: {
    example: true,
    note: { zh: '示例配置：原始资料未列出“六新”板块。', en: 'Example configuration.' },
    boards: [
      { id: 'ex-data', label: { zh: '示例① 数据与算力', en: 'Example 1' }, sectors: ['bigdata', 'cloud'] },
      { id: 'ex-trust', label: { zh: '示例② 可信与安全', en: 'Example 2' }, sectors: ['blockchain', 'infosec'] },
      { id: 'ex-ai', label: { zh: '示例③ 智能与芯片', en: 'Example 3' }, sectors: ['ai', 'icdesign'] },
      { id: 'ex-industry', label: { zh: '示例④ 产业互联', en: 'Example 4' }, sectors: ['iiot', 'ecommerce'] },
      { id: 'ex-fintech', label: { zh: '示例⑤ 金融科技', en: 'Example 5' }, sectors: ['fintech'] },
      { id: 'ex-city', label: { zh: '示例⑥ 城市与创意', en: 'Example 6' }, sectors: ['smartcity', 'creative', 'other'] },
    ],
  },
  enterprises: {
    note: { zh: '仅列出答复函点名的企业。', en: 'Only firms the letter names.' },
    enterprises: [
      { name: { zh: '华为数字能源', en: 'Huawei Digital Power' }, role: { zh: '2021 年引进的“六新”龙头企业', en: 'Leading firm brought in, 2021' }, source: 'F' },
      { name: { zh: '富满微', en: 'Fine Made' }, role: { zh: '新增芯片产线', en: 'New chip lines' }, source: 'F' },
    ],
  },
};
