/**
 * `pnpm snapshot`: PNG pictures of the wall for reports, taken by a running wall
 * server's own Chromium (GET /api/console/snapshot.png) and saved here. It signs
 * in as a console user like anyone else (the picture is permission-checked and
 * audited under that name), so it works against any server you can reach.
 *
 *   pnpm snapshot --user li.ming [--url http://127.0.0.1:8080] [--layout 4k] [--screen map]
 *                 [--lang zh|en] [--mode live|demo] [--out wall.png]
 *
 * The password comes from WALL_SNAPSHOT_PASSWORD or is asked for; a second-factor
 * code from --code, WALL_SNAPSHOT_CODE, or is asked for.
 */
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';

const { values: a } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.WALL_URL ?? 'http://127.0.0.1:8080' },
    user: { type: 'string' },
    layout: { type: 'string', default: '1080p' },
    screen: { type: 'string', default: 'auto' },
    lang: { type: 'string', default: 'zh' },
    mode: { type: 'string', default: 'live' },
    code: { type: 'string' },
    out: { type: 'string' },
  },
});

function fail(msg: string): never {
  process.stderr.write(`snapshot: ${msg}\n`);
  process.exit(1);
}

async function ask(q: string): Promise<string> {
  if (!process.stdin.isTTY) fail(`${q.trim()} needed, but there is no terminal to ask on (set the environment variable)`);
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(q)).trim();
  } finally {
    rl.close();
  }
}

async function post(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown>; cookie: string }> {
  const res = await fetch(`${a.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('wall_session=')) ?? '';
  return { status: res.status, json: (await res.json().catch(() => ({}))) as Record<string, unknown>, cookie };
}

if (!a.user) fail('--user <console account> is required');
const password = process.env.WALL_SNAPSHOT_PASSWORD ?? (await ask(`password for ${a.user}: `));
let signed = await post('/api/console/login', { name: a.user, password });
if (signed.status === 200 && signed.json.step === 'totp') {
  const code = a.code ?? process.env.WALL_SNAPSHOT_CODE ?? (await ask('second-factor code: '));
  signed = await post('/api/console/login/totp', { ticket: signed.json.ticket, code });
}
if (signed.status !== 200 || !signed.cookie) fail(`sign-in refused (${signed.status}): ${String(signed.json.error ?? 'no session')}`);

const q = new URLSearchParams({ layout: a.layout!, screen: a.screen!, lang: a.lang!, mode: a.mode! });
const res = await fetch(`${a.url}/api/console/snapshot.png?${q}`, { headers: { cookie: signed.cookie } });
if (res.status !== 200) {
  const j = (await res.json().catch(() => ({}))) as { error?: string };
  fail(`the server did not take the picture (${res.status}): ${j.error ?? res.statusText}`);
}
const file = a.out ?? /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'wall.png';
writeFileSync(file, Buffer.from(await res.arrayBuffer()));
await fetch(`${a.url}/api/console/logout`, { method: 'POST', headers: { cookie: signed.cookie } });
process.stdout.write(`${file}\n`);
