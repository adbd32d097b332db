import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkTable, type Store } from '@amanah/store';
import { openTestStore, type TestStore } from '@amanah/store/testing';
import { DATASETS } from '@amanah/domain';
import { recoverIngests } from './ingestor.js';
import { Ledger } from './ledger.js';
import { stageTable } from './stage.js';

/**
 * A batch a process of the version before the engine's NDJSON check left committing: its stage has the dataset's
 * columns only (no source_line / source_text, which the commit now reads). Recovery after the upgrade commits it.
 */
describe('recovery after an upgrade', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store.dispose());

  const count = async (s: Store) => Number((await s.select<{ n: number }>("SELECT count() AS n FROM portal_visits WHERE visitor_id LIKE 'upgrade-%'"))[0]!.n);

  it("commits a batch whose stage was made by the previous version", async () => {
    const batchId = 'ab'.repeat(16);
    const fields = DATASETS.portal_visits.fields.map((field) => field.name);
    await createWorkTable(store, stageTable(batchId, 0), 'ts DateTime, amanah String, channel String, visitor_id String, session_id String, page String, device String, source String', 'MergeTree');
    expect(fields).toEqual(['ts', 'amanah', 'channel', 'visitor_id', 'session_id', 'page', 'device', 'source']);
    await store.insert(stageTable(batchId, 0), [
      { ts: '2025-03-01 10:00:00', amanah: 'riyadh', channel: 'web', visitor_id: 'upgrade-1', session_id: 's1', page: '/', device: 'desktop', source: 'direct' },
      { ts: '2025-03-01 11:00:00', amanah: 'jeddah', channel: 'web', visitor_id: 'upgrade-2', session_id: 's2', page: '/', device: 'mobile', source: 'search' },
    ]);
    await new Ledger(store).write({
      dataset: 'portal_visits', idempotency_key: 'before-upgrade', batch_id: batchId, state: 'committing',
      body_sha256: '0'.repeat(64), rows: 2, chunks: 1, principal_key_id: 'k1',
    });
    expect(await count(store)).toBe(0);

    expect(await recoverIngests(store)).toEqual({ committed: ['portal_visits/before-upgrade'], discarded: [] });
    expect(await count(store)).toBe(2);
    expect(await new Ledger(store).entry('portal_visits', 'k1', 'before-upgrade')).toMatchObject({ state: 'committed' });
  });
});
