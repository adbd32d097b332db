import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDataChange } from './data-version.js';
import { openStore, type Store } from './store.js';
import { openTestStore, type TestStore } from './testing.js';

// The data version every request reads: the embedded store answers it from memory between writes of this process
// (store.ts EmbeddedWrites). Whatever the order of reads and writes, a read asked after a write has ended sees it.

let store: TestStore;

const count = async (s: Store) => Number((await s.select<{ n: number }>('SELECT count() AS n FROM data_changes'))[0]!.n);

beforeAll(async () => {
  store = await openTestStore();
});

afterAll(async () => {
  await store?.dispose();
});

describe('readDataVersion', () => {
  it('is the count of data changes after each write, read again or not', async () => {
    const start = await store.readDataVersion();
    expect(start).toBe(await count(store));
    expect(await store.readDataVersion()).toBe(start);
    for (let i = 1; i <= 3; i++) {
      await recordDataChange(store, 'manual', `write ${i}`);
      expect(await store.readDataVersion()).toBe(start + i);
      expect(await store.readDataVersion()).toBe(start + i);
    }
  });

  it('never keeps a version read while a write ran: reads racing writes end at the final count', async () => {
    const seen: number[] = [];
    const writes: Array<Promise<void>> = [];
    for (let i = 0; i < 10; i++) {
      seen.push(await store.readDataVersion());
      writes.push(recordDataChange(store, 'manual', `race ${i}`));
      void store.readDataVersion().then((v) => seen.push(v));
    }
    await Promise.all(writes);
    const final = await count(store);
    expect(await store.readDataVersion()).toBe(final);
    expect(await store.readDataVersion()).toBe(final);
    expect(Math.max(...seen)).toBeLessThanOrEqual(final);
  });

  it.skipIf(Boolean(process.env.CLICKHOUSE_URL))('sees a write through another store over the same directory in this process', async () => {
    const other = await openStore({ kind: 'embedded', dataDir: store.dataDir! });
    try {
      const before = await store.readDataVersion();
      await recordDataChange(other, 'manual', 'the other store');
      expect(await store.readDataVersion()).toBe(before + 1);
    } finally {
      await other.close();
    }
  });
});
