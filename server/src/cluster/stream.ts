import type { Redis } from 'ioredis';
import type { Logger } from '../platform/logger.js';

/**
 * A Redis stream of JSON messages: XADD with approximate MAXLEN trimming, and a
 * reader on a connection of its own (XREAD BLOCK holds it). Every node reads
 * the whole stream in the same order, which is the point: the committed-batch
 * stream gives every node's live room the same reports in the same order, and
 * the room stream gives every node's walls the same deltas.
 *
 * A reader that loses Redis keeps its place and retries; entries trimmed while
 * it was away are gone, which its consumer notices (a seq gap, an old epoch).
 */
export class JsonStream<T> {
  constructor(
    private readonly d: {
      redis: Redis;
      key: string;
      /** Entries kept (approximately): size it from the message rate times the history a late reader needs. */
      maxLen: number;
      log: Logger;
    },
  ) {}

  get key(): string {
    return this.d.key;
  }

  /** Appends a message; resolves to its id. Calls on one connection keep their order. */
  publish(msg: T): Promise<string> {
    return this.d.redis.xadd(this.d.key, 'MAXLEN', '~', String(this.d.maxLen), '*', 'm', JSON.stringify(msg)) as Promise<string>;
  }

  /** The id of the newest entry, or '0-0' when the stream is empty: read from it to get only what comes after. */
  async lastId(): Promise<string> {
    const rows = await this.d.redis.xrevrange(this.d.key, '+', '-', 'COUNT', 1);
    return rows[0]?.[0] ?? '0-0';
  }

  /**
   * Reads every entry after `after` (exclusive) and then each new one, calling
   * `onMessage` in stream order, until stopped. Runs on a duplicate connection.
   */
  read(after: string, onMessage: (msg: T, id: string) => void): { stop(): Promise<void> } {
    const conn = this.d.redis.duplicate();
    conn.on('error', () => {});
    let stopped = false;
    let last = after;
    const loop = async (): Promise<void> => {
      while (!stopped) {
        try {
          const res = (await conn.xread('COUNT', 1000, 'BLOCK', 1000, 'STREAMS', this.d.key, last)) as Array<[string, Array<[string, string[]]>]> | null;
          if (!res) continue;
          for (const [, entries] of res) {
            for (const [id, fields] of entries) {
              last = id;
              const raw = fields[1];
              if (raw === undefined) continue;
              let msg: T;
              try {
                msg = JSON.parse(raw) as T;
              } catch {
                continue;
              }
              try {
                onMessage(msg, id);
              } catch (err) {
                this.d.log.error({ err, stream: this.d.key }, 'stream consumer failed on a message');
              }
            }
          }
        } catch (err) {
          if (stopped) break;
          this.d.log.debug({ err, stream: this.d.key }, 'stream read failed; retrying');
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    };
    const done = loop();
    return {
      async stop() {
        stopped = true;
        conn.disconnect();
        await done;
      },
    };
  }
}
