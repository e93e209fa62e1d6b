import {
  CORE_CATEGORIES,
  ENTERPRISE_TIERS,
  KEY_SECTORS,
  SOURCES,
  statKey,
  SUBDISTRICTS,
  type IndustryRegistry,
  type Label,
  type PlaceKind,
  type PlaceStatus,
  type RegistryCarrier,
  type RegistryEnterprise,
  type RegistryPlace,
  type SectorId,
  type StatValue,
  type SubDistrict,
} from '@futian/shared';
import type { Lang } from '../../../../kit/i18n';

/** lng/lat → CSS px of the drawn map (the district map reports it once drawn). */
export interface Proj {
  sx: number;
  sy: number;
  tx: number;
  ty: number;
}

/** Twelve hues far enough apart on the wall's dark ground to tell apart across a room. */
export const SECTOR_COLOURS: Readonly<Record<SectorId, string>> = {
  bigdata: '#38bdf8',
  cloud: '#22d3ee',
  blockchain: '#a78bfa',
  infosec: '#f472b6',
  ai: '#facc15',
  icdesign: '#fb923c',
  iiot: '#4ade80',
  fintech: '#f87171',
  smartcity: '#2dd4bf',
  ecommerce: '#c084fc',
  creative: '#fda4af',
  other: '#94a3b8',
};
const BOARD_PALETTE = ['#38bdf8', '#a78bfa', '#facc15', '#4ade80', '#f87171', '#fda4af', '#2dd4bf', '#fb923c'];

/** What the points are coloured by and limited to. */
export type IndustryFilter = { by: 'sector' | 'board'; id: string | null };

export interface LegendItem {
  id: string;
  label: string;
  colour: string;
  count: number;
}

export const lab = (l: Label, lang: Lang): string => (lang === 'zh' ? l.zh : l.en);
export const sectorLabel = (id: SectorId, lang: Lang): string => {
  const s = KEY_SECTORS.find((k) => k.id === id);
  return s ? (lang === 'zh' ? s.zh : s.en) : id;
};

export function boardColour(reg: Pick<IndustryRegistry, 'boards'>, id: string | null): string {
  const i = reg.boards.boards.findIndex((b) => b.id === id);
  return i < 0 ? '#94a3b8' : BOARD_PALETTE[i % BOARD_PALETTE.length]!;
}

export function colourOf(e: RegistryEnterprise, filter: IndustryFilter, reg: Pick<IndustryRegistry, 'boards'>): string {
  return filter.by === 'board' ? boardColour(reg, e.board) : SECTOR_COLOURS[e.sector];
}

export function matches(e: RegistryEnterprise, filter: IndustryFilter): boolean {
  if (filter.id === null) return true;
  return filter.by === 'board' ? e.board === filter.id : e.sector === filter.id;
}

/** The legend (also the filter's buttons): every sector, or every board, with its count. */
export function legendOf(reg: IndustryRegistry, filter: IndustryFilter, lang: Lang): LegendItem[] {
  if (filter.by === 'board') {
    return reg.boards.boards.map((b) => ({
      id: b.id,
      label: lab(b.label, lang),
      colour: boardColour(reg, b.id),
      count: reg.enterprises.filter((e) => e.board === b.id).length,
    }));
  }
  const n = new Map<string, number>();
  for (const e of reg.enterprises) n.set(e.sector, (n.get(e.sector) ?? 0) + 1);
  return KEY_SECTORS.map((s) => ({ id: s.id, label: lang === 'zh' ? s.zh : s.en, colour: SECTOR_COLOURS[s.id], count: n.get(s.id) ?? 0 }));
}

export interface PointIn<T> {
  item: T;
  lng: number;
  lat: number;
  colour: string;
}

export interface Cluster<T> {
  id: string;
  x: number;
  y: number;
  items: T[];
  /** The most frequent colour among its items (the marker's fill). */
  colour: string;
  /** Items drawn as a separate mark inside the cluster (named ones: never folded away). */
  named: number;
}

/**
 * Greedy clustering by screen distance: each point joins the first cluster whose
 * centre is within `radiusPx`, else starts one. Grid-bucketed, so a few thousand
 * points cost a few milliseconds; recomputed when the projection or size changes,
 * not per frame. Points outside the plot are dropped.
 */
