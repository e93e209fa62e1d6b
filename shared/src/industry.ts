import type { Label } from './catalogue.js';

/**
 * Core categories of the national classification
 * 《数字经济及其核心产业统计分类（2021）》. 01–04 are the core industry; 05 is the
 * digitalised-efficiency part, outside the core and outside the 624.92 亿元.
 */
export const CORE_CATEGORIES = [
  { id: '01', zh: '数字产品制造业', en: 'Digital product manufacturing' },
  { id: '02', zh: '数字产品服务业', en: 'Digital product services' },
  { id: '03', zh: '数字技术应用业', en: 'Digital technology applications' },
  { id: '04', zh: '数字要素驱动业', en: 'Digital-factor-driven industries' },
] as const;
export type CoreCategoryId = (typeof CORE_CATEGORIES)[number]['id'];

export const NON_CORE_CATEGORY = { id: '05', zh: '数字化效率提升业', en: 'Digitalised efficiency improvement' } as const;

/** Shenzhen's twelve key sectors, in the plan's order (source S). */
export const KEY_SECTORS = [
  { id: 'bigdata', zh: '大数据', en: 'Big data' },
  { id: 'cloud', zh: '云计算', en: 'Cloud computing' },
  { id: 'blockchain', zh: '区块链', en: 'Blockchain' },
  { id: 'infosec', zh: '信息安全', en: 'Information security' },
  { id: 'ai', zh: '人工智能', en: 'Artificial intelligence' },
  { id: 'icdesign', zh: '集成电路设计', en: 'IC design' },
  { id: 'iiot', zh: '工业互联网', en: 'Industrial internet' },
  { id: 'fintech', zh: '金融科技', en: 'Fintech' },
  { id: 'smartcity', zh: '智慧城市', en: 'Smart city' },
  { id: 'ecommerce', zh: '电子商务', en: 'E-commerce' },
  { id: 'creative', zh: '数字创意', en: 'Digital creative' },
  { id: 'other', zh: '其他新兴业态', en: 'Other emerging formats' },
] as const;
export type SectorId = (typeof KEY_SECTORS)[number]['id'];

export function isSectorId(v: string): v is SectorId {
  return KEY_SECTORS.some((s) => s.id === v);
}
export function isCoreCategoryId(v: string): v is CoreCategoryId {
  return CORE_CATEGORIES.some((c) => c.id === v);
}

/**
 * Enterprise tiers by annual revenue. The thresholds follow the city plan's
 * targets (>50 亿元 and >10 亿元 firms); the lower tiers are this project's own
 * banding, and every per-tier count is modelled.
 */
export const ENTERPRISE_TIERS = [
  { id: 't50', zh: '营收 50 亿元以上', en: 'Revenue > 5 bn CNY' },
  { id: 't10', zh: '营收 10–50 亿元', en: 'Revenue 1–5 bn CNY' },
  { id: 't1', zh: '营收 1–10 亿元', en: 'Revenue 0.1–1 bn CNY' },
  { id: 't0', zh: '营收 1 亿元以下', en: 'Revenue < 0.1 bn CNY' },
] as const;
export type TierId = (typeof ENTERPRISE_TIERS)[number]['id'];

/**
 * A "六新" board. The documents name the 1+6 system and the six boards but never
 * list them, so a board is configuration: a name and its member sectors. The
 * shipped set is an editable example and says so on screen.
 */
export interface BoardDef {
  id: string;
  label: Label;
  sectors: SectorId[];
}

export interface BoardConfig {
  /** True for the shipped example; the wall prints "示例配置" while it is. */
  example: boolean;
  note: Label;
  boards: BoardDef[];
}

/**
 * Checks a board configuration: at most six boards, known sectors, and no sector
 * in two boards (otherwise board totals would double-count value added).
 */
export function validateBoards(cfg: BoardConfig): string[] {
  const errors: string[] = [];
  if (cfg.boards.length === 0) errors.push('no boards');
  if (cfg.boards.length > 6) errors.push(`at most 6 boards, got ${cfg.boards.length}`);
  const seen = new Map<string, string>();
  for (const b of cfg.boards) {
    if (!b.id || !b.label?.zh) errors.push(`board without id or zh label`);
    for (const s of b.sectors) {
      if (!isSectorId(s)) errors.push(`board ${b.id}: unknown sector ${s}`);
      const prev = seen.get(s);
      if (prev) errors.push(`sector ${s} is in both ${prev} and ${b.id}`);
      seen.set(s, b.id);
    }
  }
  return errors;
}
