import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '@amanah/store/testing';
import { IngestFileError, ingestFile } from './ingest-file.js';
import type { IngestAnswer, IngestPrincipal } from './ingestor.js';
import { startIngestApp } from './testing/ingest-test-app.js';
import { bundleValidationWorker } from './testing/validation-worker-bundle.js';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let api: { url: string; close(): Promise<void> };
let writes = 0;
let worker: Awaited<ReturnType<typeof bundleValidationWorker>> | undefined;

const principals: Record<string, IngestPrincipal> = {
  writer: { keyId: 'key-writer', role: 'ingest', amanahs: 'all' },
  admin: { keyId: 'key-admin', role: 'admin', amanahs: 'all' },
  viewer: { keyId: 'key-viewer', role: 'viewer', amanahs: 'all' },
  analyst: { keyId: 'key-analyst', role: 'analyst', amanahs: 'all' },
  jeddah: { keyId: 'key-jeddah', role: 'ingest', amanahs: ['jeddah'] },
};

beforeAll(async () => {
  store = await openTestStore();
  worker = await bundleValidationWorker();
  // NDJSON and CSV are validated by two threads, as the API does, in pieces of ~512 bytes: a body that arrives in
  // several network chunks (past ~64 KiB) is cut into pieces that finish in any order, so line numbers, problems and
  // rows must come back in order (validation-pool.integration-spec.ts cuts small bodies finely too).
  api = await startIngestApp(store, principals, {
    onWrite: () => (writes += 1),
    validation: { workerScript: worker.script, threads: 2, pieceBytes: 512 },
  });
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
  worker?.remove();
});

interface Sent {
  status: number;
  body: IngestAnswer;
}

