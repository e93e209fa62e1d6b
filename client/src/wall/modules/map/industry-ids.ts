/**
 * The 产业地图's industry layers (issue #40), keys 5–9 after the four
 * infrastructure ones. Only these ids and their button names are in the wall's
 * first load: the layers' code is a lazy chunk (industry/), fetched when one is
 * first shown.
 */
export const INDUSTRY_LAYER_IDS = ['firms', 'subdistricts', 'places', 'boards', 'carriers'] as const;
export type IndustryLayerId = (typeof INDUSTRY_LAYER_IDS)[number];

export const INDUSTRY_LAYER_NAMES: Readonly<Record<IndustryLayerId, { zh: string; en: string }>> = {
  firms: { zh: '企业分布', en: 'Firms' },
  subdistricts: { zh: '街道产业', en: 'By sub-district' },
  places: { zh: '楼宇园区', en: 'Buildings & parks' },
  boards: { zh: '招商图谱', en: 'Investment map' },
  carriers: { zh: '创新载体', en: 'Innovation carriers' },
};