export function clusterPoints<T extends { id: string; named: boolean }>(
  points: ReadonlyArray<PointIn<T>>,
  proj: Proj,
  radiusPx: number,
  bounds: { width: number; height: number },
): Cluster<T>[] {
  const cell = Math.max(1, radiusPx);
  type Acc = Cluster<T> & { sx: number; sy: number; mx: number; my: number; colours: Map<string, number> };
  const grid = new Map<string, Acc[]>();
  const out: Acc[] = [];
  for (const p of points) {
    const x = proj.sx * p.lng + proj.tx;
    const y = proj.sy * p.lat + proj.ty;
    if (!Number.isFinite(x) || !Number.isFinite(y) || x < 0 || y < 0 || x > bounds.width || y > bounds.height) continue;
    const gx = Math.floor(x / cell);
    const gy = Math.floor(y / cell);
    let host: Acc | undefined;
    search: for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const c of grid.get(`${gx + dx},${gy + dy}`) ?? []) {
          if (Math.hypot(c.sx - x, c.sy - y) <= radiusPx) {
            host = c;
            break search;
          }
        }
      }
    }
    if (!host) {
      host = { id: `k${out.length}`, x, y, sx: x, sy: y, mx: 0, my: 0, items: [], colour: p.colour, named: 0, colours: new Map() };
      out.push(host);
      const key = `${gx},${gy}`;
      grid.set(key, [...(grid.get(key) ?? []), host]);
    }
    host.items.push(p.item);
    host.mx += x;
    host.my += y;
    if (p.item.named) host.named++;
    host.colours.set(p.colour, (host.colours.get(p.colour) ?? 0) + 1);
  }
  return out.map((c) => {
    let best = c.colour;
    let n = -1;
    for (const [col, k] of c.colours) if (k > n) [best, n] = [col, k];
    // Drawn at the members' mean position: the cluster sits where its firms are.
    const n0 = c.items.length;
    return { id: c.id, x: Math.round(c.mx / n0), y: Math.round(c.my / n0), items: c.items, colour: best, named: c.named };
  });
}

/** Firms with a position, filtered, as points for clusterPoints. */
export function firmPoints(reg: IndustryRegistry, filter: IndustryFilter): PointIn<RegistryEnterprise>[] {
  const out: PointIn<RegistryEnterprise>[] = [];
  for (const e of reg.enterprises) {
    if (!e.pos || !matches(e, filter)) continue;
    out.push({ item: e, lng: e.pos.lng, lat: e.pos.lat, colour: colourOf(e, filter, reg) });
  }
  return out;
}

/** A sub-district's value on the choropleth, with what it is. */
export interface RegionFigure {
  sd: SubDistrict;
  value: number | null;
  firms: number;
}

export interface Choropleth {
  /** 'va': modelled value added from the wall's statistics; 'density': registry firms per km² (模拟). */
  basis: 'va' | 'density';
  rows: RegionFigure[];
  stat: StatValue | null;
  /** The year of the value added shown ('va' only): the latest loaded by sub-district. */
  year: string | null;
}

/**
 * Value added by sub-district where the wall's statistics carry it (scope
 * subdistrict), else the registry's firm density per km² of the polygon.
 */
export function choropleth(reg: IndustryRegistry, stats: Readonly<Record<string, StatValue>> | undefined, wanted?: string): Choropleth {
  // The latest year with value added by sub-district takes over, as elsewhere on the wall (issue #40).
  let year = wanted ?? '2021';
  if (!wanted) {
    for (const v of Object.values(stats ?? {})) {
      if (v.indicator === 'de.core.valueAdded' && v.scope.subdistrict && /^\d{4}$/.test(v.period) && v.period > year) year = v.period;
    }
  }
  const firms = new Map<string, number>();
  for (const e of reg.enterprises) if (e.subdistrict) firms.set(e.subdistrict, (firms.get(e.subdistrict) ?? 0) + 1);
  const va = SUBDISTRICTS.map((sd) => stats?.[statKey('de.core.valueAdded', year, { subdistrict: sd.adcode })] ?? null);
  if (va.some((v) => v !== null)) {
    return {
      basis: 'va',
      rows: SUBDISTRICTS.map((sd, i) => ({ sd, value: va[i]?.value ?? null, firms: firms.get(sd.adcode) ?? 0 })),
      stat: va.find((v) => v !== null) ?? null,
      year,
    };
  }
  return {
    basis: 'density',
    rows: SUBDISTRICTS.map((sd) => ({ sd, value: (firms.get(sd.adcode) ?? 0) / sd.areaKm2, firms: firms.get(sd.adcode) ?? 0 })),
    stat: null,
    year: null,
  };
}

