import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lease } from '../../server/src/cluster/lease.js';
import { silentLogger } from '../../server/src/platform/logger.js';
import { until } from '../support/server.js';
import { dropRedisPrefix, TEST_REDIS_URL } from './support.js';

describe('room lease in Redis', () => {
  const prefix = `futian-test-${randomBytes(4).toString('hex')}:`;
  let redis: Redis;
  beforeAll(async () => {
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    await dropRedisPrefix(TEST_REDIS_URL, prefix);
    redis.disconnect();
  });

  function lease(nodeId: string, log: string[]): Lease {
    return new Lease({
      redis,
      prefix,
      room: 'live',
      nodeId,
      ttlMs: 600,
      log: silentLogger,
      events: { acquired: (e) => log.push(`acquired ${e}`), lost: () => log.push('lost') },
    });
  }

  it('one holder at a time; a stopped holder hands over at once; the epoch rises, also after Redis lost its keys', async () => {
    const a: string[] = [];
    const b: string[] = [];
    const la = lease('a', a);
    const lb = lease('b', b);
    la.start();
    await until(() => la.held, 2_000, 'a to hold the lease');
    lb.start();
    await new Promise((r) => setTimeout(r, 700));
    expect(lb.held).toBe(false);
    const e1 = la.epoch;

    await la.stop();
    await until(() => lb.held, 1_000, 'b to take over');
    const e2 = lb.epoch;
    expect(e2).toBeGreaterThan(e1);
    expect(await lb.holder()).toBe(`b|${e2}`);

    // A Redis restart without persistence: the lease and the epoch counter are gone.
    await redis.del(`${prefix}lease:live`, `${prefix}epoch:live`);
    await until(() => b.includes('lost'), 2_000, 'b to notice it lost the lease');
    await until(() => lb.held, 2_000, 'b to take it again');
    expect(lb.epoch).toBeGreaterThan(e2);
    await lb.stop();
    expect(a).toEqual([`acquired ${e1}`, 'lost']);
  });
});
