import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@amanah/store';
import { openTestStore } from '@amanah/store/testing';
import { DEFAULT_ACCESS_CONFIG } from './access-config.js';
import { ApiKeyService } from './api-key.service.js';
import { ApiKeyInputError, createApiKey, createDemoViewerKey, DEMO_VIEWER_LABEL, findApiKey, listApiKeys, revokeApiKey } from './api-keys.js';
import { ADMIN_KEY_ID } from './principal.js';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;

beforeAll(async () => {
  store = await openTestStore();
});

afterAll(async () => {
  await store?.dispose();
});

describe('keys in the store (the functions the CLI uses)', () => {
  it('createApiKey stores the hash, never the secret, and answers the key once', async () => {
    const now = new Date('2025-03-01T09:00:00.123Z');
    const { record, key } = await createApiKey(store, { label: ' Riyadh ingest ', role: 'ingest', amanahs: ['riyadh', 'jeddah', 'riyadh'] }, now);
    expect(record).toEqual({ id: record.id, label: 'Riyadh ingest', role: 'ingest', amanahs: ['jeddah', 'riyadh'], createdAt: '2025-03-01T09:00:00.123Z', revokedAt: null });
    const secret = key.split('_')[2]!;
    const [row] = await store.select<Record<string, unknown>>('SELECT * FROM api_keys FINAL WHERE id = {id:String}', { id: record.id });
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row).toMatchObject({ role: 'ingest', all_amanahs: false, amanahs: ['jeddah', 'riyadh'], version: 1 });
    expect(await findApiKey(store, record.id)).toMatchObject({ ...record, secretHash: row!.secret_hash });
  });

  it('refuses bad input, naming the field', async () => {
    const attempts: Array<[Parameters<typeof createApiKey>[1], string]> = [
      [{ label: '', role: 'viewer', amanahs: 'all' }, 'label'],
      [{ label: 'x'.repeat(201), role: 'viewer', amanahs: 'all' }, 'label'],
      [{ label: 'ops\u0000admin', role: 'viewer', amanahs: 'all' }, 'label'],
      [{ label: 'line\nbreak', role: 'viewer', amanahs: 'all' }, 'label'],
      [{ label: 'key \u001b[2Jcleared', role: 'viewer', amanahs: 'all' }, 'label'],
      [{ label: 'jeddah \u202Enimda', role: 'viewer', amanahs: 'all' }, 'label'],
      [{ label: 'a\u2066b', role: 'viewer', amanahs: 'all' }, 'label'],
      [{ label: 'x', role: 'superuser' as 'viewer', amanahs: 'all' }, 'role'],
      [{ label: 'x', role: 'viewer', amanahs: [] }, 'amanahs'],
      [{ label: 'x', role: 'viewer', amanahs: ['jeddah', 'gotham'] }, 'amanahs'],
    ];
    for (const [input, field] of attempts) {
      const error = await createApiKey(store, input).catch((e: unknown) => e);
      expect(error, JSON.stringify(input)).toBeInstanceOf(ApiKeyInputError);
      expect((error as ApiKeyInputError).field).toBe(field);
    }
  });

  it('revokeApiKey writes a new version of the row; FINAL reads one row; revoking again changes nothing', async () => {
    const { record } = await createApiKey(store, { label: 'temp', role: 'viewer', amanahs: 'all' });
    const at = new Date('2025-03-02T10:00:00.000Z');
    const revoked = await revokeApiKey(store, record.id, at);
    expect(revoked).toEqual({ ...record, revokedAt: '2025-03-02T10:00:00.000Z' });
    expect(await revokeApiKey(store, record.id, new Date('2025-04-01T00:00:00.000Z'))).toEqual(revoked);
    const versions = await store.select<{ version: number }>('SELECT version FROM api_keys WHERE id = {id:String} ORDER BY version', { id: record.id });
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect((await listApiKeys(store)).filter((k) => k.id === record.id)).toEqual([revoked]);
    expect(await revokeApiKey(store, 'ffffffffffffffff')).toBeUndefined();
  });

  it('listApiKeys answers every key oldest first, without hashes', async () => {
    const keys = await listApiKeys(store);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(keys.map((k) => k.createdAt)).toEqual([...keys.map((k) => k.createdAt)].sort());
    for (const key of keys) expect(Object.keys(key).sort()).toEqual(['amanahs', 'createdAt', 'id', 'label', 'revokedAt', 'role']);
  });

  it('createDemoViewerKey makes one viewer key for every amanah and reuses it', async () => {
    const first = await createDemoViewerKey(store);
    expect(first).toMatchObject({ label: DEMO_VIEWER_LABEL, role: 'viewer', amanahs: 'all', revokedAt: null });
    expect((await createDemoViewerKey(store)).id).toBe(first.id);
  });
});

