import PQueue from 'p-queue';
import { hashPassword, verifyPassword } from './passwords.js';

/** Thrown when the queue is full: the caller answers 503 with Retry-After instead of waiting. */
export class HashingBusy extends Error {
  constructor() {
    super('the server is busy checking other sign-ins; try again in 1 s');
  }
}

/**
 * Password hashing in a bounded queue. scrypt runs on libuv's thread pool (4
 * threads), which file reads for static pages share: an unbounded flood of
 * logins would hold every thread and starve the rest of the server (18 s for
 * GET /wall with 400 concurrent logins). At most `concurrency` hashes run at
 * once (leaving the other threads free), at most `maxQueued` wait, and the
 * rest are refused at once rather than queued without limit.
 */
export class HashingQueue {
  private readonly q: PQueue;

  constructor(
    concurrency = 2,
    private readonly maxQueued = 32,
  ) {
    this.q = new PQueue({ concurrency });
  }

  private run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.q.size >= this.maxQueued) return Promise.reject(new HashingBusy());
    return this.q.add(fn) as Promise<T>;
  }

  hash(pw: string): Promise<{ salt: string; hash: string }> {
    return this.run(() => hashPassword(pw));
  }

  verify(pw: string, salt: string, hash: string): Promise<boolean> {
    return this.run(() => verifyPassword(pw, salt, hash));
  }

  /** True when a new job would be refused: callers check first and skip the work that leads up to the hash. */
  get full(): boolean {
    return this.q.size >= this.maxQueued;
  }

  get waiting(): number {
    return this.q.size;
  }

  get running(): number {
    return this.q.pending;
  }
}
