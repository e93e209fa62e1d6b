import type { Redis } from 'ioredis';
import type { Logger } from '../platform/logger.js';

/** Renews only a lease this node still holds: a node that lost it must not extend the new owner's. */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
/**
 * Takes the lease if nobody holds it and returns the new fencing epoch (0 when
 * taken). The epoch is Redis's clock in ms, or one more than the last epoch if
 * that is not higher: it rises with every holder, and keeps rising after a
 * Redis restart that lost the key (a counter would start again at 1, and every
 * node would ignore the new owner as older than the one it remembers).
 */
const ACQUIRE = `
if not redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return 0 end
local t = redis.call('TIME')
local e = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local prev = tonumber(redis.call('GET', KEYS[2]) or '0')
if e <= prev then e = prev + 1 end
redis.call('SET', KEYS[2], e)
redis.call('SET', KEYS[1], ARGV[1] .. '|' .. e, 'PX', ARGV[2])
return e`;
/** Gives the lease up only if it is still ours (a clean shutdown hands over at once). */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export interface LeaseEvents {
  /** This node now holds the lease; `epoch` is higher than every earlier holder's (the fencing token). */
  acquired(epoch: number): void;
  /** This node no longer holds it (expired while Redis was away, or taken after a stall). */
  lost(): void;
}

/**
 * One room's lease in Redis: SET NX PX to take it, a compare-and-PEXPIRE to
 * renew it, and a fencing epoch (see ACQUIRE) so that messages from an owner that
 * stalled past its lease (a GC pause, a frozen VM) are recognised as stale by
 * every node. Every node runs one per room and tries every `ttlMs / 4`, so
 * after `kill -9` of the owner another node holds it within ttl + ttl/4.
 *
 * The holder counts its lease as lost when it has not renewed for a whole ttl,
 * even when it cannot reach Redis to ask: another node may hold it by then.
 */
export class Lease {
  private timer: NodeJS.Timeout | null = null;
  private token: string | null = null;
  private epochNow = 0;
  private renewedAt = 0;
  private busy = false;

  constructor(
    private readonly d: {
      redis: Redis;
      prefix: string;
      room: string;
      nodeId: string;
      ttlMs: number;
      log: Logger;
      now?: () => number;
      events: LeaseEvents;
    },
  ) {}

  get key(): string {
    return `${this.d.prefix}lease:${this.d.room}`;
  }

  get held(): boolean {
    return this.token !== null;
  }

  get epoch(): number {
    return this.epochNow;
  }

  start(): void {
    if (this.timer) return;
    void this.step();
    this.timer = setInterval(() => void this.step(), Math.max(50, Math.floor(this.d.ttlMs / 4)));
    this.timer.unref?.();
  }

  /** Who holds the lease now, as `node|epoch`; null when nobody does. */
  async holder(): Promise<string | null> {
    return this.d.redis.get(this.key);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const token = this.token;
    if (token === null) return;
    this.drop();
    try {
      await this.d.redis.eval(RELEASE, 1, this.key, token);
    } catch {
      // Redis away: the lease runs out by itself.
    }
  }

  private now(): number {
    return (this.d.now ?? Date.now)();
  }

  private async step(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      if (this.token !== null) await this.renew();
      else await this.tryAcquire();
    } catch (err) {
      this.d.log.debug({ err, room: this.d.room }, 'lease step failed');
    } finally {
      this.busy = false;
      if (this.token !== null && this.now() - this.renewedAt >= this.d.ttlMs) {
        this.d.log.warn({ room: this.d.room, epoch: this.epochNow }, 'room lease not renewed within its ttl; this node stops driving the room');
        this.drop();
      }
    }
  }

  private async tryAcquire(): Promise<void> {
    const { redis, prefix, room, nodeId, ttlMs } = this.d;
    const started = this.now();
    const epoch = Number(await redis.eval(ACQUIRE, 2, this.key, `${prefix}epoch:${room}`, nodeId, String(ttlMs)));
    if (!epoch) return;
    const token = `${nodeId}|${epoch}`;
    if (this.timer === null) {
      await redis.eval(RELEASE, 1, this.key, token);
      return;
    }
    this.token = token;
    this.epochNow = epoch;
    this.renewedAt = started;
    this.d.log.info({ room, epoch, node: nodeId }, 'room lease acquired; this node drives the room');
    this.d.events.acquired(epoch);
  }

  private async renew(): Promise<void> {
    const token = this.token!;
    const started = this.now();
    const ok = await this.d.redis.eval(RENEW, 1, this.key, token, String(this.d.ttlMs));
    if (this.token !== token) return;
    if (ok === 1) this.renewedAt = started;
    else {
      this.d.log.warn({ room: this.d.room, epoch: this.epochNow }, 'room lease taken by another node; this node stops driving the room');
      this.drop();
    }
  }

  private drop(): void {
    if (this.token === null) return;
    this.token = null;
    this.d.events.lost();
  }
}
