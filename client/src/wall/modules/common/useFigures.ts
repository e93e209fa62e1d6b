import {
  currentPeriod,
  DISTRICT_SCOPE,
  statKey,
  type DeviceKind,
  type FeedInfo,
  type InfraCell,
  type MetricId,
  type ScopeId,
  type SeriesKey,
  type SeriesPoint,
  type StatValue,
} from '@futian/shared';
import { provenanceOf, type Provenance, type ProvenanceOptions } from '../../../kit/provenance/provenance';
import { useWallStore } from '../../stores/wall';

/**
 * The module-side bridge between the store and widgets: modules read figures and
 * their provenance here and hand widgets plain props.
 *
 * Each accessor depends on exactly one slot revision (stats, feeds, infra,
 * series), so a computed built on stat() does not re-run for a delta that only
 * moved a pile. Accessors return values, never the live containers: a computed
 * that returned `snapshot.series` would hand back the same mutated object and
 * Vue would (rightly) see no change.
 */
export function useFigures() {
  const wall = useWallStore();

  function stats(): Readonly<Record<string, StatValue>> | undefined {
    void wall.revs.stats;
    return wall.peek()?.stats;
  }

  function stat(id: MetricId, period?: string): StatValue | null {
    // Without a period asked for, the latest loaded one (a new period takes over), else the document's.
    const p = period ?? currentPeriod(stats(), id);
    if (p === undefined) return null;
    return stats()?.[statKey(id, p)] ?? null;
  }

  function feed(kind: DeviceKind): FeedInfo | null {
    void wall.revs.feeds;
    return wall.peek()?.feeds[kind] ?? null;
  }

  function cell(kind: DeviceKind, scope: ScopeId = DISTRICT_SCOPE): InfraCell | null {
    void wall.revs.infra;
    return wall.peek()?.infra[kind][scope] ?? null;
  }

  /** A series buffer; callers must copy or map it into a new object before returning it from a computed. */
  function series(key: SeriesKey): readonly SeriesPoint[] {
    void wall.revs.series;
    return wall.peek()?.series[key] ?? [];
  }

  /** Provenance of a statistic, including a server-side revision when there is one. */
  function statProvenance(id: MetricId, opts: Omit<ProvenanceOptions, 'stat'> = {}): Provenance {
    return provenanceOf(id, { ...opts, stat: stat(id) });
  }

  /**
   * Provenance of a live figure computed from one or more fleets. Each fleet is
   * named with its own feed, so the tile judges each on its own cadence: a figure
   * combining three fleets is stale only for the fleet that stopped (issue #41).
   */
  function liveProvenance(id: MetricId, kinds: DeviceKind | readonly DeviceKind[], also: readonly MetricId[] = []): Provenance {
    const list: readonly DeviceKind[] = typeof kinds === 'string' ? [kinds] : kinds;
    return provenanceOf(id, { feeds: list.map((kind) => ({ kind, info: feed(kind) })), also });
  }

  return { wall, stats, stat, feed, cell, series, statProvenance, liveProvenance };
}
