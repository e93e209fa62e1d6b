import { describe, expect, it } from 'vitest';
import { AUDIT_RETENTION_MIN_MS, auditRetentionFromEnv } from './audit-retention.js';

const DAY = 86_400_000;

describe('auditRetentionFromEnv', () => {
  it('defaults to 180 days', () => {
    expect(auditRetentionFromEnv({})).toBe(180 * DAY);
    expect(auditRetentionFromEnv({ WALL_AUDIT_RETENTION_DAYS: '' })).toBe(AUDIT_RETENTION_MIN_MS);
  });

  it('takes whole days from 180 up', () => {
    expect(auditRetentionFromEnv({ WALL_AUDIT_RETENTION_DAYS: '180' })).toBe(180 * DAY);
    expect(auditRetentionFromEnv({ WALL_AUDIT_RETENTION_DAYS: ' 365 ' })).toBe(365 * DAY);
  });

  it.each(['179', '30', '0', '-200', '200.5', '6m', 'abc', '99999999'])('refuses %s with a message naming the variable and the floor', (v) => {
    expect(() => auditRetentionFromEnv({ WALL_AUDIT_RETENTION_DAYS: v })).toThrow(/^WALL_AUDIT_RETENTION_DAYS must be a whole number of days from 180 .*got/);
  });
});
