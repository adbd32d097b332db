import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Store } from '@amanah/store';
import { openTestStore } from '@amanah/store/testing';
import { DEFAULT_ACCESS_CONFIG } from './access-config.js';
import { ApiKeyService } from './api-key.service.js';
import { createApiKey } from './api-keys.js';
import { verifySecret } from './key-secret.js';

// The failed-attempt limit counts failures after the key is checked (so that it never refuses a right key); what
// keeps that safe is that failures are cheap. scrypt is counted (it is still run, only observed); the store is real.
vi.mock('./key-secret.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('./key-secret.js')>();
  return { ...original, verifySecret: vi.fn(original.verifySecret) };
});

type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;

beforeAll(async () => {
  store = await openTestStore();
});

afterAll(async () => {
  await store?.dispose();
});

it('malformed keys, unknown ids and replayed wrong keys cost no scrypt; a malformed key not even a store query', async () => {
  const { key } = await createApiKey(store, { label: 'cost', role: 'viewer', amanahs: 'all' });
  let selects = 0;
  const counted = Object.create(store) as Store;
  counted.select = (...args: Parameters<Store['select']>) => {
    selects++;
    return store.select(...args);
  };
  const service = new ApiKeyService(counted, DEFAULT_ACCESS_CONFIG);
  const scrypts = vi.mocked(verifySecret);
  scrypts.mockClear();

  expect(await service.verify('akpi_not-a-key')).toBeUndefined();
  expect(selects).toBe(0);
  expect(await service.verify(`akpi_${'0'.repeat(16)}_${'0'.repeat(64)}`)).toBeUndefined();
  expect(scrypts).toHaveBeenCalledTimes(0);

  const wrong = key.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
  for (let i = 0; i < 5; i++) expect(await service.verify(wrong)).toBeUndefined();
  expect(scrypts).toHaveBeenCalledTimes(1);

  // The right key of the same id: one scrypt, then none.
  for (let i = 0; i < 5; i++) expect((await service.verify(key))?.role).toBe('viewer');
  expect(scrypts).toHaveBeenCalledTimes(2);
});

it('a refreshed cache entry keeps what scrypt decided for the same hash, and requests arriving together share one check', async () => {
  const { key, record } = await createApiKey(store, { label: 'refresh', role: 'viewer', amanahs: ['tabuk'] });
  const service = new ApiKeyService(store, { ...DEFAULT_ACCESS_CONFIG, keyCacheTtlMs: 1 });
  const scrypts = vi.mocked(verifySecret);
  scrypts.mockClear();

  // Ten requests with the same key at once: one scrypt.
  const principals = await Promise.all(Array.from({ length: 10 }, () => service.verify(key)));
  expect(principals.map((p) => p?.keyId)).toEqual(Array(10).fill(record.id));
  expect(scrypts).toHaveBeenCalledTimes(1);

  // Every entry expires at once (1 ms): each verify reads the store again, but the hash is the same, so no scrypt.
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await service.verify(key))?.keyId).toBe(record.id);
  }
  expect(scrypts).toHaveBeenCalledTimes(1);
  const wrong = key.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
  expect(await service.verify(wrong)).toBeUndefined();
  await new Promise((resolve) => setTimeout(resolve, 5));
  expect(await service.verify(wrong)).toBeUndefined();
  expect(scrypts).toHaveBeenCalledTimes(2);

  // Revoked through the service: refused at once, whatever was verified before.
  await service.revoke(record.id);
  expect(await service.verify(key)).toBeUndefined();
});

it('a key in steady use is read again before its entry expires, so that no request waits for the store', async () => {
  const { key, record } = await createApiKey(store, { label: 'ahead', role: 'viewer', amanahs: 'all' });
  let selects = 0;
  const counted = Object.create(store) as Store;
  counted.select = (...args: Parameters<Store['select']>) => {
    selects++;
    return store.select(...args);
  };
  const service = new ApiKeyService(counted, { ...DEFAULT_ACCESS_CONFIG, keyCacheTtlMs: 1_000 });
  expect((await service.verify(key))?.keyId).toBe(record.id);
  expect(selects).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 850)); // the entry's last fifth
  expect((await service.verify(key))?.keyId).toBe(record.id); // answered from the entry; a read starts beside it
  await expect.poll(() => selects).toBe(2);
  await new Promise((resolve) => setTimeout(resolve, 300)); // past the first entry's expiry: the new one answers
  expect((await service.verify(key))?.keyId).toBe(record.id);
  expect(selects).toBe(2);
});
