import {
  CATALOGUE,
  currentPeriod,
  CONFIG_SLOT,
  CORE_CATEGORIES,
  ENTERPRISE_TIERS,
  KEY_SECTORS,
  statKey,
  type BoardConfig,
  type EnterpriseEntry,
  type Label,
  type StatScope,
  type StatValue,
  type WallConfigSlot,
  type WallExtensions,
} from '@futian/shared';
import { exactSum, reconcile, type SumCheck } from '../../../kit/widgets/sum-check/model';

type Stats = Readonly<Record<string, StatValue>> | undefined;

export interface PartVM {
  id: string;
  label: Label;
  value: number | null;
  stat: StatValue | null;
}

export interface BoardVM {
  id: string;
  label: Label;
  members: PartVM[];
  /** Sum of the member sectors, exact to the cent; null if one is missing. */
  value: number | null;
}

export interface StructureVM {
  /** The district total the parts must add up to (624.92, or a revision of it). */
  total: { value: number | null; stat: StatValue | null };
  categories: PartVM[];
  sectors: PartVM[];
  boards: BoardVM[];
  /** Sectors the board configuration leaves out; shown, so the board view still adds up. */
  unassigned: PartVM[];
  /** Null until the server has sent ext.config. */
  boardConfig: { example: boolean; note: Label } | null;
  checks: { categories: SumCheck; sectors: SumCheck; boards: SumCheck };
  /** True if any part is modelled or simulated: the tiles then say so. */
  partsSimulated: boolean;
  /** Where the parts came from as the server reports it (a source id or an upstream's name). */
  partsSources: string[];
  enterprises: EnterpriseVM;
  leaders: { entries: EnterpriseEntry[]; note: Label | null };
}

export interface EnterpriseVM {
  /** Latest quarter with a district count, e.g. '2021Q4'. */
  period: string | null;
  total: number | null;
  stat: StatValue | null;
  /** The same quarter a year earlier, for the year-on-year change. */
  yearAgo: number | null;
  tiers: PartVM[];
  check: SumCheck;
}

export const VA_ID = 'de.core.valueAdded';
export const ENT_ID = 'de.core.enterprises';

function get(stats: Stats, indicator: string, period: string, scope: StatScope = {}): StatValue | null {
  return stats?.[statKey(indicator, period, scope)] ?? null;
}

function part(stats: Stats, id: string, label: Label, period: string, scope: StatScope): PartVM {
  const stat = get(stats, VA_ID, period, scope);
  return { id, label, value: stat?.value ?? null, stat };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** ext is untyped on the wire; accept the config slot only when it has the shape the wall relies on. */
export function configOf(ext: WallExtensions | undefined): WallConfigSlot | null {
  const c = ext?.[CONFIG_SLOT];
  if (!isObject(c) || !isObject(c.boards) || !isObject(c.enterprises)) return null;
  if (!Array.isArray((c.boards as Partial<BoardConfig>).boards)) return null;
  if (!Array.isArray((c.enterprises as { enterprises?: unknown }).enterprises)) return null;
  return c as unknown as WallConfigSlot;
}

/** The newest quarter that has a district-level enterprise count. */
export function latestQuarter(stats: Stats, indicator: string): string | null {
  let best: string | null = null;
  for (const s of Object.values(stats ?? {})) {
    if (s.indicator !== indicator) continue;
    if (s.scope.subdistrict || s.scope.sector || s.scope.category || s.scope.tier) continue;
    if (!/^\d{4}Q[1-4]$/.test(s.period)) continue;
    if (best === null || s.period > best) best = s.period;
  }
  return best;
}

function yearBefore(quarter: string): string {
  return `${Number(quarter.slice(0, 4)) - 1}${quarter.slice(4)}`;
}

export function enterpriseVM(stats: Stats): EnterpriseVM {
  const period = latestQuarter(stats, ENT_ID);
  const stat = period ? get(stats, ENT_ID, period) : null;
  const tiers = ENTERPRISE_TIERS.map((t): PartVM => {
    const s = period ? get(stats, ENT_ID, period, { tier: t.id }) : null;
    return { id: t.id, label: { zh: t.zh, en: t.en }, value: s?.value ?? null, stat: s };
  });
  return {
    period,
    total: stat?.value ?? null,
    stat,
    yearAgo: period ? (get(stats, ENT_ID, yearBefore(period))?.value ?? null) : null,
    tiers,
    check: reconcile(
      tiers.map((t) => t.value),
      stat?.value ?? null,
      0,
    ),
  };
}

export function structureVM(stats: Stats, config: WallConfigSlot | null): StructureVM {
  // The latest year loaded (statistics staff may load 2022), else the document's 2021.
  const period = currentPeriod(stats, VA_ID) ?? '2021';
  const totalStat = get(stats, VA_ID, period);
  // Before the first snapshot the documented figure stands in, as on the overview.
  const total = totalStat?.value ?? CATALOGUE[VA_ID].value ?? null;

  const categories = CORE_CATEGORIES.map((c) =>
    part(stats, c.id, { zh: `${c.id} ${c.zh}`, en: `${c.id} ${c.en}` }, period, { category: c.id }),
  );
  const sectors = KEY_SECTORS.map((s) => part(stats, s.id, { zh: s.zh, en: s.en }, period, { sector: s.id }));
  const bySector = new Map(sectors.map((s) => [s.id, s]));

  const assigned = new Set<string>();
  const boards: BoardVM[] = (config?.boards.boards ?? []).map((b) => {
    const members = b.sectors.map((id) => bySector.get(id)).filter((p): p is PartVM => p !== undefined);
    for (const m of members) assigned.add(m.id);
    return { id: b.id, label: b.label, members, value: exactSum(members.map((m) => m.value)) };
  });
  const unassigned = config ? sectors.filter((s) => !assigned.has(s.id)) : [];

  const parts = [...categories, ...sectors];
  const sources = [...new Set(parts.flatMap((p) => (p.stat ? [p.stat.source] : [])))];
  // Modelled unless every part is a published figure: the catalogue knows of no source that splits 624.92.
  const partsSimulated = !parts.every((p) => p.stat !== null && !p.stat.simulated);

  return {
    total: { value: total, stat: totalStat },
    categories,
    sectors,
    boards,
    unassigned,
    boardConfig: config ? { example: config.boards.example, note: config.boards.note } : null,
    checks: {
      categories: reconcile(
        categories.map((c) => c.value),
        total,
      ),
      sectors: reconcile(
        sectors.map((s) => s.value),
        total,
      ),
      boards: config
        ? reconcile([...boards.map((b) => b.value), ...unassigned.map((s) => s.value)], total)
        : reconcile([], total),
    },
    partsSimulated,
    partsSources: sources,
    enterprises: enterpriseVM(stats),
    leaders: { entries: config?.enterprises.enterprises ?? [], note: config?.enterprises.note ?? null },
  };
}

/** Every check that holds, out of those that can be made; for the headline "分项对账 3/3 ✓". */
export function checkScore(vm: StructureVM): { ok: number; n: number } {
  const all = [vm.checks.categories, vm.checks.sectors, ...(vm.boardConfig ? [vm.checks.boards] : [])];
  return { ok: all.filter((c) => c.ok).length, n: all.length };
}
