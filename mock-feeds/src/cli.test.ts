import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UsageError, parseCliArgs } from './cli.js';

describe('cli arguments', () => {
  it('takes flags, falling back to WALL_URL and WALL_INGEST_TOKEN', () => {
    const cfg = parseCliArgs(['--rate', '10', '--only', 'pile,pole', '--seed', '7'], { WALL_URL: 'http://w:8080', WALL_INGEST_TOKEN: 'T' });
    if (cfg === 'help') throw new Error('unexpected help');
    expect(cfg.runner).toMatchObject({ baseUrl: 'http://w:8080', token: 'T', rate: 10, only: ['pile', 'pole'], seed: '7', via: 'http' });
    const mq = parseCliArgs(['--url', 'http://x', '--token', 'a', '--via', 'mqtt', '--topic-prefix', 'p/'], { MQTT_URL: 'mqtt://b:1883' });
    if (mq === 'help') throw new Error('unexpected help');
    expect(mq.runner).toMatchObject({ baseUrl: 'http://x', via: 'mqtt', mqttUrl: 'mqtt://b:1883', topicPrefix: 'p/' });
    expect(parseCliArgs(['--help'], {})).toBe('help');
  });

  it('rejects what it cannot run', () => {
    expect(() => parseCliArgs([], {})).toThrow(UsageError);
    expect(() => parseCliArgs(['--url', 'http://x'], {})).toThrow(/token/);
    expect(() => parseCliArgs(['--url', 'u', '--token', 't', '--only', 'pile,lamp'], {})).toThrow(/only/);
    expect(() => parseCliArgs(['--url', 'u', '--token', 't', '--rate', '0'], {})).toThrow(/rate/);
    expect(() => parseCliArgs(['--url', 'u', '--token', 't', '--via', 'carrier-pigeon'], {})).toThrow(/via/);
    expect(() => parseCliArgs(['--url', 'u', '--token', 't', '--bogus'], {})).toThrow(UsageError);
  });
});

describe('cli process', { timeout: 30_000 }, () => {
  it('feeds a server and stops cleanly on SIGTERM', async () => {
    const paths: string[] = [];
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        paths.push(`${req.url} ${req.headers.authorization}`);
        res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":1,"duplicates":0,"rejected":[]}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--only', 'pole,stats', '--tick-ms', '200'], {
      cwd: root,
      env: { ...process.env, WALL_URL: url, WALL_INGEST_TOKEN: 'cli-token' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    try {
      const deadline = Date.now() + 20_000;
      while (!paths.some((p) => p.startsWith('/api/v1/ingest')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(paths.some((p) => p === '/api/v1/devices Bearer cli-token')).toBe(true);
      expect(paths.some((p) => p === '/api/v1/stats Bearer cli-token')).toBe(true);
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const lines = stderr.trim().split('\n').map((l) => JSON.parse(l) as { msg?: string });
      expect(lines.map((l) => l.msg)).toContain('feeds stopped');
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => server.close(r));
    }
  });
});