async function send(dataset: string, contentType: string | undefined, body: string, headers: Record<string, string> = {}, key = 'writer'): Promise<Sent> {
  const response = await fetch(`${api.url}/api/ingest/${dataset}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, ...(contentType ? { 'content-type': contentType } : {}), ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as IngestAnswer };
}

const ndjson = (rows: object[]) => rows.map((row) => JSON.stringify(row)).join('\n') + '\n';

function visit(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ts: '2024-05-01T10:30:00Z', amanah: 'riyadh', channel: 'web', visitor_id: 'v1', session_id: 's1', page: '/home',
    device: 'mobile', source: 'search', ...overrides,
  };
}

async function count(table: string, where = '1'): Promise<number> {
  const [row] = await store.select<{ n: number }>(`SELECT count() AS n FROM ${table} WHERE ${where}`);
  return row!.n;
}

async function visitsTotals(): Promise<{ raw: number; rollup: number }> {
  const [row] = await store.select<{ raw: number; rollup: number }>(
    'SELECT (SELECT count() FROM portal_visits) AS raw, (SELECT sum(visits) FROM portal_visits_daily) AS rollup',
  );
  return row!;
}

describe('POST /api/ingest/:dataset — valid batches', () => {
  it('stores an NDJSON batch with timestamps converted to Riyadh time, Arabic text and SQL-looking text as plain text', async () => {
    const before = await visitsTotals();
    const writesBefore = writes;
    const rows = [
      visit({ visitor_id: 'ndjson-1', ts: '2024-05-01T10:30:00Z' }),
      visit({ visitor_id: 'ndjson-2', ts: '2024-05-01 23:59:59', page: '/خدمات/رخص' }),
      visit({ visitor_id: 'ndjson-3', ts: '2024-05-01T00:15:00+05:00', page: "'); DROP TABLE portal_visits; --" }),
    ];
    const sent = await send('portal_visits', 'application/x-ndjson', ndjson(rows).replace(/\n/g, '\r\n'));
    expect(sent).toEqual({
      status: 200,
      body: { dataset: 'portal_visits', batchId: expect.stringMatching(/^[0-9a-f]{32}$/), rowsReceived: 3, rowsInserted: 3, errors: [], errorsTotal: 0 },
    });
    const stored = await store.select<{ visitor_id: string; ts: string; page: string }>(
      "SELECT visitor_id, toString(ts) AS ts, page FROM portal_visits WHERE startsWith(visitor_id, 'ndjson-') ORDER BY visitor_id",
    );
    expect(stored).toEqual([
      { visitor_id: 'ndjson-1', ts: '2024-05-01 13:30:00', page: '/home' },
      { visitor_id: 'ndjson-2', ts: '2024-05-01 23:59:59', page: '/خدمات/رخص' },
      { visitor_id: 'ndjson-3', ts: '2024-04-30 22:15:00', page: "'); DROP TABLE portal_visits; --" },
    ]);
    expect(await visitsTotals()).toEqual({ raw: before.raw + 3, rollup: before.rollup + 3 });
    expect(writes).toBe(writesBefore + 1);
  });

  it('stores a CSV batch with a byte-order mark, CRLF line ends, quoted fields and Arabic text', async () => {
    const csv =
      '\uFEFFreport_id,received_at,amanah,city,channel,category,priority,status,resolved_at\r\n' +
      'csv-1,2024-06-01T08:00:00+03:00,jeddah,"جدة, حي الروضة",app,lighting,urgent,resolved,2024-06-02T08:00:00+03:00\r\n' +
      'csv-2,2024-06-01 09:00:00,jeddah,"He said ""fix it""\r\nnow",call_940,roads,normal,open,\r\n';
    const sent = await send('citizen_reports', 'text/csv; charset=utf-8', csv);
    expect(sent.body).toMatchObject({ rowsReceived: 2, rowsInserted: 2, errorsTotal: 0 });
    expect(sent.status).toBe(200);
    const stored = await store.select<{ report_id: string; city: string; resolved_at: string | null }>(
      "SELECT report_id, city, toString(resolved_at) AS resolved_at FROM citizen_reports WHERE startsWith(report_id, 'csv-') ORDER BY report_id",
    );
    expect(stored).toEqual([
      { report_id: 'csv-1', city: 'جدة, حي الروضة', resolved_at: '2024-06-02 08:00:00' },
      { report_id: 'csv-2', city: 'He said "fix it"\r\nnow', resolved_at: null },
    ]);
  });

  it('stores a JSON array, with booleans, optional fields left out and counts as numbers or digits', async () => {
    const body = JSON.stringify([
      { ts: '2024-07-01T09:00:00+03:00', amanah: 'makkah', office: 'North', with_appointment: true, service: 'permits' },
      { ts: '2024-07-01T09:05:00+03:00', amanah: 'makkah', office: 'North', with_appointment: 'false', service: 'permits' },
    ]);
    expect((await send('office_visits', 'application/json', body)).body).toMatchObject({ rowsInserted: 2, errorsTotal: 0 });
    const archive = JSON.stringify([{ archived_at: '2024-07-02T10:00:00Z', amanah: 'taif', documents: 12, attachments: '30' }]);
    expect((await send('archived_documents', 'application/json', archive)).body).toMatchObject({ rowsInserted: 1 });
    expect(await store.select('SELECT documents, attachments FROM archived_documents')).toEqual([{ documents: 12, attachments: 30 }]);
    expect(await count('office_visits', 'with_appointment')).toBe(1);
  });

  it('stores every column type exactly as sent: dates, decimals, 64-bit counts beyond 2^53, long and Arabic text', async () => {
    // Stage rows are RowBinary written by hand (stage-rows.ts): every type the tables use, read back from the table.
    const snapshots = [
      { day: '2024-02-29', amanah: 'tabuk', indicator: 'staff', value: '-12.5' },
      { day: '2000-01-01', amanah: 'tabuk', indicator: 'sites', value: '9999999999999999.99' },
      { day: '2024-03-01', amanah: 'tabuk', indicator: 'e_systems', value: 7.25 },
    ];
    expect((await send('indicator_snapshots', 'application/x-ndjson', ndjson(snapshots))).body).toMatchObject({ rowsInserted: 3 });
    expect(await store.select(
      "SELECT toString(day) AS day, indicator, toString(value) AS value FROM indicator_snapshots WHERE amanah = 'tabuk' ORDER BY day",
    )).toEqual([
      { day: '2000-01-01', indicator: 'sites', value: '9999999999999999.99' },
      { day: '2024-02-29', indicator: 'staff', value: '-12.5' },
      { day: '2024-03-01', indicator: 'e_systems', value: '7.25' },
    ]);
    const stats = [
      { day: '2024-05-01', amanah: 'tabuk', platform: 'youtube', followers: '18446744073709551615', impressions: 2 ** 53 - 1, views: '9007199254740993', engagements: 0, posts: 4_294_967_295 },
    ];
    expect((await send('social_stats', 'application/x-ndjson', ndjson(stats))).body).toMatchObject({ rowsInserted: 1 });
    expect(await store.select(
      "SELECT toString(followers) AS followers, toString(impressions) AS impressions, toString(views) AS views, engagements, posts FROM social_stats WHERE amanah = 'tabuk'",
    )).toEqual([{ followers: '18446744073709551615', impressions: '9007199254740991', views: '9007199254740993', engagements: 0, posts: 4_294_967_295 }]);
    const long = 'ع'.repeat(200) + 'x'.repeat(20_000);
    expect((await send('portal_visits', 'application/x-ndjson', ndjson([visit({ visitor_id: 'types-1', session_id: 'ب', page: long })]))).body).toMatchObject({ rowsInserted: 1 });
    expect(await store.select("SELECT session_id, page = {long:String} AS same FROM portal_visits WHERE visitor_id = 'types-1'", { long })).toEqual([
      { session_id: 'ب', same: 1 },
    ]);
  });

  it('accepts a 5 MB line', async () => {
    const page = `/p/${'x'.repeat(5 * 1024 * 1024)}`;
    const sent = await send('portal_visits', 'application/x-ndjson', ndjson([visit({ visitor_id: 'big-line', page })]));
    expect(sent.body).toMatchObject({ rowsInserted: 1 });
    const [row] = await store.select<{ n: number }>("SELECT length(page) AS n FROM portal_visits WHERE visitor_id = 'big-line'");
    expect(row!.n).toBe(page.length);
  });
});

describe('POST /api/ingest/:dataset — invalid batches are rejected whole', () => {
  it('lists every bad NDJSON row by line, field and reason, and inserts nothing', async () => {
    const before = await visitsTotals();
    const body = [
      JSON.stringify(visit({ visitor_id: 'bad-0' })), // line 1: valid, must not land either
      JSON.stringify(visit({ amanah: 'atlantis' })), // 2
      JSON.stringify(visit({ device: 'watch', ts: '2024-13-01T00:00:00Z' })), // 3
      '{"ts": "2024-05-01T10:30:00Z", oops}', // 4
      JSON.stringify(visit({ referrer: 'x' })), // 5
      JSON.stringify({ ...visit(), page: undefined }), // 6: page missing
      '', // 7: blank, ignored
      JSON.stringify(visit({ ts: '1999-12-31T23:59:59+03:00' })), // 8
      JSON.stringify(visit({ ts: '2999-01-01T00:00:00Z' })), // 9
      '[1, 2]', // 10
    ].join('\n');
    const sent = await send('portal_visits', 'application/x-ndjson', body);
    expect(sent.status).toBe(422);
    expect(sent.body.rowsInserted).toBe(0);
    expect(sent.body.errors.map(({ line, field }) => [line, field])).toEqual([
      [2, 'amanah'], [3, 'ts'], [3, 'device'], [4, ''], [5, 'referrer'], [6, 'page'], [8, 'ts'], [9, 'ts'], [10, ''],
    ]);
    expect(sent.body.errors[0]!.message).toMatch(/atlantis.*not a known amanah/);
    expect(sent.body.errors[1]!.message).toMatch(/not a real date/);
    expect(sent.body.errorsTotal).toBe(9);
    expect(await visitsTotals()).toEqual(before);
    expect(await count('portal_visits', "visitor_id = 'bad-0'")).toBe(0);
  });

  it('checks types, enums, counts and that an end is not before its start', async () => {
    const requests = [
      { request_id: 'r1', submitted_at: '2024-05-02T10:00:00+03:00', amanah: 'riyadh', service: 'payment', channel: 'portal', status: 'completed', completed_at: '2024-05-02T09:00:00+03:00' },
      { request_id: 'r2', submitted_at: '2024-05-02T10:00:00+03:00', amanah: 'riyadh', service: 'haircut', channel: 'portal', status: 'done' },
    ];
    const sent = await send('service_requests', 'application/x-ndjson', ndjson(requests));
    expect(sent.status).toBe(422);
    expect(sent.body.errors.map(({ line, field }) => [line, field])).toEqual([[1, 'completed_at'], [2, 'service'], [2, 'status']]);
    const notifications = [
      { sent_at: '2024-05-02T10:00:00Z', amanah: 'riyadh', kind: 'sms', count: -3 },
      { sent_at: '2024-05-02T10:00:00Z', amanah: 'riyadh', kind: 'sms', count: 1.5 },
      { sent_at: '2024-05-02T10:00:00Z', amanah: 'riyadh', kind: 'sms', count: 4_294_967_296 }, // over UInt32
      { sent_at: 1714644000, amanah: 'riyadh', kind: 'sms', count: 2 },
    ];
    const refused = await send('notifications', 'application/x-ndjson', ndjson(notifications));
    expect(refused.body.errors.map(({ line, field }) => [line, field])).toEqual([[1, 'count'], [2, 'count'], [3, 'count'], [4, 'sent_at']]);
    const snapshots = [{ day: '2024-02-30', amanah: 'riyadh', indicator: 'staff', value: '12.345' }];
    const bad = await send('indicator_snapshots', 'application/x-ndjson', ndjson(snapshots));
    expect(bad.body.errors.map(({ field }) => field)).toEqual(['day', 'value']);
    const riyadh = "amanah = 'riyadh'";
    expect(await count('service_requests', riyadh) + (await count('notifications', riyadh)) + (await count('indicator_snapshots', riyadh))).toBe(0);
  });

  it('reports CSV rows with extra or missing columns by line, and keeps checking the rows after them', async () => {
    const csv =
      'ts,amanah,kind,channel\n' +
      '2024-05-01T10:00:00Z,riyadh,vote,app\n' + // 2: valid
      '2024-05-01T10:00:00Z,riyadh,vote,app,extra\n' + // 3: one field too many
      '2024-05-01T10:00:00Z,riyadh\n' + // 4: fields missing
      '2024-05-01T10:00:00Z,riyadh,shout,app\n'; // 5: bad enum
    const sent = await send('participations', 'text/csv', csv);
    expect(sent.status).toBe(422);
    expect(sent.body.errors.map(({ line, field }) => [line, field])).toEqual([[3, ''], [4, ''], [5, 'kind']]);
    expect(sent.body.errors.slice(0, 2).map(({ message }) => message)).toEqual(['CSV: 5 fields where the header has 4', 'CSV: 2 fields where the header has 4']);
    expect(await count('participations')).toBe(0);
  });

  it('reports a broken CSV quote at its line (the rest of the file cannot be split into fields after it)', async () => {
    const csv = 'ts,amanah,kind,channel\n2024-05-01T10:00:00Z,riyadh,vote,app\n2024-05-01T10:00:00Z,riyadh,"vo"te,app\n2024-05-01T11:00:00Z,riyadh,vote,app\n';
    const sent = await send('participations', 'text/csv', csv);
    expect(sent.status).toBe(422);
    expect(sent.body.errors[0]).toEqual({ line: 3, field: '', message: expect.stringMatching(/^CSV: Invalid Closing Quote/) });
    expect(await count('participations')).toBe(0);
  });

  it('rejects a CSV header with unknown or missing columns at line 1', async () => {
    const sent = await send('participations', 'text/csv', 'ts,amanah,kind,chanel\n2024-05-01T10:00:00Z,riyadh,vote,app\n');
    expect(sent.status).toBe(422);
    expect(sent.body.errors).toEqual([
      { line: 1, field: 'chanel', message: expect.stringMatching(/unknown column/) },
      { line: 1, field: 'channel', message: 'required column is missing' },
    ]);
  });

  it('rejects a JSON body that is not an array of rows', async () => {
    expect((await send('participations', 'application/json', '{"ts": 1}')).status).toBe(422);
    const truncated = await send('participations', 'application/json', '[{"ts": "2024-05-01T10:00:00Z", "amanah": "riyadh", "kind": "vote", "channel": "app"}, {"ts": ');
    expect(truncated.status).toBe(422);
    expect(truncated.body.errors.at(-1)).toMatchObject({ field: '', message: expect.stringMatching(/not a valid JSON array/) });
    expect(await count('participations')).toBe(0);
  });

  it('lists at most 1,000 problems and gives the total', async () => {
    const rows = Array.from({ length: 1500 }, () => visit({ amanah: 'nowhere' }));
    const sent = await send('portal_visits', 'application/x-ndjson', ndjson(rows));
    expect(sent.status).toBe(422);
    expect(sent.body.errors).toHaveLength(1000);
    expect(sent.body.errorsTotal).toBe(1500);
    expect(sent.body.errors[999]!.line).toBe(1000);
  });
});

describe('POST /api/ingest/:dataset — idempotency', () => {
  it('counts a batch retried with the same Idempotency-Key once, in the table and in its daily rollup', async () => {
    const before = await visitsTotals();
    const body = ndjson(Array.from({ length: 50 }, (_, i) => visit({ visitor_id: `retry-${i}`, ts: `2024-03-${String(1 + (i % 28)).padStart(2, '0')}T12:00:00Z` })));
    const first = await send('portal_visits', 'application/x-ndjson', body, { 'idempotency-key': 'batch-2024-03' });
    expect(first.body).toMatchObject({ rowsInserted: 50 });
    const writesAfterFirst = writes;
    const again = await send('portal_visits', 'application/x-ndjson', body, { 'idempotency-key': 'batch-2024-03' });
    expect(again).toMatchObject({ status: 200, body: { rowsReceived: 50, rowsInserted: 0, duplicate: true } });
    expect(await visitsTotals()).toEqual({ raw: before.raw + 50, rollup: before.rollup + 50 });
    expect(writes).toBe(writesAfterFirst);
    const other = await send('portal_visits', 'application/x-ndjson', ndjson([visit()]), { 'idempotency-key': 'batch-2024-03' });
    expect(other.status).toBe(409);
    expect(await visitsTotals()).toEqual({ raw: before.raw + 50, rollup: before.rollup + 50 });
  });

  it('scopes an Idempotency-Key to its API key: two keys using the same one both get their batch inserted, and neither learns about the other', async () => {
    const key = { 'idempotency-key': 'shared-2024-05' };
    const writerBody = ndjson([visit({ visitor_id: 'idem-a' }), visit({ visitor_id: 'idem-b' })]);
    const jeddahBody = ndjson([visit({ visitor_id: 'idem-jeddah', amanah: 'jeddah' })]);
    expect(await send('portal_visits', 'application/x-ndjson', writerBody, key)).toMatchObject({ status: 200, body: { rowsInserted: 2 } });
    // Another key, another body, the same Idempotency-Key: inserted, not 409 "already used for a different body".
    const jeddah = await send('portal_visits', 'application/x-ndjson', jeddahBody, key, 'jeddah');
    expect(jeddah).toEqual({
      status: 200, body: { dataset: 'portal_visits', batchId: expect.any(String), rowsReceived: 1, rowsInserted: 1, errors: [], errorsTotal: 0 },
    });
    // Another key, the very same body: inserted, not "duplicate" (which would tell it what the writer had sent).
    const admin = await send('portal_visits', 'application/x-ndjson', writerBody, key, 'admin');
    expect(admin).toEqual({
      status: 200, body: { dataset: 'portal_visits', batchId: expect.any(String), rowsReceived: 2, rowsInserted: 2, errors: [], errorsTotal: 0 },
    });
    // Each key's batch is its own, with its own id.
    expect(new Set([jeddah.body.batchId, admin.body.batchId]).size).toBe(2);
    expect(await count('portal_visits', "visitor_id IN ('idem-a', 'idem-b')")).toBe(4);
    expect(await count('portal_visits', "visitor_id = 'idem-jeddah'")).toBe(1);
    // Each key's retry is still recognised, as its own.
    for (const [who, body] of [['writer', writerBody], ['jeddah', jeddahBody], ['admin', writerBody]] as const) {
      expect(await send('portal_visits', 'application/x-ndjson', body, key, who), who).toMatchObject({ status: 200, body: { rowsInserted: 0, duplicate: true } });
    }
    expect((await send('portal_visits', 'application/x-ndjson', ndjson([visit()]), key, 'jeddah')).status).toBe(409);
    expect(await count('portal_visits', "startsWith(visitor_id, 'idem-')")).toBe(5);
    const ledger = await store.select<{ principal_key_id: string }>(
      "SELECT principal_key_id FROM ingest_ledger FINAL WHERE idempotency_key = 'shared-2024-05' ORDER BY principal_key_id",
    );
    expect(ledger.map((row) => row.principal_key_id)).toEqual(['key-admin', 'key-jeddah', 'key-writer']);
  });

  it('lets a key whose batch was rejected be used again for the corrected batch', async () => {
    const key = { 'idempotency-key': 'fix-me' };
    expect((await send('portal_visits', 'application/x-ndjson', ndjson([visit({ amanah: 'x' })]), key)).status).toBe(422);
    expect((await send('portal_visits', 'application/x-ndjson', ndjson([visit({ visitor_id: 'fixed' })]), key)).status).toBe(200);
    expect(await count('portal_visits', "visitor_id = 'fixed'")).toBe(1);
  });
});

describe('POST /api/ingest/:dataset — access, content types and limits', () => {
  it('answers 401 without a principal and 403 for a role that cannot write', async () => {
    expect((await send('portal_visits', 'application/x-ndjson', ndjson([visit()]), {}, 'nobody')).status).toBe(401);
    for (const role of ['viewer', 'analyst']) {
      expect((await send('portal_visits', 'application/x-ndjson', ndjson([visit()]), {}, role)).status).toBe(403);
    }
    expect((await send('portal_visits', 'application/x-ndjson', ndjson([visit({ visitor_id: 'by-admin' })]), {}, 'admin')).status).toBe(200);
  });

  it('refuses a whole batch with 403 when a row belongs to an amanah outside the key scope', async () => {
    const rows = [visit({ amanah: 'jeddah', visitor_id: 'scoped-ok' }), visit({ amanah: 'riyadh', visitor_id: 'scoped-bad' })];
    const sent = await send('portal_visits', 'application/x-ndjson', ndjson(rows), {}, 'jeddah');
    expect(sent.status).toBe(403);
    expect(sent.body.errors).toEqual([{ line: 2, field: 'amanah', message: expect.stringMatching(/outside the scope/) }]);
    expect(await count('portal_visits', "startsWith(visitor_id, 'scoped-')")).toBe(0);
    const own = await send('portal_visits', 'application/x-ndjson', ndjson([rows[0]!]), {}, 'jeddah');
    expect(own.status).toBe(200);
  });

  it('answers 415 for other content types, 404 for an unknown dataset', async () => {
    expect((await send('portal_visits', 'text/plain', 'x')).status).toBe(415);
    expect((await send('portal_visits', 'text/csv; charset=latin1', 'x')).status).toBe(415);
    expect((await send('portal_visits', undefined, 'x')).status).toBe(415);
    expect((await send('visits', 'application/x-ndjson', '{}')).status).toBe(404);
  });

  it('stages nothing of a rejected batch, not even the good rows before its first problem', async () => {
    let staged = 0;
    // Small pieces: the good rows are in pieces staged before the one with the problem arrives. CSV: validated in
    // JavaScript before staging (NDJSON lines are staged to be checked by the engine: see the next test).
    const counting = await startIngestApp(store, principals, {
      hooks: { chunkStaged: () => void (staged += 1) },
      validation: { workerScript: worker!.script, threads: 2, pieceBytes: 512 },
    });
    try {
      const rows = Array.from({ length: 2000 }, (_, i) => visit({ visitor_id: `unstaged-${i}` })); // ~380 KB: several network chunks
      const columns = Object.keys(rows[0]!);
      const body = [columns, ...[...rows, visit({ amanah: 'atlantis' })].map((row) => columns.map((column) => (row as Record<string, string>)[column]))]
        .map((fields) => fields.join(',')).join('\n') + '\n';
      const response = await fetch(`${counting.url}/api/ingest/portal_visits`, {
        method: 'POST', headers: { authorization: 'Bearer writer', 'content-type': 'text/csv' }, body,
      });
      expect(response.status).toBe(422);
      expect(staged).toBe(0);
      expect(await count('portal_visits', "startsWith(visitor_id, 'unstaged-')")).toBe(0);
    } finally {
      await counting.close();
    }
  });

  it('leaves no stage of a rejected NDJSON batch, which the engine staged to check it', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => visit({ visitor_id: `unstaged-nd-${i}` }));
    const response = await send('portal_visits', 'application/x-ndjson', ndjson(rows) + JSON.stringify(visit({ amanah: 'atlantis' })) + '\n');
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ errorsTotal: 1, errors: [{ line: 2001, field: 'amanah' }] });
    const [stages] = await store.select<{ n: number }>("SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND startsWith(name, 'ingest_stage_')");
    expect(Number(stages!.n)).toBe(0);
    expect(await count('portal_visits', "startsWith(visitor_id, 'unstaged-nd-')")).toBe(0);
  });

  it('answers 413 past the body limit, whether declared up front or found while streaming', async () => {
    const small = await startIngestApp(store, principals, { maxBodyBytes: 10_000 });
    try {
      const before = await visitsTotals();
      const body = ndjson(Array.from({ length: 200 }, (_, i) => visit({ visitor_id: `limit-${i}` })));
      const declared = await fetch(`${small.url}/api/ingest/portal_visits`, {
        method: 'POST', headers: { authorization: 'Bearer writer', 'content-type': 'application/x-ndjson' }, body,
      });
      expect(declared.status).toBe(413);
      const streamed = await postChunked(`${small.url}/api/ingest/portal_visits`, body);
      expect(streamed.status).toBe(413);
      expect(JSON.parse(streamed.body)).toMatchObject({ rowsInserted: 0, message: expect.stringMatching(/limit of 10000 bytes/) });
      expect(await visitsTotals()).toEqual(before);
    } finally {
      await small.close();
    }
  });

  it('writes one audit row per request: who, what, how many rows, which key, the outcome', async () => {
    const rows = await store.select<{ principal_key_id: string; dataset: string; idempotency_key: string; outcome: string; status: number; rows_inserted: number }>(
      `SELECT principal_key_id, dataset, idempotency_key, outcome, status, rows_inserted FROM ingest_audit
       WHERE idempotency_key = 'batch-2024-03' ORDER BY at, status`,
    );
    expect(rows).toEqual([
      { principal_key_id: 'key-writer', dataset: 'portal_visits', idempotency_key: 'batch-2024-03', outcome: 'inserted', status: 200, rows_inserted: 50 },
      { principal_key_id: 'key-writer', dataset: 'portal_visits', idempotency_key: 'batch-2024-03', outcome: 'duplicate', status: 200, rows_inserted: 0 },
      { principal_key_id: 'key-writer', dataset: 'portal_visits', idempotency_key: 'batch-2024-03', outcome: 'conflict', status: 409, rows_inserted: 0 },
    ]);
    expect(await count('ingest_audit', "outcome = 'unauthenticated' AND principal_key_id = ''")).toBeGreaterThan(0);
    // Nothing is left behind: no stage table, and no block file of the embedded store's stage inserts.
    expect(await count('system.tables', "database = currentDatabase() AND startsWith(name, 'ingest_stage_')")).toBe(0);
    if (store.dataDir !== undefined) expect(fs.readdirSync(path.join(store.dataDir, 'row-binary-inserts'))).toEqual([]);
  });
});

describe('ingestFile (the CLI side)', () => {
  it('sends a file in chunks with one key per chunk, so a rerun after a crash resumes without duplicates', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amanah-ingest-file-'));
    try {
      const file = path.join(dir, 'licenses.csv');
      const lines = ['license_id,issued_at,amanah,license_type,channel'];
      for (let i = 0; i < 2500; i += 1) lines.push(`L${i},2024-08-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00,qassim,"commercial",balady`);
      fs.writeFileSync(file, lines.join('\r\n') + '\r\n');
      const progress: number[] = [];
      // The first run "crashes" after its second chunk.
      await expect(
        ingestFile(api.url, 'writer', file, 'licenses', {
          chunkRows: 1000,
          onProgress: (p) => {
            progress.push(p.rowsInserted);
            if (p.chunk === 1) throw new Error('killed');
          },
        }),
      ).rejects.toThrow('killed');
      expect(progress).toEqual([1000, 2000]);
      expect(await count('licenses')).toBe(2000);
      const rerun = await ingestFile(api.url, 'writer', file, 'licenses', { chunkRows: 1000 });
      expect(rerun).toEqual({ chunks: 3, rowsRead: 2500, rowsInserted: 500, rowsSkippedAsDuplicate: 2000 });
      expect(await count('licenses')).toBe(2500);

      const broken = path.join(dir, 'broken.ndjson');
      const rows = Array.from({ length: 1500 }, (_, i) => JSON.stringify(visit({ visitor_id: `file-${i}`, device: i === 1400 ? 'fridge' : 'mobile' })));
      fs.writeFileSync(broken, rows.join('\n'));
      const failure = await ingestFile(api.url, 'writer', broken, 'portal_visits', { chunkRows: 1000 }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(IngestFileError);
      expect((failure as IngestFileError).status).toBe(422);
      expect((failure as IngestFileError).errors).toEqual([{ line: 1401, field: 'device', message: expect.any(String) }]);
      expect((failure as IngestFileError).partial.rowsInserted).toBe(1000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A body sent with chunked transfer encoding (no Content-Length), so the limit can only be found while reading. */
function postChunked(url: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      headers: { authorization: 'Bearer writer', 'content-type': 'application/x-ndjson', 'transfer-encoding': 'chunked' },
    });
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on('error', reject);
    const bytes = Buffer.from(body);
    let offset = 0;
    const writeMore = () => {
      while (offset < bytes.length) {
        const piece = bytes.subarray(offset, offset + 1000);
        offset += 1000;
        if (!request.write(piece)) return void request.once('drain', writeMore);
      }
      request.end();
    };
    writeMore();
  });
}
