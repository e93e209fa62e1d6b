import type { DeviceRegistration, IngestReport, StatFigure } from '@futian/shared';
import { noopLogger, type Logger } from '../logger.js';

/** The subset of fetch the sink uses, so tests can pass a fake. */
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal?: AbortSignal },
) => Promise<{ status: number; text(): Promise<string> }>;

export interface HttpSinkOptions {
  baseUrl: string;
  token: string;
  logger?: Logger;
  fetch?: FetchLike;
  /** Items (reports or figures) held while the server is unreachable; past it the oldest are dropped. */
  maxQueued?: number;
  /** Items per request; the server takes up to 10,000 reports. */
  batchMax?: number;
  /** Retry delay: starts at [0], doubles up to [1]. */
  backoffMs?: readonly [number, number];
  timeoutMs?: number;
  /** Called when the server says it does not know some of our devices (it lost its registry). */
  onUnknownDevices?: () => void;
}

export interface ChannelStats {
  /** Items the server answered for (accepted, duplicate or rejected). */
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Items given up after a non-retryable answer (400, 401, 413 at size 1). */
  failed: number;
  /** Items dropped because the queue was full. */
  dropped: number;
  queued: number;
  retries: number;
  lastError: string | null;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const RETRYABLE = (status: number): boolean => status === 408 || status === 429 || status >= 500;

type Outcome = { ok: true; body: unknown } | { ok: false; retry: boolean; status: number; error: string };

interface Job<T> {
  items: T[];
}

/**
 * One endpoint's delivery queue: batches go out one request at a time, in order.
 * A failure keeps the batch at the head and backs off; the queue is bounded, and
 * overflow drops the oldest batches and counts them.
 */
class Channel<T> {
  readonly counters: Omit<ChannelStats, 'queued'> = {
    sent: 0, accepted: 0, duplicates: 0, rejected: 0, failed: 0, dropped: 0, retries: 0, lastError: null,
  };
  private readonly queue: Job<T>[] = [];
  private queued = 0;
  private inFlight: Job<T> | null = null;
  private pumping: Promise<void> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private backoff: number;
  private failing = false;
  private stopped = false;

  constructor(
    private readonly path: string,
    private readonly key: 'reports' | 'figures',
    private readonly sink: HttpSink,
    private readonly opts: Required<Pick<HttpSinkOptions, 'maxQueued' | 'batchMax' | 'backoffMs'>>,
    private readonly onBody: (body: unknown, job: Job<T>) => void,
  ) {
    this.backoff = opts.backoffMs[0];
  }

  stats(): ChannelStats {
    return { ...this.counters, queued: this.queued };
  }

  enqueue(items: readonly T[]): void {
    if (this.stopped || items.length === 0) return;
    for (let i = 0; i < items.length; i += this.opts.batchMax) this.push({ items: items.slice(i, i + this.opts.batchMax) });
    while (this.queued > this.opts.maxQueued) {
      const idx = this.queue[0] === this.inFlight ? 1 : 0;
      const [job] = this.queue.splice(idx, 1);
      if (!job) break;
      this.queued -= job.items.length;
      if (this.counters.dropped === 0) this.sink.logger.warn({ path: this.path, maxQueued: this.opts.maxQueued }, 'feed queue full; dropping oldest');
      this.counters.dropped += job.items.length;
    }
    void this.pump();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.pumping;
  }

  private push(job: Job<T>): void {
    this.queue.push(job);
    this.queued += job.items.length;
  }

  private pump(): Promise<void> {
    if (this.pumping || this.retryTimer || this.stopped) return this.pumping ?? Promise.resolve();
    this.pumping = this.drain().finally(() => {
      this.pumping = null;
    });
    return this.pumping;
  }

  private async drain(): Promise<void> {
    while (!this.stopped && this.queue.length > 0) {
      const job = this.queue[0] as Job<T>;
      this.inFlight = job;
      const res = await this.sink.post(this.path, { [this.key]: job.items });
      this.inFlight = null;
      if (!res.ok && res.retry) {
        this.counters.retries++;
        this.counters.lastError = res.error;
        if (!this.failing) this.sink.logger.warn({ path: this.path, error: res.error }, 'wall server unreachable; retrying');
        this.failing = true;
        if (!this.stopped) {
          this.retryTimer = setTimeout(() => {
            this.retryTimer = null;
            void this.pump();
          }, this.backoff);
        }
        this.backoff = Math.min(this.backoff * 2, this.opts.backoffMs[1]);
        return;
      }
      this.remove(job);
      if (this.failing) this.sink.logger.info({ path: this.path }, 'wall server reachable again');
      this.failing = false;
      this.backoff = this.opts.backoffMs[0];
      if (res.ok) {
        this.counters.sent += job.items.length;
        this.onBody(res.body, job);
      } else if (res.status === 413 && job.items.length > 1) {
        // Too large for the server's limit: split and try the halves first.
        const half = Math.ceil(job.items.length / 2);
        this.queue.unshift({ items: job.items.slice(0, half) }, { items: job.items.slice(half) });
        this.queued += job.items.length;
      } else {
        this.counters.failed += job.items.length;
        this.counters.lastError = res.error;
        this.sink.logger.error({ path: this.path, status: res.status, error: res.error, items: job.items.length }, 'batch refused');
      }
    }
  }