describe('ApiKeyService verification', () => {
  /** The store, counting the queries that reach it. */
  function countingStore(): { store: Store; selects: () => number } {
    let selects = 0;
    const counted = Object.create(store) as Store;
    counted.select = (...args: Parameters<Store['select']>) => {
      selects++;
      return store.select(...args);
    };
    return { store: counted, selects: () => selects };
  }

  it('accepts the right key, refuses a wrong secret, and serves repeats from memory without the store', async () => {
    const { key, record } = await createApiKey(store, { label: 'cached', role: 'press', amanahs: ['hail'] });
    const counted = countingStore();
    const service = new ApiKeyService(counted.store, DEFAULT_ACCESS_CONFIG);
    expect(await service.verify(key)).toEqual({ keyId: record.id, role: 'press', amanahs: ['hail'], label: 'cached', via: 'bearer' });
    expect(counted.selects()).toBe(1);
    const started = performance.now();
    for (let i = 0; i < 100; i++) await service.verify(key);
    const cachedMs = (performance.now() - started) / 100;
    expect(counted.selects()).toBe(1);
    expect(cachedMs).toBeLessThan(5); // scrypt alone takes tens of ms; a cached verification is a hash and a lookup
    expect(await service.verify(key.replace(/.$/, (c) => (c === '0' ? '1' : '0')))).toBeUndefined();
  });

  it('concurrent first requests share one store lookup', async () => {
    const { key } = await createApiKey(store, { label: 'burst', role: 'viewer', amanahs: 'all' });
    const counted = countingStore();
    const service = new ApiKeyService(counted.store, DEFAULT_ACCESS_CONFIG);
    const principals = await Promise.all(Array.from({ length: 10 }, () => service.verify(key)));
    expect(principals.every((p) => p?.role === 'viewer')).toBe(true);
    expect(counted.selects()).toBe(1);
  });

  it('revocation through the service is immediate; through another process, once the cache entry expires', async () => {
    // A TTL long enough that a loaded machine still verifies `elsewhere` from the cache before it expires.
    const service = new ApiKeyService(store, { ...DEFAULT_ACCESS_CONFIG, keyCacheTtlMs: 2_000 });
    const here = await createApiKey(store, { label: 'here', role: 'viewer', amanahs: 'all' });
    const elsewhere = await createApiKey(store, { label: 'elsewhere', role: 'viewer', amanahs: 'all' });
    expect(await service.verify(here.key)).toBeDefined();
    expect(await service.verify(elsewhere.key)).toBeDefined();

    await service.revoke(here.record.id);
    expect(await service.verify(here.key)).toBeUndefined();
    expect(await service.principalForSession(here.record.id)).toBeUndefined();

    await revokeApiKey(store, elsewhere.record.id); // as the CLI would, bypassing this process's cache
    expect(await service.verify(elsewhere.key)).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 2_050));
    expect(await service.verify(elsewhere.key)).toBeUndefined();
  });

  it('KPI_ADMIN_KEY is an admin key for every amanah, only when configured', async () => {
    const adminKey = 'bootstrap-admin-key-for-the-tests-0123456789';
    const service = new ApiKeyService(store, { ...DEFAULT_ACCESS_CONFIG, adminKey });
    expect(await service.verify(adminKey)).toEqual({ keyId: ADMIN_KEY_ID, role: 'admin', amanahs: 'all', label: 'KPI_ADMIN_KEY (bootstrap)', via: 'bearer' });
    expect(await service.verify(`${adminKey}x`)).toBeUndefined();
    expect(await service.principalForSession(ADMIN_KEY_ID)).toMatchObject({ role: 'admin', via: 'session' });
    const unconfigured = new ApiKeyService(store, DEFAULT_ACCESS_CONFIG);
    expect(await unconfigured.verify(adminKey)).toBeUndefined();
    expect(await unconfigured.principalForSession(ADMIN_KEY_ID)).toBeUndefined();
  });
});
