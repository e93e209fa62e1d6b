import {
  CATALOGUE,
  feedFreshness,
  freshness,
  isSourceId,
  KINDS,
  SOURCES,
  type DeviceKind,
  type FeedInfo,
  type Label,
  type MetricDef,
  type MetricId,
  type SourceId,
  type StatValue,
} from '@futian/shared';
import { formatAge, formatPeriod } from '../format/format';
import type { Lang } from '../i18n';
import { translate } from '../i18n/strings';

declare const provenanceBrand: unique symbol;

export type SourceRef = { id: SourceId } | { raw: string };

/** One fleet a live figure is computed from: when it last reported and its device cadence. */
export interface FeedRef {
  readonly kind: DeviceKind;
  readonly lastReportAt: number | null;
  readonly cadenceMs: number;
}

/**
 * Everything a tile footer needs to say where a figure comes from. Branded, so the
 * only way to get one is provenanceOf(): a tile cannot be handed a figure whose
 * source and 口径 were made up at the call site.
 */
export interface Provenance {
  readonly primary: MetricDef;
  readonly metrics: readonly MetricId[];
  readonly sources: readonly SourceRef[];
  readonly refPeriod: Label;
  /** Realtime figures: the newest report of any of its feeds (server receive time). */
  readonly lastUpdate: number | null;
  /**
   * Realtime figures: each fleet the figure is computed from, judged on its own
   * cadence. Empty when the figure names no fleet (then the catalogue's stale-after applies).
   */
  readonly feeds: readonly FeedRef[];
  /** Statistics: the period the value belongs to. */
  readonly period: string | undefined;
  readonly simulated: boolean;
  /** 1 for the value as first published; each 应统尽统 revision adds one. */
  readonly revision: number;
  /** The note its publisher sent with the value (快报, 年报, why it was revised), or null. */
  readonly note: string | null;
  readonly [provenanceBrand]: true;
}

export interface ProvenanceOptions {
  /** Further catalogue figures shown in the same tile; their sources are listed too. */
  also?: readonly MetricId[];
  /**
   * The feed a figure is computed from, when it does not say which fleet that is:
   * only its 模拟 flag and last report count. Live figures name their fleets in `feeds`.
   */
  feed?: FeedInfo | null;
  /** Realtime figures: the fleets they are computed from; a missing FeedInfo (no snapshot yet) counts as never reported. */
  feeds?: ReadonlyArray<{ kind: DeviceKind; info: FeedInfo | null }>;
  /** Statistics: the server's current value (may be a revision). */
  stat?: StatValue | null;
}


function refKey(r: SourceRef): string {
  return 'id' in r ? r.id : `raw:${r.raw}`;
}

function feedKey(f: FeedRef): string {
  return `${f.kind}:${f.lastReportAt ?? '-'}:${f.cadenceMs}`;
}

/** Equal in everything a tile shows. */
export function sameProvenance(a: Provenance, b: Provenance): boolean {
  return (
    a.primary === b.primary &&
    a.lastUpdate === b.lastUpdate &&
    a.period === b.period &&
    a.simulated === b.simulated &&
    a.revision === b.revision &&
    a.note === b.note &&
    a.refPeriod.zh === b.refPeriod.zh &&
    a.refPeriod.en === b.refPeriod.en &&
    a.metrics.join() === b.metrics.join() &&
    a.sources.map(refKey).join() === b.sources.map(refKey).join() &&
    a.feeds.map(feedKey).join() === b.feeds.map(feedKey).join()
  );
}

/**
 * The last provenance handed out per figure (and its companions). View models are
 * recomputed on every delta, and a new provenance object, however equal, makes its
 * tile re-render: handing back the previous one when nothing changed keeps the
 * statistic tiles still. One entry per figure shown, so this stays small.
 */
const lastHandedOut = new Map<string, Provenance>();

export function provenanceOf(id: MetricId, opts: ProvenanceOptions = {}): Provenance {
  const next = buildProvenance(id, opts);
  const key = `${id}|${(opts.also ?? []).join()}|${(opts.feeds ?? []).map((f) => f.kind).join()}`;
  const prev = lastHandedOut.get(key);
  if (prev && sameProvenance(prev, next)) return prev;
  lastHandedOut.set(key, next);
  return next;
}

/**
 * The 口径 printed in the footer. The catalogue's text describes the document's
 * own value ("2021 年 · 年度", "季度 · 模拟（原文未公布）"); a value published since
 * by statistics staff, or for another period, is described by its own period,
 * so a real 2022 count never reads as 2021's, nor as 模拟.
 */
function ownBasis(primary: MetricDef, stat: StatValue | null): Label {
  if (!stat) return primary.refPeriod;
  const fromElsewhere = !isSourceId(stat.source) || (primary.period !== undefined && stat.period !== primary.period);
  if (!fromElsewhere) return primary.refPeriod;
  return { zh: formatPeriod(stat.period, primary.cadence, 'zh'), en: formatPeriod(stat.period, primary.cadence, 'en') };
}

