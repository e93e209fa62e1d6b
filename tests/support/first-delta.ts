// Measures `pnpm start` on a fresh checkout: time to /wall answering and to the
// first wall:delta at a real socket.io client. Usage: tsx tests/support/first-delta.ts <port>
import { spawn } from 'node:child_process';
import { io } from 'socket.io-client';

const port = process.argv[2] ?? '8190';
const t0 = Date.now();
const child = spawn('pnpm', ['start'], { env: { ...process.env, PORT: port, WALL_DATA_DIR: `/tmp/first-delta-${port}` }, stdio: 'ignore', detached: true });
let wallAt = 0;
while (!wallAt) {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/wall`);
    if (r.status === 200) wallAt = Date.now();
  } catch {
    /* not up yet */
  }
  await new Promise((r) => setTimeout(r, 200));
}
const s = io(`http://127.0.0.1:${port}/wall`, { transports: ['websocket'] });
await new Promise<void>((resolve) => s.once('wall:delta', () => resolve()));
const deltaAt = Date.now();
// "Live": every kind has more than 90 % of its documented fleet online on the wall.
let liveAt = 0;
while (!liveAt) {
  const snap = (await (await fetch(`http://127.0.0.1:${port}/api/v1/snapshot`)).json()) as {
    infra: Record<string, { district: { online: number; total: number } }>;
  };
  const ok = ['bs5g', 'pole', 'pile'].every((k) => snap.infra[k]!.district.total > 0 && snap.infra[k]!.district.online > 0.9 * snap.infra[k]!.district.total);
  if (ok) liveAt = Date.now();
  else await new Promise((r) => setTimeout(r, 200));
}
process.stdout.write(`${JSON.stringify({ wallServedS: (wallAt - t0) / 1000, firstDeltaS: (deltaAt - t0) / 1000, fleetLiveS: (liveAt - t0) / 1000 })}\n`);
s.close();
process.kill(-child.pid!, 'SIGTERM');
process.exit(0);
