import type { Redis } from 'ioredis';
import type { Logger } from '../platform/logger.js';

/**
 * Redis pub/sub between the nodes of one cluster, for state whose newest value
 * is all that matters (the control state): a node that misses a message while
 * Redis is away catches up with the next one. Each message carries its sender,
 * and a node ignores its own.
 */
export class Topic<T> {
  private readonly sub: Redis;
  private readonly handlers = new Set<(msg: T, from: string) => void>();

  constructor(
    private readonly d: { redis: Redis; channel: string; nodeId: string; log: Logger },
  ) {
    this.sub = d.redis.duplicate();
    this.sub.on('error', () => {});
    this.sub.on('message', (channel: string, raw: string) => {
      if (channel !== d.channel) return;
      let env: { from: string; msg: T };
      try {
        env = JSON.parse(raw) as { from: string; msg: T };
      } catch {
        return;
      }
      if (env.from === d.nodeId) return;
      for (const fn of this.handlers) {
        try {
          fn(env.msg, env.from);
        } catch (err) {
          d.log.error({ err, channel }, 'cluster topic handler failed');
        }
      }
    });
  }

  async start(): Promise<void> {
    await this.sub.subscribe(this.d.channel);
  }

  on(fn: (msg: T, from: string) => void): void {
    this.handlers.add(fn);
  }

  publish(msg: T): void {
    this.d.redis.publish(this.d.channel, JSON.stringify({ from: this.d.nodeId, msg })).catch((err: unknown) => {
      this.d.log.warn({ err, channel: this.d.channel }, 'cluster topic publish failed');
    });
  }

  stop(): void {
    this.sub.disconnect();
  }
}
