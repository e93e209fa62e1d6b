import { chainHash } from '../store/audit-chain.js';
import type { AuditRepo, ChainPoint, StoredAuditRow } from '../store/audit-types.js';

/**
 * What is wrong at the first bad row:
 * - `edited`: the row's contents (or its prev_hash) no longer give its stored hash;
 * - `hash rewritten`: the row is self-consistent but the next row recorded a
 *   different hash for it: it was edited and its hash recomputed;
 * - `deleted before`: rows are missing just before this one (an id gap, and its
 *   prev_hash names a row that is gone);
 * - `chain broken`: the first row does not start from the anchor (or from
 *   nothing, before any prune), with no gap to explain it;
 * - `truncated`: a pinned row (from a logged `audit head`) is gone;
 * - `recomputed`: a pinned row is there with another hash: the chain was
 *   rebuilt from that row or earlier.
 */
export type TamperReason = 'edited' | 'hash rewritten' | 'deleted before' | 'chain broken' | 'truncated' | 'recomputed';

export interface AuditVerdict {
  ok: boolean;
  /** Rows checked (all of them when ok; up to the first bad one otherwise). */
  rows: number;
  firstBad?: { id: number; reason: TamperReason; message: string };
  /** The newest row checked. */
  head: ChainPoint | null;
  /** Where the checked chain starts: the last pruned row, or null before any prune. */
  anchor: ChainPoint | null;
  ms: number;
}

export interface VerifyOptions {
  /**
   * Rows read per query; memory stays at one batch whatever the trail's
   * length. The default holds the event loop about 10 ms per batch on a
   * 2-core machine; the CLI, with nothing else to serve, reads more at once.
   */
  batch?: number;
  /**
   * Chain heads recorded elsewhere (the hourly `audit head` log line, shipped
   * off the machine). Each must still be in the chain with the same hash,
   * unless it has since been pruned.
   */
  pins?: ChainPoint[];
}

const short = (h: string): string => (h ? h.slice(0, 12) : "''");

/**
 * Walks the whole chain in id order, one batch at a time, yielding to the
 * event loop between batches so a check of a million rows from the API does
 * not stall the walls. It recomputes each row's hash and checks that each row
 * names the one before it; it stops at the first bad row.
 *
 * What it cannot detect, and why that is acceptable:
 * - Truncation: deleting the newest rows leaves a shorter chain that is
 *   perfectly valid. The database refuses to delete rows younger than the
 *   retention period, so this needs someone who drops the trigger first.
 * - A full recompute: someone with write access to the file and this code
 *   can rewrite any rows and recompute every hash after them. A hash chain
 *   without a secret or an outside witness cannot tell.
 * The mitigation for both is an outside witness: the server logs the chain
 * head (id and hash) every hour at info (`audit head`, see head.ts), and a
 * deployment ships its logs off the machine (syslog, the log platform). A
 * logged head that is missing, or present with another hash, proves the trail
 * was cut or rewritten after that hour: pass such heads as `pins` (the CLI's
 * `--pin id:hash`). Rows written since the last shipped head stay unprotected
 * against someone who has both the file and the code.
 *
 * Pruning while a check runs is fine: when a row does not link to the one
 * before it, the anchor is read again, and if the pruner moved it past that
 * point the walk continues from the new anchor.
 */
export async function verifyAuditChain(repo: AuditRepo, opts: VerifyOptions = {}): Promise<AuditVerdict> {
  const started = performance.now();
  const batch = opts.batch ?? 2000;
  const pins = new Map((opts.pins ?? []).map((p) => [p.id, p.hash]));
  let anchor = await repo.anchor();
  let prev: ChainPoint = anchor ?? { id: 0, hash: '' };
  let head: ChainPoint | null = null;
  let rows = 0;

  const verdict = (bad?: AuditVerdict['firstBad']): AuditVerdict => ({
    ok: !bad,
    rows,
    ...(bad ? { firstBad: bad } : {}),
    head,
    anchor,
    ms: Math.round(performance.now() - started),
  });

  for (;;) {
    const page = await repo.scan(prev.id, batch);
    if (page.length === 0) break;
    for (const r of page) {
      if (r.prevHash !== prev.hash) {
        const moved = await repo.anchor();
        if (moved && moved.id >= prev.id && r.id === moved.id + 1 && r.prevHash === moved.hash) {
          // The pruner ran meanwhile and took rows this walk had not reached.
          anchor = moved;
        } else {
          return verdict(linkFailure(r, prev, anchor));
        }
      }
      const hash = chainHash(r.prevHash, r);
      if (hash !== r.hash) {
        return verdict({ id: r.id, reason: 'edited', message: `row #${r.id}: its contents do not give its stored hash ${short(r.hash)}` });
      }
      const pinned = pins.get(r.id);
      if (pinned !== undefined && pinned !== r.hash) {
        return verdict({
          id: r.id,
          reason: 'recomputed',
          message: `row #${r.id}: hash ${short(r.hash)} differs from the pinned ${short(pinned)}; the chain was rebuilt from here or earlier`,
        });
      }
      rows++;
      prev = { id: r.id, hash: r.hash };
      head = prev;
    }
    if (page.length < batch) break;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  // A pin above the head is a row that existed when it was logged and is gone now.
  const lost = [...pins.keys()].filter((id) => id > (head?.id ?? anchor?.id ?? 0)).sort((a, b) => a - b)[0];
  if (lost !== undefined) {
    return verdict({
      id: lost,
      reason: 'truncated',
      message: `row #${lost} was logged as a chain head but the trail now ends at #${head?.id ?? anchor?.id ?? 0}`,
    });
  }
  return verdict();
}

/** Why row r does not name `prev`: rows deleted, `prev`'s hash rewritten, r edited, or a start that is not the anchor. */
function linkFailure(r: StoredAuditRow, prev: ChainPoint, anchor: ChainPoint | null): NonNullable<AuditVerdict['firstBad']> {
  if (r.id !== prev.id + 1) {
    const gap = r.id - prev.id - 1;
    return {
      id: r.id,
      reason: 'deleted before',
      message: `row #${r.id}: ${gap > 0 ? `${gap} row(s) missing after #${prev.id}` : `out of order after #${prev.id}`} (it names ${short(r.prevHash)} before it)`,
    };
  }
  // r's own hash still covers its prev_hash: r is as written, so what it names
  // was the previous row's hash then, and that row's stored hash has changed since.
  const selfConsistent = chainHash(r.prevHash, r) === r.hash;
  if (!selfConsistent) {
    return { id: r.id, reason: 'edited', message: `row #${r.id}: its prev_hash and contents do not give its stored hash ${short(r.hash)}` };
  }
  if (prev.id === 0 || prev.id === anchor?.id) {
    return {
      id: r.id,
      reason: 'chain broken',
      message: `row #${r.id}: does not start from ${anchor ? `the anchor #${anchor.id} ${short(anchor.hash)}` : 'an empty chain'}`,
    };
  }
  return {
    id: prev.id,
    reason: 'hash rewritten',
    message: `row #${prev.id}: stored hash ${short(prev.hash)} is not the ${short(r.prevHash)} row #${r.id} recorded; it was edited and rehashed`,
  };
}
