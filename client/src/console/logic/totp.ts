import type { Checked } from './checked';

/**
 * The second factor's pure side: what a typed code must look like before it is
 * sent, the QR code as an image address, and the recovery-code file.
 */

/** A code as an authenticator app shows it ("123 456"), without its spaces. */
export function checkTotpCode(typed: string): Checked<string> {
  const code = typed.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(code) ? { ok: true, value: code } : { ok: false, error: 'totp.codeRule' };
}

/** A recovery code as typed: surrounding space dropped; its form is the server's (it compares). */
export function checkRecoveryCode(typed: string): Checked<string> {
  const code = typed.trim();
  return code.length >= 6 && code.length <= 64 ? { ok: true, value: code } : { ok: false, error: 'totp.recoveryRule' };
}

/**
 * The server's SVG QR code as a data: address for an <img>. An image cannot run
 * script or add markup to the page, so even this trusted server output never
 * goes through v-html. Base64 of the UTF-8 bytes: btoa alone takes Latin-1.
 */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `data:image/svg+xml;base64,${btoa(bin)}`;
}

/** A base32 secret in groups of four, as authenticator apps ask for it when typed by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** The .txt the officer keeps: which console and account the codes are for, when they were made, one code a line. */
export function recoveryFile(codes: readonly string[], account: string, host: string, madeAt: Date): string {
  const lines = [
    `Futian Live Wall console recovery codes / 福田大屏值班控制台恢复码`,
    `account / 账号: ${account}`,
    `console / 控制台: ${host}`,
    `made / 生成于: ${madeAt.toISOString()}`,
    `Each code works once. Generating new codes voids these. / 每个恢复码只能使用一次；重新生成后本组作废。`,
    '',
    ...codes,
    '',
  ];
  return lines.join('\r\n');
}

export function recoveryFileName(account: string): string {
  return `futian-console-recovery-${account.replace(/[^\w.-]/g, '_')}.txt`;
}