/**
 * 招商图谱: each board's leading firms. The ones the letter names come first
 * (原文点名), then simulated firms of the top revenue bands, largest first.
 */
export function leadingByBoard(reg: IndustryRegistry, perBoard = 6): Array<{ board: IndustryRegistry['boards']['boards'][number]; firms: RegistryEnterprise[] }> {
  const rank = (e: RegistryEnterprise): number => (e.named ? -1 : ENTERPRISE_TIERS.findIndex((t) => t.id === e.tier));
  return reg.boards.boards.map((board) => ({
    board,
    firms: reg.enterprises
      .filter((e) => e.board === board.id && (e.named || e.tier === 't50' || e.tier === 't10'))
      .sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id))
      .slice(0, perBoard),
  }));
}

// ---- Cards: what a clicked thing is, where, its source and 口径 marks ----

export type Mark = 'named' | 'sim' | 'approx' | 'example' | 'model';
export interface Card {
  kind: 'firm' | 'place' | 'carrier' | 'subdistrict' | 'cluster';
  id: string;
  title: string;
  rows: Array<{ k: string; v: string }>;
  source: string;
  marks: Mark[];
  items?: string[];
}

type Str = (zh: string, en: string) => string;
const str = (lang: Lang): Str => (zh, en) => (lang === 'zh' ? zh : en);
const sdName = (adcode: string | null, lang: Lang): string => {
  const sd = SUBDISTRICTS.find((s) => s.adcode === adcode);
  return sd ? (lang === 'zh' ? sd.zh : sd.en) : lang === 'zh' ? '原文未说明' : 'not given by the letter';
};
const sourceText = (named: boolean, lang: Lang): string =>
  named ? (lang === 'zh' ? SOURCES.F.shortZh : SOURCES.F.shortEn) : lang === 'zh' ? '模拟生成（固定种子）' : 'Simulated (fixed seed)';
function marksOf(e: { named: boolean; source?: string; pos: { given?: boolean } | null }, extra: Mark[] = []): Mark[] {
  // A published list's firm is neither 模拟 nor 近似 where the unit gave its coordinates.
  return [...(e.named ? (['named'] as Mark[]) : e.source === 'unit' ? [] : (['sim'] as Mark[])), ...(e.pos && !e.pos.given ? (['approx'] as Mark[]) : []), ...extra];
}
/** A firm's source: the letter, the unit whose enterprise list carries it, or the seed. */
function firmSource(e: RegistryEnterprise, lang: Lang): string {
  const list = e.unit ? (lang === 'zh' ? `${e.unit}（企业名录）` : `${e.unit} (enterprise list)`) : null;
  if (e.source === 'unit' && list) return list;
  return list ? `${sourceText(e.named, lang)} · ${list}` : sourceText(e.named, lang);
}