  private remove(job: Job<T>): void {
    const i = this.queue.indexOf(job);
    if (i >= 0) {
      this.queue.splice(i, 1);
      this.queued -= job.items.length;
    }
  }
}

interface IngestAnswer {
  accepted?: number;
  duplicates?: number;
  rejected?: Array<{ index?: number; error?: string; code?: string }>;
}

/** Delivers to the wall server's public API: register devices, ingest reports, post statistics. */
export class HttpSink {
  readonly logger: Logger;
  private readonly fetchFn: FetchLike;
  private readonly base: string;
  private readonly ingest: Channel<IngestReport>;
  private readonly statsChannel: Channel<StatFigure>;
  private readonly abort = new AbortController();
  private stopped = false;
  private rejectedBatches = 0;

  constructor(private readonly opts: HttpSinkOptions) {
    this.logger = opts.logger ?? noopLogger;
    // The global fetch's types are wider than FetchLike; the sink uses only what FetchLike names.
    this.fetchFn = opts.fetch ?? (globalThis.fetch as unknown as FetchLike);
    this.base = opts.baseUrl.replace(/\/+$/, '');
    const q = { maxQueued: opts.maxQueued ?? 200_000, batchMax: opts.batchMax ?? 5_000, backoffMs: opts.backoffMs ?? [500, 30_000] } as const;
    this.ingest = new Channel<IngestReport>('/api/v1/ingest', 'reports', this, q, (body) => this.countIngest(body));
    this.statsChannel = new Channel<StatFigure>('/api/v1/stats', 'figures', this, q, (body) => {
      const rejected = (body as IngestAnswer | null)?.rejected;
      if (Array.isArray(rejected) && rejected.length > 0) {
        this.statsChannel.counters.rejected += rejected.length;
        this.logger.warn({ rejected: rejected.slice(0, 3), count: rejected.length }, 'figures rejected');
      }
    });
  }

  sendReports(reports: readonly IngestReport[]): void {
    this.ingest.enqueue(reports);
  }

  sendFigures(figures: readonly StatFigure[]): void {
    this.statsChannel.enqueue(figures);
  }

  stats(): { ingest: ChannelStats; stats: ChannelStats } {
    return { ingest: this.ingest.stats(), stats: this.statsChannel.stats() };
  }

  /**
   * Registers devices in chunks of at most 5,000. Unreachable or 5xx: retries with
   * backoff until it works or the sink stops. Any other refusal is a
   * misconfiguration (wrong token, bad payload) and throws.
   */
  async register(devices: readonly DeviceRegistration[], chunk = 5_000): Promise<void> {
    const [first, max] = this.opts.backoffMs ?? [500, 30_000];
    for (let i = 0; i < devices.length; i += chunk) {
      let delay = first;
      for (;;) {
        if (this.stopped) throw new Error('sink stopped during registration');
        const res = await this.post('/api/v1/devices', { devices: devices.slice(i, i + chunk) });
        if (res.ok) break;
        if (!res.retry) throw new HttpError(res.status, `device registration refused: ${res.status} ${res.error}`);
        this.logger.warn({ error: res.error, retryInMs: delay }, 'device registration failed; retrying');
        await this.sleep(delay);
        delay = Math.min(delay * 2, max);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await Promise.all([this.ingest.stop(), this.statsChannel.stop()]);
  }

  /** One POST; never throws. */
  async post(path: string, payload: object): Promise<Outcome> {
    try {
      const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.opts.timeoutMs ?? 15_000)]);
      const res = await this.fetchFn(`${this.base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.opts.token}` },
        body: JSON.stringify(payload),
        signal,
      });
      const text = await res.text();
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
      if (res.status >= 200 && res.status < 300) return { ok: true, body };
      const error = (body as { error?: unknown } | null)?.error;
      return { ok: false, retry: RETRYABLE(res.status), status: res.status, error: `HTTP ${res.status}${typeof error === 'string' ? `: ${error}` : ''}` };
    } catch (err) {
      return { ok: false, retry: true, status: 0, error: err instanceof Error ? err.message : String(err) };
    }
  }

  private countIngest(body: unknown): void {
    const a = (body ?? {}) as IngestAnswer;
    const c = this.ingest.counters;
    c.accepted += a.accepted ?? 0;
    c.duplicates += a.duplicates ?? 0;
    const rejected = Array.isArray(a.rejected) ? a.rejected : [];
    c.rejected += rejected.length;
    if (rejected.length > 0) {
      // A server that rejects everything would otherwise get a warning per tick: log 1st, 10th, 100th, … batch.
      const n = ++this.rejectedBatches;
      if (Number.isInteger(Math.log10(n))) {
        this.logger.warn({ count: rejected.length, sample: rejected.slice(0, 3), batchesWithRejections: n }, 'reports rejected');
      }
      if (rejected.some((r) => r.code === 'unknown_device')) this.opts.onUnknownDevices?.();
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const signal = this.abort.signal;
      const done = (): void => {
        clearTimeout(t);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const t = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
