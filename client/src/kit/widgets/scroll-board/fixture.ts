import type { BoardItem } from './types';

/** Firms the reply letter names, with what it says of each. */
export const fixture: BoardItem[] = [
  { key: 'hw', title: '华为数字能源', text: '2021 年引进的“六新”龙头企业', tag: '原文点名' },
  { key: 'gk', title: '极智嘉', text: '2021 年引进的“六新”龙头企业', tag: '原文点名' },
  { key: 'bk', title: '北科瑞声', text: '2021 年引进的“六新”龙头企业', tag: '原文点名' },
  { key: 'fm', title: '富满微', text: '新增 5G 射频、LED 及电源管理芯片产线，产能将达每年 38 亿件', tag: '原文点名' },
];
