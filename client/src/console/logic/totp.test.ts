import { describe, expect, it } from 'vitest';
import { checkRecoveryCode, checkTotpCode, groupSecret, recoveryFile, recoveryFileName, svgDataUrl } from './totp';

describe('second factor helpers', () => {
  it('takes a 6-digit code as the app shows it, spaces and all', () => {
    expect(checkTotpCode('123 456')).toEqual({ ok: true, value: '123456' });
    expect(checkTotpCode(' 123456 ')).toEqual({ ok: true, value: '123456' });
    expect(checkTotpCode('12345')).toEqual({ ok: false, error: 'totp.codeRule' });
    expect(checkTotpCode('12345a')).toEqual({ ok: false, error: 'totp.codeRule' });
  });

  it('takes a recovery code as typed, trimmed', () => {
    expect(checkRecoveryCode('  abcd-efgh-ijkl ')).toEqual({ ok: true, value: 'abcd-efgh-ijkl' });
    expect(checkRecoveryCode('abc')).toEqual({ ok: false, error: 'totp.recoveryRule' });
  });

  it('makes the SVG an image address, base64 of its UTF-8 bytes', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><title>二维码</title></svg>';
    const url = svgDataUrl(svg);
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const bin = atob(url.slice(url.indexOf(',') + 1));
    expect(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)))).toBe(svg);
  });

  it('groups a secret in fours for typing', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXPJBSW')).toBe('JBSW Y3DP EHPK 3PXP JBSW');
    expect(groupSecret('ABCDE')).toBe('ABCD E');
  });

  it('writes the recovery file with the account, the console and one code a line', () => {
    const text = recoveryFile(['aaaa-1111', 'bbbb-2222'], 'sysadm', 'wall.local:8080', new Date(Date.UTC(2026, 11, 7, 8, 0)));
    const lines = text.split('\r\n');
    expect(lines).toContain('account / 账号: sysadm');
    expect(lines).toContain('console / 控制台: wall.local:8080');
    expect(lines).toContain('made / 生成于: 2026-12-07T08:00:00.000Z');
    expect(lines.slice(-3)).toEqual(['aaaa-1111', 'bbbb-2222', '']);
    expect(recoveryFileName('a/b c')).toBe('futian-console-recovery-a_b_c.txt');
  });
});
