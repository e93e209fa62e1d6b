import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (pw: string, salt: Buffer, len: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(pw, salt, len, opts, (err, key) => (err ? reject(err) : resolve(key))));

/** scrypt with N=2^15, r=8: ~50 ms per check on these machines, a fair cost for a console login. */
const PARAMS: ScryptOptions = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEYLEN = 32;

export async function hashPassword(pw: string): Promise<{ salt: string; hash: string }> {
  const salt = randomBytes(16);
  const key = await scrypt(pw, salt, KEYLEN, PARAMS);
  return { salt: salt.toString('base64'), hash: key.toString('base64') };
}

export async function verifyPassword(pw: string, salt: string, hash: string): Promise<boolean> {
  const key = await scrypt(pw, Buffer.from(salt, 'base64'), KEYLEN, PARAMS);
  const want = Buffer.from(hash, 'base64');
  return want.length === key.length && timingSafeEqual(want, key);
}

/** A one-time password readable from a log line: 4 groups of 4 without look-alike characters. */
export function oneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out.match(/.{4}/g)!.join('-');
}