export function firmCard(e: RegistryEnterprise, reg: IndustryRegistry, lang: Lang): Card {
  const s = str(lang);
  const cat = CORE_CATEGORIES.find((c) => c.id === e.category);
  const tier = ENTERPRISE_TIERS.find((t) => t.id === e.tier);
  const board = reg.boards.boards.find((b) => b.id === e.board);
  const place = reg.places.find((p) => p.id === e.place);
  const rows = [
    { k: s('行业', 'Sector'), v: sectorLabel(e.sector, lang) },
    { k: s('门类', 'Category'), v: cat ? `${cat.id} ${lang === 'zh' ? cat.zh : cat.en}` : e.category },
    { k: s('板块', 'Board'), v: board ? `${lab(board.label, lang)}${reg.boards.example ? s('（示例配置）', ' (example)') : ''}` : '—' },
    { k: s('规模', 'Size'), v: tier ? (lang === 'zh' ? tier.zh : tier.en) : s('原文未公布', 'not published') },
    { k: s('街道', 'Sub-district'), v: sdName(e.subdistrict, lang) },
    ...(place ? [{ k: s('楼宇园区', 'Building / park'), v: lab(place.name, lang) }] : []),
    { k: s('位置', 'Position'), v: e.pos ? lab(e.pos.placedBy, lang) : s('原文未说明位置，不上图', 'not given by the letter; not drawn') },
    ...(e.since ? [{ k: s(e.named ? '引进年份' : '成立年份', e.named ? 'Introduced' : 'Founded'), v: String(e.since) }] : []),
    ...(e.role ? [{ k: s('原文所述', 'In the letter'), v: lab(e.role, lang) }] : []),
    ...(e.classifiedBy ? [{ k: s('归类', 'Classified by'), v: lab(e.classifiedBy, lang) }] : []),
    ...(e.note ? [{ k: s('名录备注', 'List note'), v: e.note }] : []),
  ];
  return { kind: 'firm', id: e.id, title: lab(e.name, lang), rows, source: firmSource(e, lang), marks: marksOf(e, board && reg.boards.example ? ['example'] : []) };
}

export const PLACE_KIND_NAMES: Readonly<Record<PlaceKind, Label>> = {
  park: { zh: '产业园区', en: 'Industrial park' },
  'creative-park': { zh: '文化创意产业园', en: 'Creative park' },
  'unmanned-factory': { zh: '无人工厂载体', en: 'Unmanned-factory site' },
  building: { zh: '产业楼宇', en: 'Office building' },
  'digital-building': { zh: '数字经济专业楼宇', en: 'Digital-economy building' },
  incubator: { zh: '孵化器', en: 'Incubator' },
};
export const PLACE_STATUS_NAMES: Readonly<Record<PlaceStatus, Label>> = {
  operating: { zh: '运营中', en: 'Operating' },
  renewing: { zh: '更新改造中', en: 'Being renewed' },
  planned: { zh: '推进建设', en: 'Planned' },
};

export function outputText(p: RegistryPlace, lang: Lang): string {
  if (!p.output) return lang === 'zh' ? '未公布' : 'not published';
  return lang === 'zh' ? `约 ${p.output.value} 亿元/年（${p.output.note.zh}）` : `≈ CNY ${p.output.value / 10} bn a year (${p.output.note.en})`;
}

export function placeCard(p: RegistryPlace, lang: Lang): Card {
  const s = str(lang);
  return {
    kind: 'place',
    id: p.id,
    title: lab(p.name, lang),
    rows: [
      { k: s('类型', 'Kind'), v: lab(PLACE_KIND_NAMES[p.kind], lang) },
      { k: s('状态', 'Status'), v: lab(PLACE_STATUS_NAMES[p.status], lang) },
      { k: s('预计产值', 'Expected output'), v: outputText(p, lang) },
      { k: s('在册企业', 'Registry firms'), v: `${p.enterprises}${p.named ? '' : s('（模拟）', ' (simulated)')}` },
      { k: s('街道', 'Sub-district'), v: sdName(p.subdistrict, lang) },
      { k: s('位置', 'Position'), v: p.pos ? lab(p.pos.placedBy, lang) : s('原文未说明位置，不上图', 'not given by the letter; not drawn') },
      ...(p.role ? [{ k: s('原文所述', 'In the letter'), v: lab(p.role, lang) }] : []),
    ],
    source: sourceText(p.named, lang),
    marks: marksOf(p),
  };
}

