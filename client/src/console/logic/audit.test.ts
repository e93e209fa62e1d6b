import { describe, expect, it } from 'vitest';
import { auditCsvHref, auditSearch, checkAuditFilter, emptyAuditFilter } from './audit';

describe('audit filters', () => {
  it('sends only what is set, times as epoch ms from China time (the times the rows show)', () => {
    expect(checkAuditFilter(emptyAuditFilter())).toEqual({ ok: true, value: {} });
    const c = checkAuditFilter({ from: '2026-12-01T08:00', to: '2026-12-02T08:00', actor: ' op1 ', action: '', outcome: 'refused' });
    expect(c).toEqual({
      ok: true,
      value: { from: Date.UTC(2026, 11, 1, 0, 0), to: Date.UTC(2026, 11, 2, 0, 0), actor: 'op1', outcome: 'refused' },
    });
  });

  it('refuses a range that ends before it starts, and a bad time', () => {
    expect(checkAuditFilter({ ...emptyAuditFilter(), from: '2026-12-02T08:00', to: '2026-12-01T08:00' })).toEqual({ ok: false, error: 'audit.badRange' });
    expect(checkAuditFilter({ ...emptyAuditFilter(), from: 'yesterday' })).toEqual({ ok: false, error: 'audit.badDate' });
  });

  it('builds the list query with paging and the CSV link without it', () => {
    const q = { actor: 'op 1', action: 'login.failed', from: 1000 };
    expect(auditSearch({})).toBe('');
    expect(auditSearch(q, { before: 42, limit: 100 })).toBe('?actor=op+1&action=login.failed&from=1000&before=42&limit=100');
    expect(auditSearch(q, { limit: 100 })).toBe('?actor=op+1&action=login.failed&from=1000&limit=100');
    expect(auditCsvHref(q)).toBe('/api/audit.csv?actor=op+1&action=login.failed&from=1000');
    expect(auditCsvHref({})).toBe('/api/audit.csv');
  });
});
