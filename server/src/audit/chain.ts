import { createHash } from 'node:crypto';
import type { AuditInput } from '../store/audit-types.js';

/**
 * The hash of one audit row: SHA-256 over the previous row's hash and this
 * row's fields in a fixed order. Editing any field of a row, or deleting a row
 * from the middle, breaks the chain at that row.
 */
export function chainHash(prev: string, r: AuditInput & { id: number }): string {
  const canonical = JSON.stringify([
    r.id,
    r.ts,
    r.actor,
    r.actorKind,
    r.address,
    r.action,
    r.target,
    r.outcome,
    r.screens,
    r.detail,
  ]);
  return createHash('sha256').update(prev).update('\n').update(canonical).digest('hex');
}
