import { computed, type ComputedRef, type Ref } from 'vue';
import type { DataClock } from '../../kit/context/context';
import { useWallStore } from '../stores/wall';

/**
 * The clock tiles read their figures' ages against (DATA_CLOCK_KEY): the wall's
 * server-corrected clock on a live room, the replay's data time in a replay room.
 * It moves with the wall's one-second tick (and when the room changes), not with
 * every replay delta, so a replay at 100 ms steps does not re-render every tile
 * ten times a second.
 */
export function useDataClock(now: Readonly<Ref<number>>): ComputedRef<DataClock> {
  const wall = useWallStore();
  return computed(() => {
    const t = now.value;
    void wall.room;
    const r = wall.replayAt(Date.now(), false);
    return r ? { now: r.at, replay: { speed: r.speed } } : { now: t, replay: null };
  });
}
