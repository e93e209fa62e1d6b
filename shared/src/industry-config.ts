import { z } from 'zod';
import { CORE_CATEGORIES, ENTERPRISE_TIERS, KEY_SECTORS, type CoreCategoryId, type SectorId, type TierId } from './industry.js';
import { PLACE_KINDS, PLACE_STATUSES } from './industry-registry.js';

/**
 * The industry registry's configuration files, as zod schemas: server-side
 * only. Kept out of industry-registry.ts, which the wall's industry view
 * imports: zod in a wall chunk would break the budget and its CSP (zod builds
 * validators with new Function).
 */
// ---- Configuration files (config/industry/*.json) ----

const LabelSchema = z.object({ zh: z.string().min(1).max(200), en: z.string().min(1).max(300) });
const SectorSchema = z.enum(KEY_SECTORS.map((s) => s.id) as [SectorId, ...SectorId[]]);
const CategorySchema = z.enum(CORE_CATEGORIES.map((c) => c.id) as [CoreCategoryId, ...CoreCategoryId[]]);
const TierSchema = z.enum(ENTERPRISE_TIERS.map((t) => t.id) as [TierId, ...TierId[]]);
const AdcodeSchema = z.string().regex(/^440304\d{3}$/);
const IdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);

/**
 * Where a named entry is put: next to a point of the parks file (by its name), or
 * at a sub-district's label point; neither when the letter does not say where.
 */
const AnchorSchema = z
  .object({ park: z.string().min(1).optional(), subdistrict: AdcodeSchema.optional() })
  .strict();

export const NamedPlaceSchema = z
  .object({
    id: IdSchema,
    name: LabelSchema,
    kind: z.enum(PLACE_KINDS),
    status: z.enum(PLACE_STATUSES),
    anchor: AnchorSchema.optional(),
    output: z.object({ value: z.number().positive(), note: LabelSchema }).strict().optional(),
    role: LabelSchema,
  })
  .strict();

export const NamedEnterpriseSchema = z
  .object({
    id: IdSchema,
    name: LabelSchema,
    sector: SectorSchema,
    category: CategorySchema,
    place: IdSchema.optional(),
    anchor: AnchorSchema.optional(),
    since: z.number().int().min(1950).max(2100).optional(),
    role: LabelSchema,
  })
  .strict();

export const NamedCarrierSchema = z
  .object({ id: IdSchema, name: LabelSchema, level: LabelSchema, anchor: AnchorSchema.optional(), role: LabelSchema })
  .strict();

export const SimulationSchema = z
  .object({
    seed: z.number().int().nonnegative(),
    /** Simulated firms in all; the statistics model's district count is the yardstick. */
    enterprises: z.number().int().min(0).max(20_000),
    /** Simulated 数字经济专业楼宇 to spread them over. */
    buildings: z.number().int().min(0).max(500),
    /** Weights by sector and by sub-district (normalised when used). */
    sectorWeights: z.partialRecord(SectorSchema, z.number().nonnegative()),
    subdistrictWeights: z.record(AdcodeSchema, z.number().nonnegative()),
    /** Share of firms in each tier, t50 first. */
    tierShares: z.partialRecord(TierSchema, z.number().nonnegative()),
    note: LabelSchema,
  })
  .strict();

export const IndustryConfigSchema = z
  .object({
    places: z.array(NamedPlaceSchema).max(500),
    enterprises: z.array(NamedEnterpriseSchema).max(2_000),
    carriers: z.object({ total: z.number().int().min(0).max(10_000), note: LabelSchema, named: z.array(NamedCarrierSchema).max(500) }).strict(),
    simulation: SimulationSchema,
  })
  .strict();
export type IndustryConfig = z.infer<typeof IndustryConfigSchema>;
