import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWithWork } from '@amanah/store';
import { openTestStore } from '@amanah/store/testing';
import type { IngestPrincipal } from './ingestor.js';
import { startIngestApp } from './testing/ingest-test-app.js';

// A batch is all or nothing for readers too: one POST committed in several chunks must never be seen half-way.
// (Issue 11: a reader saw 1,000,000 rows of a 1,150,000-row batch, then all of them.) Here the commit is made of five
// chunks with a pause after each, and a reader polls the table the whole time, as a dashboard would.

let store: Awaited<ReturnType<typeof openTestStore>>;
let api: { url: string; close(): Promise<void> };
const principals: Record<string, IngestPrincipal> = { writer: { keyId: 'key-writer', role: 'ingest', amanahs: 'all' } };
const CHUNK_ROWS = 1_000;
const BATCH_ROWS = 5 * CHUNK_ROWS;

beforeAll(async () => {
  store = await openTestStore();
  api = await startIngestApp(store, principals, {
    chunkRows: CHUNK_ROWS,
    // Time between chunks in which a reader would see the chunks committed so far, if it could run.
    hooks: { chunkCommitted: () => new Promise((resolve) => setTimeout(resolve, 40)) },
  });
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

const visits = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    JSON.stringify({ ts: '2024-05-01T10:30:00Z', amanah: 'tabuk', channel: 'web', visitor_id: `v${i}`, session_id: `s${i}`, page: '/', device: 'mobile', source: 'direct' }),
  ).join('\n') + '\n';

describe('a batch committed in several chunks', () => {
  it('appears to a reader polling during the commit all at once: before or after, never in between', async () => {
    const counts = () =>
      store.select<{ raw: number; rollup: number }>('SELECT (SELECT count() FROM portal_visits) AS raw, (SELECT sum(visits) FROM portal_visits_daily) AS rollup');
    const seen: Array<{ raw: number; rollup: number }> = [];
    let done = false;
    // The reader is a request of its own (its own lane), as a dashboard reading during the ingest would be.
    const reader = runWithWork({ lane: 'reader', kind: 'read' }, async () => {
      while (!done) seen.push((await counts())[0]!);
    });
    const response = await fetch(`${api.url}/api/ingest/portal_visits`, {
      method: 'POST',
      headers: { authorization: 'Bearer writer', 'content-type': 'application/x-ndjson', 'idempotency-key': 'five-chunks' },
      body: visits(BATCH_ROWS),
    });
    expect(response.status).toBe(200);
    seen.push((await counts())[0]!);
    done = true;
    await reader;
    expect(seen.length).toBeGreaterThan(5);
    const distinct = [...new Set(seen.map((s) => `${s.raw}/${s.rollup}`))];
    expect(distinct.every((d) => d === '0/0' || d === `${BATCH_ROWS}/${BATCH_ROWS}`), `reader saw ${distinct.join(', ')}`).toBe(true);
    expect(seen.at(-1)).toEqual({ raw: BATCH_ROWS, rollup: BATCH_ROWS });
  });
});
