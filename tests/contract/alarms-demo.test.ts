import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALARM_SLOT, SUBDISTRICTS, type AlarmBoard, type IngestReport } from '@futian/shared';
import type { DemoSource } from '@futian/server';
import { enrollScreen } from '../support/screens.js';
import { startServer, until, WallClient, type TestServer } from '../support/server.js';

const SD = SUBDISTRICTS[0]!.adcode;
const stations = Array.from({ length: 8 }, (_, i) => ({ deviceId: `D-5G-${i}`, kind: 'bs5g' as const, subdistrict: SD }));

/** A script whose 5G cluster fails half a second in: live rules would raise a critical alarm after 5 s. */
function failingScript(): DemoSource {
  let t0 = 0;
  let sent = 0;
  return {
    registrations: () => stations,
    reset(t) {
      t0 = t;
      sent = 0;
    },
    advance(now) {
      const out: IngestReport[] = [];
      if (sent === 0) out.push(...stations.map((d) => ({ deviceId: d.deviceId, kind: d.kind, ts: t0, status: 'online' as const })));
      if (sent <= 1 && now >= t0 + 500) out.push(...stations.slice(0, 6).map((d) => ({ deviceId: d.deviceId, kind: d.kind, ts: t0 + 500, status: 'fault' as const })));
      sent = now >= t0 + 500 ? 2 : 1;
      return out;
    },
    figures: () => [],
  };
}

/**
 * Issue #41: during an official visit a red 严重 panel covered the stage. The
 * demo room had an alarm evaluator of its own whose board went to the touring
 * walls; alarms are the live room's only.
 */
describe('alarms never in the demo room', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer({}, { demoSource: failingScript() });
  });
  afterAll(async () => {
    await srv.close();
  });

  it('a scripted 5G cluster failure shows as data, with no alarm board on the demo walls', async () => {
    srv.app.demo!.start();
    const wall = new WallClient(srv.url, { room: 'demo' }, await enrollScreen(srv.app, 'wall-tour'));
    try {
      await until(() => wall.state?.room === 'demo', 3000, 'joined the demo room');
      await until(() => (wall.state?.infra.bs5g[SD]?.fault ?? 0) >= 6, 3000, 'the scripted failure shows as data');
      // The cluster rule (5 down, for 5 s) would have raised by now.
      await new Promise((r) => setTimeout(r, 7000));
      const board = wall.state!.ext[ALARM_SLOT] as AlarmBoard | undefined;
      expect(board?.counts.active ?? 0).toBe(0);
      expect(board?.open.length ?? 0).toBe(0);
    } finally {
      wall.socket.close();
    }
  }, 20_000);
});
