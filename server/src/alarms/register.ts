import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { Timers } from '../platform/timers.js';
import type { DeviceRegistry } from '../devices/registry.js';
import type { RoomHub } from '../rooms/hub.js';
import type { OpsRepo } from '../store/ops-types.js';
import type { LoadedRule } from './rules.js';
import { AlarmService } from './service.js';

/**
 * Alarms for the live room (persisted, acknowledged from the console) and for
 * the demo room while its script runs (in memory: a rehearsal's alarms are not
 * the control centre's). A new demo room gets a fresh evaluator, since each
 * start replays the script from its beginning.
 */
export async function registerAlarms(d: {
  hub: RoomHub;
  rules: readonly LoadedRule[];
  registry: DeviceRegistry;
  repo: OpsRepo;
  timers: Timers;
  clock: Clock;
  log: Logger;
  demoRunning: () => boolean;
}): Promise<{ live: AlarmService; dispose(): void }> {
  const live = new AlarmService({ rules: d.rules, pipeline: d.hub.live.pipeline, registry: d.registry, repo: d.repo, clock: d.clock, log: d.log });
  await live.load();
  d.timers.every(1000, () => void live.evaluate());

  let demo: AlarmService | null = null;
  // The demo evaluator reads sites from the live registry, as it always has;
  // the demo fleet's own registry is the demo room's. Left as it was here
  // (a code reshape), to be settled with the demo room's alarms.
  const offOpen = d.hub.onOpen((room) => {
    if (room.kind !== 'demo') return;
    demo?.dispose();
    demo = new AlarmService({ rules: d.rules, pipeline: room.pipeline, registry: d.registry, repo: null, clock: d.clock, log: d.log.child({ room: 'demo' }) });
  });
  d.timers.every(1000, () => {
    if (d.demoRunning()) void demo?.evaluate();
  });

  return {
    live,
    dispose() {
      offOpen();
      live.dispose();
      demo?.dispose();
    },
  };
}
