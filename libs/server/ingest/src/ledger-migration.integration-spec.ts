import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '@amanah/store';
import { openTestStore } from '@amanah/store/testing';
import { Ingestor, type IngestPrincipal } from './ingestor.js';
import { replyOf } from './outcomes.js';

// Migration 0011 moves the ledger to (dataset, API key id, Idempotency-Key): a batch committed before it is still a
// duplicate for the key that sent it, and only for that key.
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let ingestor: Ingestor;

const body = `${JSON.stringify({ ts: '2024-05-01T10:30:00Z', amanah: 'riyadh', channel: 'web', visitor_id: 'legacy', session_id: 's1', page: '/home', device: 'mobile', source: 'search' })}\n`;
const owner: IngestPrincipal = { keyId: 'key-before-0011', role: 'ingest', amanahs: 'all' };
const other: IngestPrincipal = { keyId: 'key-other', role: 'ingest', amanahs: 'all' };

beforeAll(async () => {
  store = await openTestStore({ migrated: false });
  await migrate(store, MIGRATIONS.filter((migration) => migration.version < 11));
  await store.insert('ingest_batches', [
    {
      dataset: 'portal_visits', idempotency_key: 'before-0011', batch_id: '0'.repeat(32), state: 'committed',
      body_sha256: createHash('sha256').update(body).digest('hex'), rows: 1, chunks: 1, principal_key_id: owner.keyId, version: 1,
    },
  ]);
  await migrate(store);
  ingestor = new Ingestor(store);
});

afterAll(async () => {
  await ingestor?.close();
  await store?.dispose();
});

const send = async (principal: IngestPrincipal) =>
  replyOf('portal_visits', await ingestor.ingest({ dataset: 'portal_visits', format: 'ndjson', body: Readable.from([body]), principal, idempotencyKey: 'before-0011', maxBytes: 1e6 }));

it('a batch committed before the ledger was scoped is a duplicate for its own key, and unknown to any other', async () => {
  expect(await send(owner)).toMatchObject({ status: 200, outcome: 'duplicate', answer: { rowsInserted: 0, duplicate: true } });
  expect(await send(other)).toMatchObject({ status: 200, outcome: 'inserted', answer: { rowsInserted: 1 } });
});
