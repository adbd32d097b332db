import { Logger, type LoggerService } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@amanah/store';
import { openTestStore } from '@amanah/store/testing';
import { DEFAULT_ACCESS_CONFIG } from './access-config.js';
import { ApiKeyService } from './api-key.service.js';
import { createApiKey } from './api-keys.js';

// A cached key is read again in the background in the last fifth of its life. When that read fails (the store
// unreachable), the failure is logged (Nest's Logger, pino in the API) and the last good entry is served only until it
// expires: then the key is read in the request, which fails while the store does, and works again once it is back.
let store: Awaited<ReturnType<typeof openTestStore>>;
const logged: Array<{ level: string; message: string; context: unknown }> = [];
const recorder: LoggerService = Object.fromEntries(
  ['log', 'error', 'warn', 'debug', 'verbose', 'fatal'].map((level) => [level, (message: unknown, ...rest: unknown[]) => {
    logged.push({ level, message: String(message), context: rest.at(-1) });
  }]),
) as unknown as LoggerService;

beforeAll(async () => {
  store = await openTestStore();
  Logger.overrideLogger(recorder);
});
afterAll(async () => {
  Logger.overrideLogger(false);
  await store?.dispose();
});

/** The real store, whose reads fail while `down` is set (as an unreachable server's would), counting them. */
function flakyStore() {
  const state = { down: false, failedReads: 0 };
  const flaky = Object.create(store) as Store;
  flaky.select = (...args: Parameters<Store['select']>) => {
    if (state.down) {
      state.failedReads++;
      return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:8123'));
    }
    return store.select(...args);
  };
  return { store: flaky, state };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the key cache when its background refresh fails', () => {
  it('logs the failure, serves the last good entry until it expires and no longer', async () => {
    const ttl = 1_500;
    const { key, record } = await createApiKey(store, { label: 'refresh', role: 'viewer', amanahs: 'all' });
    const { store: flaky, state } = flakyStore();
    const service = new ApiKeyService(flaky, { ...DEFAULT_ACCESS_CONFIG, keyCacheTtlMs: ttl });
    const cachedAt = Date.now();
    expect(await service.verify(key)).toMatchObject({ keyId: record.id, role: 'viewer' });

    state.down = true;
    await sleep(cachedAt + ttl * 0.85 - Date.now()); // the last fifth of the entry's life
    expect(await service.verify(key)).toMatchObject({ keyId: record.id }); // served; a refresh starts in the background
    await sleep(50);
    expect(state.failedReads).toBe(1);
    const warnings = logged.filter((entry) => entry.level === 'warn' && entry.context === 'Access');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(new RegExp(`API key ${record.id}: refreshing its cached entry failed; it is served until .+ECONNREFUSED`));
    // Still the last good entry, without another background read per request.
    expect(await service.verify(key)).toMatchObject({ keyId: record.id });
    await sleep(20);
    expect(state.failedReads).toBe(1);

    // Past its expiry it is not trusted: the request reads the key and meets the store's error.
    await sleep(cachedAt + ttl + 50 - Date.now());
    await expect(service.verify(key)).rejects.toThrow(/ECONNREFUSED/);
    state.down = false;
    expect(await service.verify(key)).toMatchObject({ keyId: record.id, role: 'viewer' });
  });
});
