import { DEVICE_KINDS, LIVE_ROOM, silentAfterMs } from '@futian/shared';
import type { Clock } from '../../platform/clock.js';
import type { CommittedBatch } from '../../ingest/service.js';
import type { Store } from '../../store/types.js';
import { prefillSeries } from '../prefill.js';
import type { RoomHub } from '../hub.js';
import type { Room, RoomSource, RoomSpec } from '../room.js';

/**
 * The live room's source. It pulls nothing: ingest pushes each committed
 * batch, so live state never runs ahead of what is stored. (In a cluster the
 * batches arrive from every node's ingest; the room's owner applies them.)
 */
export class LiveSource implements RoomSource {
  private room: Room | null = null;

  attach(room: Room): void {
    this.room = room;
  }

  step(): void {}

  committed(b: CommittedBatch): void {
    const room = this.room;
    if (!room) return;
    for (const row of b.rows) room.observeRow(row, b.receivedAt, b.simulated);
  }
}

/**
 * Builds the live room and puts it on air: device state from the newest stored
 * reports (a restart must not show the whole fleet as silent until every
 * device has reported again), and the last hour of chart series from stored
 * samples (charts must not start empty).
 */
export async function openLiveRoom(d: {
  hub: RoomHub;
  store: Store;
  clock: Clock;
  pipeline: RoomSpec['pipeline'];
  tickMs: number;
  sweepMs: number;
  sampleMs: number;
  /** Whether a stored source's reports are simulated, by its name (from the token configuration). */
  simulated: (sourceName: string) => boolean;
  /** Cluster mode: the room is registered, fed but not driven, until this node holds its lease. */
  standby?: boolean;
}): Promise<{ room: Room; source: LiveSource }> {
  const source = new LiveSource();
  const room = d.hub.create({
    id: LIVE_ROOM,
    kind: 'live',
    clock: d.clock,
    pipeline: d.pipeline,
    source,
    tickMs: d.tickMs,
    sweepMs: d.sweepMs,
    sampleMs: d.sampleMs,
    catchUp: false,
  });
  source.attach(room);

  await restoreLive(room, d);
  await prefillSeries(room.pipeline, d.store, d.clock.now());
  room.tick();
  if (d.standby) d.hub.register(room);
  else d.hub.add(room);
  return { room, source };
}

/**
 * Device state from the newest stored reports. Safe on a room that already has
 * state (a cluster node taking the live room over): a stored report older
 * than what the room holds for a device changes nothing, so this only fills in
 * what the room missed.
 */
export async function restoreLive(
  room: Room,
  d: { store: Store; clock: Clock; simulated: (sourceName: string) => boolean },
): Promise<void> {
  const simulatedById = new Map<number, boolean>();
  for (const s of await d.store.sources()) simulatedById.set(s.id, d.simulated(s.name));
  const restoreFrom = d.clock.now() - Math.max(...DEVICE_KINDS.map(silentAfterMs));
  for (const row of await d.store.latestReports(restoreFrom)) room.restoreRow(row, simulatedById.get(row.source) ?? false);
}
