import type { Logger } from '../platform/logger.js';
import type { AuditRepo, ChainPoint } from '../store/audit-types.js';

/**
 * Logs the chain head (the newest row's id and hash) at info: `audit head`.
 * The composition root calls it at start and every hour. Once the log leaves
 * the machine (syslog, a log platform), each line pins the trail as it was at
 * that hour: `pnpm audit:verify --pin <id>:<hash>` then proves that nobody has
 * since cut the newest rows off or recomputed the chain, the two things a
 * hash chain cannot show by itself (verify.ts).
 */
export async function logAuditHead(repo: AuditRepo, log: Logger): Promise<ChainPoint | null> {
  try {
    const head = await repo.head();
    log.info({ auditHead: head ? { id: head.id, hash: head.hash } : null }, 'audit head');
    return head;
  } catch (err) {
    log.error({ err }, 'audit head unavailable');
    return null;
  }
}
