/**
 * `pnpm cluster [N]`: N wall-server nodes (default 2) on this machine, on
 * ports PORT, PORT+1, … (default 8081), against the local PostgreSQL and Redis,
 * in cluster mode. Each node is server/src/main.ts in a process of its own,
 * exactly as systemd runs it (docs/DEPLOY.md); its log lines are prefixed with
 * its node id. Ctrl-C stops them all.
 *
 *   DATABASE_URL  default postgres://postgres@127.0.0.1:5432/futian_wall (created if missing)
 *   REDIS_URL     default redis://127.0.0.1:6379
 *   REDIS_PREFIX  default futian:
 *   --feeds       also run the mock feeds (against node 1)
 *
 * Anything else in the environment (tokens, WALL_ADMIN_PASSWORD, …) passes
 * through to every node. Without a configured token one with the `ingest` and
 * `stats` scopes (what the feeds send) is generated for the run and printed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 2);
const feeds = args.includes('--feeds');
if (!Number.isInteger(n) || n < 1 || n > 16) {
  process.stderr.write('usage: pnpm cluster [N 1–16] [--feeds]\n');
  process.exit(2);
}
const basePort = Number(process.env.PORT ?? 8081);
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/futian_wall';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const configured = ['WALL_INGEST_TOKEN', 'WALL_INGEST_TOKENS', 'WALL_INGEST_TOKENS_FILE', 'WALL_TOKENS'].some((k) => process.env[k]);
const token = process.env.WALL_INGEST_TOKEN ?? `cluster-${randomBytes(12).toString('hex')}`;
// The mock feeds send telemetry and statistics on one token, so it needs both scopes.
const tokenEnv: Record<string, string> = configured ? {} : { WALL_TOKENS: `feeds:ingest+stats:${token}:sim` };

/**
 * The database the nodes share, created on first use with psql when it is
 * there (the nodes migrate it themselves, under an advisory lock). Without
 * psql, or on any failure, the nodes say what is wrong with DATABASE_URL.
 */
function ensureDatabase(url: string): void {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return;
  u.pathname = '/postgres';
  const exists = spawnSync('psql', [u.toString(), '-tAc', `SELECT 1 FROM pg_database WHERE datname = '${name}'`], { encoding: 'utf8' });
  if (exists.status === 0 && exists.stdout.trim() !== '1') spawnSync('psql', [u.toString(), '-c', `CREATE DATABASE ${name}`], { stdio: 'ignore' });
}

function startNode(i: number): Promise<ChildProcess> {
  const id = `node-${i + 1}`;
  const port = basePort + i;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/main.ts')], {
    cwd: root,
    env: { ...process.env, ...tokenEnv, PORT: String(port), NODE_ID: id, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    for (const stream of [child.stdout!, child.stderr!]) {
      readline.createInterface({ input: stream }).on('line', (line) => {
        process.stdout.write(`[${id}] ${line}\n`);
        if (line.includes('"wall server listening"')) resolve(child);
      });
    }
    child.once('exit', (code) => reject(new Error(`${id} exited with ${code}`)));
  });
}

ensureDatabase(databaseUrl);
const children: ChildProcess[] = [];
const stop = (): void => {
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.once('SIGINT', stop);
// Nodes never outlive this script, however it ends.
process.once('exit', () => {
  for (const c of children) c.kill('SIGTERM');
});
process.once('SIGTERM', stop);
try {
  // One after the other: the first start migrates the schema and creates the first admin.
  for (let i = 0; i < n; i++) children.push(await startNode(i));
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  stop();
  process.exit(1);
}
const urls = children.map((_, i) => `http://127.0.0.1:${basePort + i}`);
process.stdout.write(`\ncluster of ${n}: ${urls.join('  ')}\ningest token: ${configured ? '(the one configured in the environment)' : token}\nput nginx in front (docs/DEPLOY.md), or open any node's /wall\n\n`);
if (feeds) {
  // Against node 1: its committed batches reach every node's live room through the cluster.
  for (const url of urls.slice(0, 1)) {
    const f = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'mock-feeds/src/cli.ts'), '--url', url, '--token', token], { cwd: root, stdio: 'inherit' });
    children.push(f);
  }
}
