import { subdistrictByAdcode, type Alarm, type AlarmBoard, type AlarmSeverity, type Label } from '@futian/shared';

export type AlarmLook = 'new' | 'acked' | 'cleared';

export interface AlarmItem {
  id: number;
  severity: AlarmSeverity;
  title: Label;
  message: Label;
  /** Sub-district short name, or null for district-wide alarms (a silent feed). */
  where: Label | null;
  look: AlarmLook;
  /** Unacknowledged and still active: the panel flashes it until someone acks. */
  flashing: boolean;
  raisedAt: number;
  ackedBy: string | null;
}

export interface AlarmView {
  counts: AlarmBoard['counts'];
  items: AlarmItem[];
  /** Boundary-file names (e.g. 香蜜湖街道) of sub-districts with an active alarm, for the map. */
  regions: string[];
}

/** Cleared wins over acked: a cleared alarm is history even if nobody acked it yet. */
export function lookOf(a: Alarm): AlarmLook {
  if (a.state === 'cleared') return 'cleared';
  return a.ackedAt === null ? 'new' : 'acked';
}

const EMPTY: AlarmView = { counts: { active: 0, unacked: 0, critical: 0, major: 0, minor: 0 }, items: [], regions: [] };

/** The panel's model from the snapshot's alarm slot; tolerant of a missing or foreign slot. */
export function alarmView(board: AlarmBoard | null | undefined, max = 5): AlarmView {
  if (!board || !Array.isArray(board.open) || !board.counts) return EMPTY;
  const regions = new Set<string>();
  const items: AlarmItem[] = [];
  for (const a of board.open) {
    const sd = a.subdistrict ? subdistrictByAdcode(a.subdistrict) : undefined;
    if (sd && a.state === 'active') regions.add(sd.zh);
    if (items.length >= max) continue;
    const look = lookOf(a);
    items.push({
      id: a.id,
      severity: a.severity,
      title: a.title,
      message: a.message,
      where: sd ? { zh: sd.short, en: sd.en } : null,
      look,
      flashing: look === 'new',
      raisedAt: a.raisedAt,
      ackedBy: a.ackedBy,
    });
  }
  return { counts: board.counts, items, regions: [...regions].sort() };
}
