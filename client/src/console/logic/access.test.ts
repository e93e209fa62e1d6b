import { describe, expect, it } from 'vitest';
import { controlRights, currentStep, expiryWarning, setupSteps, tabFor, tabsFor, usersMode } from './access';

const DAY = 86_400_000;

describe('what each role sees', () => {
  it('gives each role its tabs (三员分立): the auditor only the audit trail', () => {
    expect(tabsFor('viewer')).toEqual(['control', 'alarms']);
    expect(tabsFor('operator')).toEqual(['control', 'alarms']);
    expect(tabsFor('sysadmin')).toEqual(['control', 'alarms', 'users']);
    expect(tabsFor('secadmin')).toEqual(['control', 'alarms', 'users', 'sessions', 'policy']);
    expect(tabsFor('auditor')).toEqual(['audit']);
    // Statistics staff load figures and nothing else; nobody else loads them.
    expect(tabsFor('statistician')).toEqual(['stats']);
  });

  it('keeps the wanted tab when the role has it, else the first the role has', () => {
    expect(tabFor('secadmin', 'policy')).toBe('policy');
    expect(tabFor('operator', 'policy')).toBe('control');
    expect(tabFor('auditor', 'control')).toBe('audit');
    expect(tabFor('statistician', 'control')).toBe('stats');
  });

  it('shows the users panel as accounts to the system admin and as roles to the security admin', () => {
    expect(usersMode('sysadmin')).toBe('accounts');
    expect(usersMode('secadmin')).toBe('roles');
    expect(usersMode('operator')).toBeNull();
    expect(usersMode('auditor')).toBeNull();
  });

  it('lets operators drive walls and the system admin manage screens, not the other way round', () => {
    expect(controlRights('viewer')).toEqual({ wall: false, screens: false });
    expect(controlRights('operator')).toEqual({ wall: true, screens: false });
    expect(controlRights('sysadmin')).toEqual({ wall: false, screens: true });
    expect(controlRights('secadmin')).toEqual({ wall: false, screens: false });
  });
});

describe('pending steps', () => {
  it('shows the first pending step, in the server order', () => {
    expect(currentStep({ pending: ['rename', 'password'] })).toBe('rename');
    expect(currentStep({ pending: [] })).toBeNull();
  });

  it('lists the steps of this sitting: done, now, next', () => {
    expect(setupSteps(['rename', 'password'], [])).toEqual([
      { step: 'rename', state: 'now' },
      { step: 'password', state: 'next' },
    ]);
    expect(setupSteps(['totp'], ['rename', 'password'])).toEqual([
      { step: 'rename', state: 'done' },
      { step: 'password', state: 'done' },
      { step: 'totp', state: 'now' },
    ]);
  });
});

describe('password expiry warning', () => {
  const now = 1_800_000_000_000;
  it('warns within 14 days, in whole days left', () => {
    expect(expiryWarning(null, now)).toBeNull();
    expect(expiryWarning(now + 15 * DAY, now)).toBeNull();
    expect(expiryWarning(now + 14 * DAY, now)).toBe(14);
    expect(expiryWarning(now + 3.5 * DAY, now)).toBe(3);
    expect(expiryWarning(now + 2 * 3_600_000, now)).toBe(0);
    expect(expiryWarning(now - DAY, now)).toBe(0);
  });
});
