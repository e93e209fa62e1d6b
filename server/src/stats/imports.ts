import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../platform/clock.js';
import { buildPreview, type PreviewBody } from './import/preview.js';
import { readStatsFile } from './import/read-file.js';
import type { StatsService } from './service.js';

export interface Preview extends PreviewBody {
  id: string;
  fileName: string;
  sha256: string;
  format: 'xlsx' | 'csv';
  createdAt: number;
  expiresAt: number;
  /** Who uploaded it: only they may publish it. */
  owner: number;
}

/** A preview is kept this long for its uploader to publish it. */
const PREVIEW_TTL_MS = 30 * 60_000;
/** Previews kept per user; an older one goes when a new file comes. */
const PER_USER = 3;

/**
 * The statistics upload workflow: a file becomes a preview (nothing changes
 * yet); its uploader publishes it as one batch, or lets it lapse. Previews live
 * in memory: a restart between preview and publish means uploading again,
 * which is safer than publishing a file checked against values since changed.
 */
export class StatsImports {
  private readonly previews = new Map<string, Preview>();

  constructor(
    private readonly stats: StatsService,
    private readonly clock: Clock,
  ) {}

  /** Reads and checks a file; throws FileRefused for a file that is not a usable sheet. */
  async preview(buf: Buffer, fileName: string, owner: number): Promise<Preview> {
    const sheet = await readStatsFile(buf);
    const body = buildPreview(sheet.rows, (k) => this.stats.get(k), (f) => this.stats.validate(f));
    this.sweep();
    const mine = [...this.previews.values()].filter((p) => p.owner === owner).sort((a, b) => a.createdAt - b.createdAt);
    for (const old of mine.slice(0, Math.max(0, mine.length - PER_USER + 1))) this.previews.delete(old.id);
    const now = this.clock.now();
    const p: Preview = {
      ...body,
      id: randomBytes(9).toString('base64url'),
      fileName,
      sha256: createHash('sha256').update(buf).digest('hex'),
      format: sheet.format,
      createdAt: now,
      expiresAt: now + PREVIEW_TTL_MS,
      owner,
    };
    this.previews.set(p.id, p);
    return p;
  }

  /** The user's own preview, if it has not lapsed. */
  get(id: string, owner: number): Preview | null {
    this.sweep();
    const p = this.previews.get(id);
    return p && p.owner === owner ? p : null;
  }

  /** A preview is used once: published, it goes. */
  take(id: string): void {
    this.previews.delete(id);
  }

  /**
   * Rows whose value on the walls changed since the preview was made (someone
   * else published meanwhile): publishing would overwrite a figure the clerk
   * never saw.
   */
  changedSince(p: Preview): number[] {
    const lines: number[] = [];
    for (const r of p.rows) {
      if (r.status === 'error' || !r.key) continue;
      if ((this.stats.get(r.key)?.value ?? null) !== r.current) lines.push(r.line);
    }
    return lines;
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [id, p] of this.previews) if (p.expiresAt <= now) this.previews.delete(id);
  }
}
