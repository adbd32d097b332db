import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeOfficeVisit } from '@amanah/seed';
import { openTestStore } from '@amanah/store/testing';
import { seedDemoIfEmpty } from './seed-if-empty.js';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
const logged: unknown[] = [];
const logger = { log: (m: unknown) => logged.push(m), error: (m: unknown) => logged.push(m), warn: (m: unknown) => logged.push(m) };

beforeAll(async () => {
  store = await openTestStore();
});
afterAll(() => store?.dispose());

// Seeding an empty store is the seed project's subject (and takes minutes); what the API owns is the decision.
it('leaves a store that already has event data untouched', async () => {
  await store.insert('office_visits', [makeOfficeVisit({ amanah: 'tabuk' })]);
  expect(await seedDemoIfEmpty(store, logger)).toBe('has-data');
  const [row] = await store.select<{ n: number }>('SELECT count() AS n FROM office_visits');
  expect(row!.n).toBe(1);
  expect(logged).toEqual([]);
});
