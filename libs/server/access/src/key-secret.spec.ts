import { describe, expect, it } from 'vitest';
import { constantTimeEquals, generateKey, hashSecret, parseKey, SCRYPT_PARAMS, verifySecret } from './key-secret.js';

describe('API key strings', () => {
  it('are akpi_<16 hex id>_<64 hex secret>, different every time, and parse back', () => {
    const a = generateKey();
    const b = generateKey();
    expect(a.key).toMatch(/^akpi_[0-9a-f]{16}_[0-9a-f]{64}$/);
    expect(a.key).toBe(`akpi_${a.id}_${a.secret}`);
    expect(b.id).not.toBe(a.id);
    expect(b.secret).not.toBe(a.secret);
    expect(parseKey(a.key)).toEqual({ id: a.id, secret: a.secret });
  });

  it('anything else does not parse (so it never reaches the store)', () => {
    const { id, secret } = generateKey();
    for (const bad of ['', 'akpi', `akpi_${id}`, `akpi_${id}_${secret}x`, `AKPI_${id}_${secret}`, `akpi_${id.toUpperCase()}_${secret}`, ` akpi_${id}_${secret}`]) {
      expect(parseKey(bad), bad).toBeUndefined();
    }
  });
});

describe('secret hashes (scrypt)', () => {
  it('verify the right secret only, carry their parameters, and differ per key by their salt', async () => {
    const { secret } = generateKey();
    const first = await hashSecret(secret);
    const second = await hashSecret(secret);
    expect(first).toMatch(new RegExp(`^scrypt\\$${SCRYPT_PARAMS.N}\\$${SCRYPT_PARAMS.r}\\$${SCRYPT_PARAMS.p}\\$[\\w-]{22}\\$[\\w-]{43}$`));
    expect(first).not.toBe(second);
    expect(first).not.toContain(secret);
    expect(await verifySecret(secret, first)).toBe(true);
    expect(await verifySecret(secret, second)).toBe(true);
    expect(await verifySecret(generateKey().secret, first)).toBe(false);
    expect(await verifySecret(secret.slice(0, -1), first)).toBe(false);
  });

  it('refuse a malformed stored hash instead of throwing', async () => {
    expect(await verifySecret('x', 'bcrypt$whatever')).toBe(false);
    expect(await verifySecret('x', '')).toBe(false);
  });
});

describe('constantTimeEquals', () => {
  it('compares strings of any length', () => {
    expect(constantTimeEquals('admin-key-123', 'admin-key-123')).toBe(true);
    expect(constantTimeEquals('admin-key-12', 'admin-key-123')).toBe(false);
    expect(constantTimeEquals('', 'admin-key-123')).toBe(false);
    expect(constantTimeEquals('admin-key-124', 'admin-key-123')).toBe(false);
  });
});
