import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A user id like Avaturn's: 32 uppercase base32 characters (160 random bits). */
export function newUserId(): string {
  const bytes = randomBytes(32);
  let id = '';
  for (const byte of bytes) id += BASE32[byte & 31];
  return id;
}

export function newUuid(): string {
  return randomUUID();
}

/** An unguessable URL token (pre-signed upload URLs, result files). */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

/** Constant-time string comparison for tokens. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
