import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * API key strings, `akpi_<id>_<secret>`: the id (8 random bytes, hex) finds the stored row without a scan, the secret
 * (32 random bytes, hex) is checked against its scrypt hash. Only the hash is stored; the key is shown once.
 */
export const KEY_PREFIX = 'akpi';
const KEY_PATTERN = /^akpi_([0-9a-f]{16})_([0-9a-f]{64})$/;

export interface ParsedKey {
  id: string;
  secret: string;
}

export function generateKey(): { id: string; secret: string; key: string } {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('hex');
  return { id, secret, key: `${KEY_PREFIX}_${id}_${secret}` };
}

/** The id and secret of a well-formed key; undefined for anything else (no store lookup for garbage). */
export function parseKey(key: string): ParsedKey | undefined {
  const match = KEY_PATTERN.exec(key);
  return match ? { id: match[1]!, secret: match[2]! } : undefined;
}

/**
 * scrypt cost. The secrets are 256 random bits, so the hash is not what stops guessing; scrypt (rather than a bare
 * SHA-256) keeps a leaked table from being checked cheaply against stolen-key candidates. N = 2^14, r = 8 is the
 * interactive-login cost (≈ 30-60 ms, 16 MB); verified keys are cached (ApiKeyService) so requests do not pay it.
 */
export const SCRYPT_PARAMS = { N: 16_384, r: 8, p: 1 } as const;
const HASH_BYTES = 32;
const SALT_BYTES = 16;

function scryptAsync(secret: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, keylen, options, (error, derived) => (error ? reject(error) : resolve(derived))),
  );
}

/** `scrypt$N$r$p$salt$hash` (salt and hash base64url): the parameters travel with the hash. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const { N, r, p } = SCRYPT_PARAMS;
  const hash = await scryptAsync(secret, salt, HASH_BYTES, { N, r, p });
  return ['scrypt', N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Whether the secret matches the stored hash; constant time in the comparison of the derived bytes. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const derived = await scryptAsync(secret, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return derived.length === expected.length && timingSafeEqual(derived, expected);
}

/**
 * Constant-time equality of two strings of any length: both are hashed to 32 bytes first, so neither the content
 * nor the length of the expected value leaks through timing (timingSafeEqual alone throws on unequal lengths).
 */
export function constantTimeEquals(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}

export function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