export function carrierCard(c: RegistryCarrier, lang: Lang): Card {
  const s = str(lang);
  return {
    kind: 'carrier',
    id: c.id,
    title: lab(c.name, lang),
    rows: [
      { k: s('级别', 'Level'), v: lab(c.level, lang) },
      { k: s('街道', 'Sub-district'), v: sdName(c.subdistrict, lang) },
      { k: s('位置', 'Position'), v: c.pos ? lab(c.pos.placedBy, lang) : s('原文未说明位置，不上图', 'not given by the letter; not drawn') },
      ...(c.role ? [{ k: s('原文所述', 'In the letter'), v: lab(c.role, lang) }] : []),
    ],
    source: sourceText(c.named, lang),
    marks: marksOf(c),
  };
}

export function subdistrictCard(row: RegionFigure, ch: Choropleth, reg: IndustryRegistry, lang: Lang): Card {
  const s = str(lang);
  const places = reg.places.filter((p) => p.subdistrict === row.sd.adcode);
  const value =
    row.value === null
      ? '—'
      : ch.basis === 'va'
        ? `${row.value.toFixed(2)} ${s('亿元', '亿元 (CNY 100 m)')}`
        : `${row.value.toFixed(1)} ${s('家/km²', 'firms/km²')}`;
  return {
    kind: 'subdistrict',
    id: row.sd.adcode,
    title: lang === 'zh' ? row.sd.zh : row.sd.en,
    rows: [
      { k: ch.basis === 'va' ? s(`核心产业增加值 ${ch.year ?? ''}`, `Core value added ${ch.year ?? ''}`) : s('企业密度', 'Firm density'), v: value },
      // With a published list in force the firms are that unit's, not simulated ones.
      { k: s('在册企业', 'Registry firms'), v: `${row.firms}${reg.revision ? s(`（${reg.revision.unit}名录）`, ` (${reg.revision.unit} list)`) : s('（含模拟）', ' (incl. simulated)')}` },
      { k: s('楼宇园区', 'Buildings & parks'), v: String(places.length) },
      { k: s('面积', 'Area'), v: `${row.sd.areaKm2} km²${s('（边界多边形）', ' (boundary polygon)')}` },
    ],
    source:
      ch.basis === 'va'
        ? s('统计模型（模拟，原文未分街道公布）', 'Statistics model (simulated; not published by sub-district)')
        : reg.revision
          ? s(`${reg.revision.unit} 企业名录`, `${reg.revision.unit} firm list`)
          : s('企业登记表（模拟）', 'Firm registry (simulated)'),
    marks: ch.basis === 'va' || !reg.revision ? ['model', 'sim'] : [],
  };
}

export function clusterCard<T extends { name: Label; named: boolean; sector?: SectorId; source?: string; unit?: string }>(id: string, items: readonly T[], lang: Lang): Card {
  const s = str(lang);
  const named = items.filter((i) => i.named);
  const listed = items.filter((i) => !i.named && i.source === 'unit');
  const simulated = items.length - named.length - listed.length;
  const unit = listed[0]?.unit;
  const bySector = new Map<string, number>();
  for (const i of items) if (i.sector) bySector.set(i.sector, (bySector.get(i.sector) ?? 0) + 1);
  const top = [...bySector.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4);
  return {
    kind: 'cluster',
    id,
    title: s(`此处 ${items.length} 家`, `${items.length} here`),
    rows: [
      { k: s('原文点名', 'Named in the letter'), v: String(named.length) },
      ...(listed.length > 0 ? [{ k: s('企业名录', 'Enterprise list'), v: String(listed.length) }] : []),
      ...(simulated > 0 ? [{ k: s('模拟', 'Simulated'), v: String(simulated) }] : []),
      ...top.map(([sec, n]) => ({ k: sectorLabel(sec as SectorId, lang), v: String(n) })),
    ],
    source: [
      ...(named.length > 0 ? [sourceText(true, lang)] : []),
      ...(unit ? [lang === 'zh' ? `${unit}（企业名录）` : `${unit} (enterprise list)`] : []),
      ...(simulated > 0 ? [sourceText(false, lang)] : []),
    ].join(' · '),
    marks: [...(named.length > 0 ? (['named'] as Mark[]) : []), ...(simulated > 0 ? (['sim'] as Mark[]) : []), 'approx'],
    items: [...named, ...items.filter((i) => !i.named)].slice(0, 8).map((i) => lab(i.name, lang)),
  };
}
