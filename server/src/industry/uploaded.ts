import {
  SUBDISTRICTS,
  type ApproxPos,
  type BoardConfig,
  type IndustryRegistry,
  type IndustryRevision,
  type RegistryEnterprise,
  type SectorId,
  type UploadedEnterprise,
} from '@futian/shared';
import type { ParkAnchor } from './generate.js';

export interface UploadedList {
  revision: IndustryRevision;
  entries: readonly UploadedEnterprise[];
}

const round = (v: number): number => Math.round(v * 1e6) / 1e6;

/** The key two spellings of one firm share: trimmed, inner spaces and width differences ignored. */
export const nameKey = (name: string): string => name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/**
 * The registry with a published enterprise list in force: the list REPLACES
 * the simulated firms (and the simulated buildings that only held them), so a
 * real list and simulated points are never drawn together. The letter's named
 * firms stay 原文点名; one the list also has takes the list's data and names
 * the unit. Positions the unit gives are shown as given (not 近似); a firm
 * without coordinates is placed by the rule named firms follow: at the named
 * building or park it gives, else near its sub-district's centre (近似).
 * Simulated innovation carriers are a separate layer and stay (marked 模拟).
 */
export function withUploadedList(base: IndustryRegistry, list: UploadedList, ctx: { parks: readonly ParkAnchor[]; boards: BoardConfig }): IndustryRegistry {
  const { unit } = list.revision;
  const parkBy = new Map(ctx.parks.map((p) => [p.name, p]));
  const places = base.places.filter((p) => p.named).map((p) => ({ ...p, enterprises: 0 }));
  const placeByName = new Map(places.map((p) => [nameKey(p.name.zh), p]));
  const boardOf = new Map<SectorId, string>();
  for (const b of ctx.boards.boards) for (const s of b.sectors) boardOf.set(s, b.id);

  let spread = 0;
  const place = (e: UploadedEnterprise): { pos: ApproxPos | null; place: string | null } => {
    const building = e.building ? placeByName.get(nameKey(e.building)) : undefined;
    if (e.lng !== null && e.lat !== null) {
      return { pos: { lng: e.lng, lat: e.lat, placedBy: { zh: `${unit}提供的坐标`, en: `Coordinates supplied by ${unit}` }, given: true }, place: building?.id ?? null };
    }
    // Firms sharing an anchor are spread a few tens of metres, as named firms are.
    const k = spread++;
    const dx = ((k % 3) - 1) * 0.0006;
    const dy = (Math.floor(k / 3) % 3 - 1) * 0.0005;
    if (building?.pos) return { pos: { ...building.pos, given: false }, place: building.id };
    const park = e.building ? parkBy.get(e.building.trim()) : undefined;
    if (park) {
      return { pos: { lng: round(park.lng + dx), lat: round(park.lat + dy), placedBy: { zh: `置于“${park.name}”点位附近（近似）`, en: `Placed near the "${park.name}" point (approximate)` } }, place: building?.id ?? null };
    }
    const sd = SUBDISTRICTS.find((s) => s.adcode === e.subdistrict);
    if (!sd) return { pos: null, place: building?.id ?? null };
    return { pos: { lng: round(sd.cp[0] + dx), lat: round(sd.cp[1] + dy), placedBy: { zh: `置于${sd.zh}中心附近（近似）`, en: `Placed near the centre of ${sd.en} (approximate)` } }, place: building?.id ?? null };
  };
  const fromList = (e: UploadedEnterprise): Omit<RegistryEnterprise, 'id' | 'name' | 'named' | 'source'> => {
    const at = place(e);
    return {
      sector: e.sector,
      category: e.category,
      board: e.board ?? boardOf.get(e.sector) ?? null,
      tier: e.tier,
      subdistrict: e.subdistrict,
      place: at.place,
      pos: at.pos,
      since: e.since,
      unit,
      ...(e.note ? { note: e.note } : {}),
    };
  };

  const listed = new Map(list.entries.map((e) => [nameKey(e.name), e]));
  const enterprises: RegistryEnterprise[] = [];
  for (const n of base.enterprises) {
    if (!n.named) continue;
    const e = listed.get(nameKey(n.name.zh));
    if (!e) {
      enterprises.push(n);
      continue;
    }
    listed.delete(nameKey(n.name.zh));
    enterprises.push({
      ...n,
      ...fromList(e),
      classifiedBy: { zh: `行业、门类与位置由${unit}的企业名录提供`, en: `Sector, category and position from ${unit}'s enterprise list` },
    });
  }
  let i = 0;
  for (const e of list.entries) {
    if (!listed.has(nameKey(e.name))) continue;
    enterprises.push({ id: `u${list.revision.batch}-${String(++i).padStart(4, '0')}`, name: { zh: e.name, en: e.name }, named: false, source: 'unit', ...fromList(e) });
  }
  const placeById = new Map(places.map((p) => [p.id, p]));
  for (const e of enterprises) if (e.place) placeById.get(e.place)!.enterprises++;
  const when = new Date(list.revision.at + 8 * 3_600_000).toISOString().slice(0, 10);
  return {
    ...base,
    enterprises,
    places: [...places, ...base.places.filter((p) => !p.named && p.kind !== 'digital-building')],
    notes: [
      { zh: `企业名录：${unit}于 ${when} 发布（批次 #${list.revision.batch}，${list.revision.note}），取代模拟企业；原文点名企业仍标注原文点名`, en: `Enterprise list published by ${unit} on ${when} (batch #${list.revision.batch}, ${list.revision.note}); it replaces the simulated firms; firms the letter names stay marked as named` },
      ...base.notes.slice(1),
    ],
    revision: list.revision,
  };
}

/** Futian's bounding box from the sub-district outlines: uploaded coordinates must fall inside it. */
export function bboxOfOutlines(outlines: ReadonlyArray<{ rings: ReadonlyArray<ReadonlyArray<readonly [number, number]>> }>): { west: number; east: number; south: number; north: number } {
  const pts = outlines.flatMap((o) => o.rings.flat());
  return {
    west: Math.min(...pts.map((p) => p[0])),
    east: Math.max(...pts.map((p) => p[0])),
    south: Math.min(...pts.map((p) => p[1])),
    north: Math.max(...pts.map((p) => p[1])),
  };
}

