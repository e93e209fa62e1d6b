import { Redis } from 'ioredis';
import type { Logger } from '../platform/logger.js';
import { StartupError } from '../platform/startup-error.js';

/** REDIS_URL as it may be printed: a password in it is masked. */
export function maskedRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

/**
 * A Redis connection for this node. The first connection must succeed within
 * `timeoutMs` or the start fails with one line naming REDIS_URL and the cause:
 * a cluster node that cannot reach Redis would serve walls that never move.
 * After that, ioredis reconnects by itself (a Redis restart is a blip, not a
 * crash), retrying every second at most.
 */
export async function connectRedis(url: string, log: Logger, opts: { name: string; timeoutMs?: number }): Promise<Redis> {
  if (!/^rediss?:\/\//.test(url)) throw new StartupError(`REDIS_URL: expected redis://host:port, got ${maskedRedisUrl(url)}`);
  const client = new Redis(url, {
    lazyConnect: true,
    connectionName: opts.name,
    // Commands wait for a reconnect instead of failing at once; callers that must
    // not wait (ingest) have their own deadline.
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 1000),
    connectTimeout: opts.timeoutMs ?? 3000,
  });
  let lastError: unknown;
  client.on('error', (err: unknown) => {
    lastError = err;
  });
  try {
    await withTimeout(client.connect(), opts.timeoutMs ?? 3000);
  } catch (err) {
    client.disconnect();
    // The socket's own error (ECONNREFUSED, ENOTFOUND) says more than ioredis's "Connection is closed".
    const cause = (lastError as Error | undefined)?.message || (err as Error)?.message || String(err);
    throw new StartupError(`REDIS_URL ${maskedRedisUrl(url)}: cannot connect: ${cause.split('\n', 1)[0]}`, { cause: err });
  }
  let down = false;
  client.on('error', (err: unknown) => {
    if (!down) log.warn({ err, redis: opts.name }, 'redis connection lost; reconnecting');
    down = true;
  });
  client.on('ready', () => {
    if (down) log.info({ redis: opts.name }, 'redis connection back');
    down = false;
  });
  return client;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
