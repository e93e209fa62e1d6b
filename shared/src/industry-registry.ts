import type { Label } from './catalogue.js';
import { KEY_SECTORS, type BoardConfig, type CoreCategoryId, type SectorId, type TierId } from './industry.js';

/**
 * The industry registry behind the 产业地图's industry layers: enterprises, the
 * buildings and parks that carry them, and innovation carriers (issue #40).
 *
 * Two kinds of entry, never mixed up on screen:
 * - 原文点名 (`named: true`, source 'F'): a firm, park or carrier the reply letter
 *   names, with what it says of it and nothing more;
 * - 模拟 (`named: false`, source 'sim'): generated from a fixed seed, with a label
 *   ("模拟企业 · 云计算 017") that cannot pass for a real name.
 * Every position is 近似: the letter gives no coordinates, so a named entry sits
 * near the centre of the park or sub-district it is tied to (`placedBy` says which),
 * and one the letter ties to no place has no position at all (`pos: null`).
 *
 * A third kind replaces the simulated firms once statistics staff publish an
 * enterprise list from the console (`source: 'unit'`, `unit` naming who): its
 * positions are the unit's own (`pos.given`), not 近似. A real list and
 * simulated firms are never served together.
 */

export const PLACE_KINDS = ['park', 'creative-park', 'unmanned-factory', 'building', 'digital-building', 'incubator'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
export const PLACE_STATUSES = ['operating', 'renewing', 'planned'] as const;
export type PlaceStatus = (typeof PLACE_STATUSES)[number];

/** An approximate position and how it was chosen. */
export interface ApproxPos {
  lng: number;
  lat: number;
  /** What the point was placed by, e.g. "八卦岭工业区 点位附近" or "梅林街道 范围内随机（模拟）". */
  placedBy: Label;
  /** The uploading unit supplied the point: shown as given by it, not 近似. */
  given?: boolean;
}

/** Where an entry comes from: the reply letter (F), or generated (sim). */
export type RegistrySource = 'F' | 'sim' | 'unit';

export interface RegistryEnterprise {
  id: string;
  name: Label;
  sector: SectorId;
  category: CoreCategoryId;
  /** Board id from config/boards.json (derived from the sector), or null if no board holds the sector. */
  board: string | null;
  /** Revenue band; null for a named firm (the letter gives no revenue). */
  tier: TierId | null;
  /** Sub-district adcode, or null when the letter does not place the firm. */
  subdistrict: string | null;
  /** The building or park it sits in (a RegistryPlace id). */
  place: string | null;
  pos: ApproxPos | null;
  /** Year founded or introduced (simulated entries: simulated). */
  since: number | null;
  named: boolean;
  source: RegistrySource;
  /** For named firms: what the letter says of it. */
  role?: Label;
  /** Named firms: their sector and category are this project's classification (configuration), not the letter's. */
  classifiedBy?: Label;
  /** The unit whose published enterprise list carries this firm (source 'unit', or a named firm the list also has). */
  unit?: string;
  /** The list's note for this firm. */
  note?: string;
}

export interface PlaceOutput {
  /** 亿元 per year. */
  value: number;
  source: 'F';
  note: Label;
}

export interface RegistryPlace {
  id: string;
  name: Label;
  kind: PlaceKind;
  subdistrict: string | null;
  pos: ApproxPos | null;
  status: PlaceStatus;
  /** Published expected output only; null when none is published. */
  output: PlaceOutput | null;
  named: boolean;
  source: RegistrySource;
  role?: Label;
  /** Registry enterprises in it (named and simulated). */
  enterprises: number;
}

export interface RegistryCarrier {
  id: string;
  name: Label;
  /** e.g. 市级重大平台 (letter), or 模拟 for generated ones. */
  level: Label;
  subdistrict: string | null;
  pos: ApproxPos | null;
  named: boolean;
  source: RegistrySource;
  role?: Label;
}

export interface IndustryRegistry {
  /** The generator's seed: the same seed and config give the same registry. */
  seed: number;
  boards: BoardConfig;
  enterprises: RegistryEnterprise[];
  places: RegistryPlace[];
  carriers: RegistryCarrier[];
  /** Totals the letter publishes, with their source. */
  published: { carriers: { value: number; source: 'F'; note: Label } };
  notes: Label[];
  /** The published enterprise list in force (console upload), or absent/null for configuration and seed only. */
  revision?: IndustryRevision | null;
}

export interface IndustryRevision {
  batch: number;
  unit: string;
  note: string;
  at: number;
  firms: number;
}

/** The wall's registry-version slot (snapshot.ext.industry): a change tells open industry views to fetch again. */
export const INDUSTRY_SLOT = 'industry';
export interface IndustrySlot {
  /** 'config' or the batch id in force. */
  version: string;
}

/** One firm of an uploaded enterprise list, as checked and stored. */
export interface UploadedEnterprise {
  name: string;
  sector: SectorId;
  category: CoreCategoryId;
  board: string | null;
  tier: TierId | null;
  subdistrict: string;
  building: string | null;
  lng: number | null;
  lat: number | null;
  since: number | null;
  note: string | null;
}

export interface EnterprisePreviewRow {
  line: number;
  status: 'ok' | 'error';
  errors: string[];
  entry: UploadedEnterprise | null;
  /** The reply letter names a firm of this name: it stays 原文点名. */
  named: boolean;
}

export interface EnterprisePreview {
  id: string;
  fileName: string;
  sha256: string;
  format: 'xlsx' | 'csv';
  createdAt: number;
  expiresAt: number;
  rows: EnterprisePreviewRow[];
  counts: { ok: number; error: number };
  /** Firms the registry has now that are not simulated, and how many simulated ones publishing replaces. */
  replaces: { simulated: number; uploaded: number };
}


/** The generated label of a simulated firm: "模拟企业 · 云计算 017" / "Simulated firm · Cloud computing 017". */
export function simulatedFirmName(sector: SectorId, n: number): Label {
  const s = KEY_SECTORS.find((k) => k.id === sector)!;
  const num = String(n).padStart(3, '0');
  return { zh: `模拟企业 · ${s.zh} ${num}`, en: `Simulated firm · ${s.en} ${num}` };
}
