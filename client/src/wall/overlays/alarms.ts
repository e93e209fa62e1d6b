import { subdistrictByAdcode, type Alarm, type AlarmBoard, type AlarmSeverity, type Label } from '@futian/shared';

/**
 * What the wall shows of an alarm. Only active alarms reach the wall: a cleared
 * alarm is over, whether or not a duty officer has acknowledged it yet (the
 * console keeps it until someone does). An acknowledged alarm that is still active
 * is still a fact in the room, so it stays, counted, but calm: `acked`, not flashing.
 */
export type AlarmLook = 'new' | 'acked';

export interface AlarmItem {
  id: number;
  severity: AlarmSeverity;
  title: Label;
  /** Sub-district short name, or null for district-wide alarms (a silent feed). */
  where: Label | null;
  /** `new` flashes on the strip until someone acknowledges it on the console. */
  look: AlarmLook;
  raisedAt: number;
}

export interface AlarmCounts {
  active: number;
  critical: number;
  major: number;
  minor: number;
  /** Active and not yet acknowledged. */
  unacked: number;
}

export interface AlarmView {
  /**
   * False when the snapshot carries no alarm board (a replay room, which has no
   * evaluator): the strip must not claim "no active alarms" for a room it knows nothing of.
   */
  known: boolean;
  counts: AlarmCounts;
  /** Active alarms, most serious first (see `byUrgency`), at most `max` of them. */
  items: AlarmItem[];
  /** Boundary-file names (e.g. 香蜜湖街道) of sub-districts with an active alarm, for the map. */
  regions: string[];
}

const SEVERITY_RANK: Record<AlarmSeverity, number> = { critical: 0, major: 1, minor: 2 };

/**
 * The order the strip reads in, left to right, and so which alarms it keeps when
 * it has room for few: severity first (a wall is read from across the room, and a
 * critical alarm someone already took on is still more than a new minor one), then
 * unacknowledged before acknowledged, then the newest.
 */
export function byUrgency(a: Alarm, b: Alarm): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    Number(a.ackedAt !== null) - Number(b.ackedAt !== null) ||
    b.raisedAt - a.raisedAt
  );
}

const EMPTY_COUNTS: AlarmCounts = { active: 0, critical: 0, major: 0, minor: 0, unacked: 0 };
const UNKNOWN: AlarmView = { known: false, counts: EMPTY_COUNTS, items: [], regions: [] };

/**
 * The strip's model from the snapshot's alarm slot; tolerant of a missing or
 * foreign slot. `max` bounds the candidates the strip lays out; it shows as many
 * as fit (AlarmStrip.vue) and counts the rest.
 */
export function alarmView(board: AlarmBoard | null | undefined, max = 12): AlarmView {
  if (!board || !Array.isArray(board.open) || !board.counts) return UNKNOWN;
  const regions = new Set<string>();
  const active = board.open.filter((a) => a.state === 'active').sort(byUrgency);
  const items: AlarmItem[] = [];
  for (const a of active) {
    const sd = a.subdistrict ? subdistrictByAdcode(a.subdistrict) : undefined;
    if (sd) regions.add(sd.zh);
    if (items.length >= max) continue;
    items.push({
      id: a.id,
      severity: a.severity,
      title: a.title,
      where: sd ? { zh: sd.short, en: sd.en } : null,
      look: a.ackedAt === null ? 'new' : 'acked',
      raisedAt: a.raisedAt,
    });
  }
  // The server caps the list it sends, not its counts: severities and the total come
  // from its counts (over active alarms); the unacknowledged share only from the list,
  // since the server's count includes cleared alarms (the server sends active alarms
  // first, so the list is short of them only past its cap).
  const { active: total, critical, major, minor } = board.counts;
  const unacked = active.filter((a) => a.ackedAt === null).length;
  return { known: true, counts: { active: total, critical, major, minor, unacked }, items, regions: [...regions].sort() };
}

export interface RowBox {
  top: number;
  right: number;
}

/**
 * How many of the strip's items sit whole on its one visible line: the strip wraps
 * what does not fit onto lines it clips, so an item is either entirely shown or
 * not at all, never cut mid-word. Counted in order: flex-wrap never pulls a later,
 * shorter item back up past one that wrapped.
 */
export function itemsOnLine(line: RowBox, items: readonly RowBox[]): number {
  let n = 0;
  for (const r of items) {
    if (Math.abs(r.top - line.top) > 1 || r.right > line.right + 0.5) break;
    n++;
  }
  return n;
}
