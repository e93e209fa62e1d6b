import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

const ISSUER = 'Futian Live Wall';

/** A new TOTP secret (20 random bytes, base32), as authenticator apps expect. */
export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, account: string): string {
  return generateURI({ issuer: ISSUER, label: account, secret });
}

/** The enrolment QR code as an SVG string, made here: no network, no third-party QR service. */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}

/**
 * Checks a 6-digit code against the secret, allowing one 30 s step of clock
 * drift either way. A code is good once: the step it matched must be later
 * than the last one accepted (RFC 6238 §5.2). Returns the step, or null.
 */
export async function checkTotp(secret: string, code: unknown, lastStep: number, nowMs: number): Promise<number | null> {
  if (typeof code !== 'string' || !/^\d{6}$/.test(code.trim())) return null;
  try {
    const r = await verify({
      secret,
      token: code.trim(),
      epoch: Math.floor(nowMs / 1000),
      epochTolerance: 30,
      afterTimeStep: lastStep,
    });
    return r.valid ? Math.floor(nowMs / 30_000) + r.delta : null;
  } catch {
    return null;
  }
}