function buildProvenance(id: MetricId, opts: ProvenanceOptions): Provenance {
  const primary = CATALOGUE[id];
  const also = opts.also ?? [];
  const stat = opts.stat ?? null;
  const refs: SourceRef[] = [];
  const seen = new Set<string>();
  const add = (r: SourceRef): void => {
    const k = refKey(r);
    if (!seen.has(k)) {
      seen.add(k);
      refs.push(r);
    }
  };
  // A value posted by an upstream after the catalogue was written names its own source.
  if (stat) add(isSourceId(stat.source) ? { id: stat.source } : { raw: stat.source });
  else add({ id: primary.source });
  for (const a of also) add({ id: CATALOGUE[a].source });

  const realtime = primary.cadence === 'realtime';
  const named = opts.feeds ?? [];
  const feeds: FeedRef[] = realtime
    ? named.map(({ kind, info }) => ({
        kind,
        lastReportAt: info?.lastReportAt ?? null,
        cadenceMs: info?.cadenceMs ?? KINDS[kind].cadenceMs,
      }))
    : [];
  let lastUpdate: number | null = null;
  if (realtime) {
    const times = feeds.length > 0 ? feeds.map((f) => f.lastReportAt) : [opts.feed?.lastReportAt ?? null];
    for (const t of times) if (t !== null && (lastUpdate === null || t > lastUpdate)) lastUpdate = t;
  }

  const simulated =
    refs.some((r) => 'id' in r && SOURCES[r.id].simulated) ||
    opts.feed?.simulated === true ||
    named.some((f) => f.info?.simulated === true) ||
    stat?.simulated === true;

  const p: Omit<Provenance, typeof provenanceBrand> = {
    primary,
    metrics: [id, ...also],
    sources: refs,
    refPeriod: ownBasis(primary, stat),
    lastUpdate,
    feeds,
    period: stat?.period ?? primary.period,
    simulated,
    revision: stat?.revision ?? 1,
    note: stat?.note ?? null,
  };
  // The brand exists only in the type system; this is the one place that may assert it.
  return p as Provenance;
}

export interface FooterModel {
  source: string;
  basis: string;
  /** Null when it would only repeat the basis ("2021 年 · 年度" twice). */
  freshness: string | null;
  /** The whole figure is stale: every feed it is computed from (or its period). */
  stale: boolean;
  /**
   * A figure combining several fleets of which some, not all, stopped: their
   * names ("充电桩"), for a mark that says which part is stale. Null otherwise.
   */
  staleParts: string | null;
  /** The stopped fleets' kinds ("pile"), space-separated, for data attributes; '' when none. */
  staleKinds: string;
  simulated: boolean;
  revision: string | null;
}

/**
 * What a live figure's age is read against. On a live wall the server's clock;
 * in a replay room the replay's own clock (the data time it has reached), so a
 * replay of last week reads "回放 · 3 秒前", not "实时 · 7 天前 · 待更新".
 */
export interface ReadClock {
  now: number;
  replay: boolean;
}

interface LiveRead {
  ageMs: number;
  stale: boolean;
  staleKinds: DeviceKind[];
}

/**
 * Each fleet is judged on its own cadence. The figure is stale only when all of
 * its fleets are; its age is that of the freshest fleet still reporting.
 */
function readFeeds(feeds: readonly FeedRef[], now: number): LiveRead {
  let freshAge = Number.POSITIVE_INFINITY;
  let anyAge = Number.POSITIVE_INFINITY;
  const staleKinds: DeviceKind[] = [];
  for (const f of feeds) {
    const r = feedFreshness(f.lastReportAt, f.cadenceMs, now);
    anyAge = Math.min(anyAge, r.ageMs);
    if (r.stale) staleKinds.push(f.kind);
    else freshAge = Math.min(freshAge, r.ageMs);
  }
  const stale = staleKinds.length === feeds.length;
  return { ageMs: stale ? anyAge : freshAge, stale, staleKinds };
}

export function footerModel(p: Provenance, clock: number | ReadClock, lang: Lang): FooterModel {
  const { now, replay } = typeof clock === 'number' ? { now: clock, replay: false } : clock;
  const basis = p.refPeriod[lang];
  let fresh: string | null;
  let stale: boolean;
  let staleKinds: DeviceKind[] = [];
  if (p.primary.cadence === 'realtime' && p.feeds.length > 0) {
    const r = readFeeds(p.feeds, now);
    fresh = translate(lang, replay ? 'fresh.replay' : 'fresh.live', { age: formatAge(r.ageMs, lang) });
    stale = r.stale;
    staleKinds = r.staleKinds;
  } else {
    const f = freshness(p.primary, now, p.lastUpdate, p.period);
    if (f.kind === 'live') fresh = translate(lang, replay ? 'fresh.replay' : 'fresh.live', { age: formatAge(f.ageMs, lang) });
    else fresh = f.period ? formatPeriod(f.period, f.cadence, lang) : null;
    stale = f.stale;
  }
  if (fresh === basis) fresh = null;
  const names = p.sources.map((r) => ('id' in r ? (lang === 'zh' ? SOURCES[r.id].shortZh : SOURCES[r.id].shortEn) : r.raw)).join(' · ');
  // The publisher's note travels with the source: who said it, and what they said about it.
  const source = p.note ? `${names} · ${p.note}` : names;
  const partial = !stale && staleKinds.length > 0;
  return {
    source,
    basis,
    freshness: fresh,
    stale,
    staleParts: partial ? staleKinds.map((k) => KINDS[k][lang]).join(lang === 'zh' ? '、' : ', ') : null,
    staleKinds: staleKinds.join(' '),
    simulated: p.simulated,
    revision: p.revision > 1 ? translate(lang, 'badge.rev', { n: p.revision }) : null,
  };
}
