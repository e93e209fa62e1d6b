import { createHash, randomBytes, randomInt } from 'node:crypto';

/** A bearer secret (a screen credential, an enrollment link's token): 256 bits, URL-safe. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** What is stored instead of a secret: a copied database grants nothing. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

// No 0/O, 1/I/L: the code is read off a wall across a room and typed by hand.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 6;

/** A pairing code: 31⁶ ≈ 890 million, short-lived and approved by a person looking at the wall. */
export function newPairingCode(): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

/** Accepts the code as people type it: any case, with spaces or a dash in the middle. */
export function normaliseCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** A screen id nobody chose: `screen-` and 8 characters. */
export function newScreenId(): string {
  return `screen-${randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 8).toLowerCase()}`;
}
