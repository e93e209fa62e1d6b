import { describe, expect, it } from 'vitest';
import type { IdentityPolicy } from '@futian/shared';
import { checkPolicy, policyChanges } from './policy';

const base: IdentityPolicy = { minLength: 12, minClasses: 3, maxAgeDays: 90, historyCount: 5, idleMinutes: 30, absoluteHours: 12, require2fa: true };

describe('identity policy form', () => {
  it('accepts a policy within the floors, numbers typed as text included', () => {
    expect(checkPolicy({ ...base, minLength: '14' })).toEqual({ ok: true, value: { ...base, minLength: 14 } });
  });

  it('names the first field outside its floor', () => {
    const r = (d: Partial<Record<keyof IdentityPolicy, number | string | boolean>>) => {
      const c = checkPolicy({ ...base, ...d } as Parameters<typeof checkPolicy>[0]);
      return c.ok ? null : c.field.key;
    };
    expect(r({ minLength: 9 })).toBe('minLength');
    expect(r({ minClasses: 2 })).toBe('minClasses');
    expect(r({ idleMinutes: 31 })).toBe('idleMinutes');
    expect(r({ idleMinutes: 0 })).toBe('idleMinutes');
    expect(r({ absoluteHours: 25 })).toBe('absoluteHours');
    expect(r({ historyCount: 25 })).toBe('historyCount');
    expect(r({ maxAgeDays: 366 })).toBe('maxAgeDays');
    expect(r({ maxAgeDays: 1.5 })).toBe('maxAgeDays');
    expect(r({ maxAgeDays: '' })).toBe('maxAgeDays');
    expect(r({ maxAgeDays: 0, historyCount: 0 })).toBeNull();
  });

  it('lists what changed', () => {
    expect(policyChanges(base, { ...base })).toEqual([]);
    expect(policyChanges(base, { ...base, idleMinutes: 15, require2fa: false })).toEqual(['idleMinutes', 'require2fa']);
  });
});
