import {
  CATALOGUE,
  freshness,
  SOURCES,
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
  /** Realtime figures: server receive time of the last report. */
  readonly lastUpdate: number | null;
  /** Statistics: the period the value belongs to. */
  readonly period: string | undefined;
  readonly simulated: boolean;
  /** 1 for the value as first published; each 应统尽统 revision adds one. */
  readonly revision: number;
  readonly [provenanceBrand]: true;
}

export interface ProvenanceOptions {
  /** Further catalogue figures shown in the same tile; their sources are listed too. */
  also?: readonly MetricId[];
  /** Realtime figures: the feed of the device kind they are computed from. */
  feed?: FeedInfo | null;
  /** Statistics: the server's current value (may be a revision). */
  stat?: StatValue | null;
}

function isSourceId(v: string): v is SourceId {
  return Object.prototype.hasOwnProperty.call(SOURCES, v);
}

function refKey(r: SourceRef): string {
  return 'id' in r ? r.id : `raw:${r.raw}`;
}

/** Equal in everything a tile shows. */
export function sameProvenance(a: Provenance, b: Provenance): boolean {
  return (
    a.primary === b.primary &&
    a.lastUpdate === b.lastUpdate &&
    a.period === b.period &&
    a.simulated === b.simulated &&
    a.revision === b.revision &&
    a.metrics.join() === b.metrics.join() &&
    a.sources.map(refKey).join() === b.sources.map(refKey).join()
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
  const key = `${id}|${(opts.also ?? []).join()}`;
  const prev = lastHandedOut.get(key);
  if (prev && sameProvenance(prev, next)) return prev;
  lastHandedOut.set(key, next);
  return next;
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

  const simulated =
    refs.some((r) => 'id' in r && SOURCES[r.id].simulated) ||
    opts.feed?.simulated === true ||
    stat?.simulated === true;

  const p: Omit<Provenance, typeof provenanceBrand> = {
    primary,
    metrics: [id, ...also],
    sources: refs,
    refPeriod: primary.refPeriod,
    lastUpdate: primary.cadence === 'realtime' ? (opts.feed?.lastReportAt ?? null) : null,
    period: stat?.period ?? primary.period,
    simulated,
    revision: stat?.revision ?? 1,
  };
  // The brand exists only in the type system; this is the one place that may assert it.
  return p as Provenance;
}

export interface FooterModel {
  source: string;
  basis: string;
  /** Null when it would only repeat the basis ("2021 年 · 年度" twice). */
  freshness: string | null;
  stale: boolean;
  simulated: boolean;
  revision: string | null;
}

export function footerModel(p: Provenance, now: number, lang: Lang): FooterModel {
  const f = freshness(p.primary, now, p.lastUpdate, p.period);
  const basis = p.refPeriod[lang];
  let fresh: string | null;
  if (f.kind === 'live') fresh = translate(lang, 'fresh.live', { age: formatAge(f.ageMs, lang) });
  else fresh = f.period ? formatPeriod(f.period, f.cadence, lang) : null;
  if (fresh === basis) fresh = null;
  const source = p.sources
    .map((r) => ('id' in r ? (lang === 'zh' ? SOURCES[r.id].shortZh : SOURCES[r.id].shortEn) : r.raw))
    .join(' · ');
  return {
    source,
    basis,
    freshness: fresh,
    stale: f.stale,
    simulated: p.simulated,
    revision: p.revision > 1 ? translate(lang, 'badge.rev', { n: p.revision }) : null,
  };
}
