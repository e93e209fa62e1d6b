import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { Timers } from '../platform/timers.js';
import type { DeviceRegistry } from '../devices/registry.js';
import type { RoomHub } from '../rooms/hub.js';
import type { OpsRepo } from '../store/ops-types.js';
import type { LoadedRule } from './rules.js';
import { AlarmService } from './service.js';

/**
 * Alarms for the live room only: persisted, acknowledged from the console.
 *
 * The demo room has none (issue #41). It used to get an in-memory evaluator of
 * its own, whose board went into the demo room's snapshot; the scripted site
 * going dark and 5G cluster failing then raised a red 严重 panel over the stage
 * of an official visit. The script's faults show on the map and the infra
 * panel, as data; alarms are the control centre's, never the tour's.
 */
export async function registerAlarms(d: {
  hub: RoomHub;
  rules: readonly LoadedRule[];
  registry: DeviceRegistry;
  repo: OpsRepo;
  timers: Timers;
  clock: Clock;
  log: Logger;
  /** Cadences per kind after start-up during which restart artefacts raise nothing (see AlarmEvaluator). */
  startupGraceCadences?: number;
  /** Cluster mode: whether this node drives the live room; alarms are evaluated there only, once for the cluster. */
  active?: () => boolean;
}): Promise<{ live: AlarmService; dispose(): void }> {
  const live = new AlarmService({
    rules: d.rules,
    pipeline: d.hub.live.pipeline,
    registry: d.registry,
    repo: d.repo,
    clock: d.clock,
    log: d.log,
    ...(d.startupGraceCadences === undefined ? {} : { startupGraceCadences: d.startupGraceCadences }),
  });
  await live.load();
  d.timers.every(1000, () => {
    if (d.active?.() ?? true) void live.evaluate();
  });
  return {
    live,
    dispose() {
      live.dispose();
    },
  };
}
