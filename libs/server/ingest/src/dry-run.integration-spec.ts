import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createWorkTable } from '@amanah/store';
import { openTestStore } from '@amanah/store/testing';
import { recoverIngests, type IngestAnswer, type IngestPrincipal } from './ingestor.js';
import { stageTable } from './stage.js';
import { startIngestApp } from './testing/ingest-test-app.js';
import { bundleValidationWorker } from './testing/validation-worker-bundle.js';

// `?dryRun=true`: the same readers, validation and scope check as a real post (on the validation threads, bodies cut
// into pieces that finish in any order), the first rows as they would be stored, and nothing kept anywhere (an NDJSON
// body is staged to be checked, under a batch id of its own, and its stages dropped before the answer).
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const principals: Record<string, IngestPrincipal> = {
  writer: { keyId: 'key-writer', role: 'ingest', amanahs: 'all' },
  jeddah: { keyId: 'key-jeddah', role: 'ingest', amanahs: ['jeddah'] },
};
let store: TestStore;
let api: { url: string; close(): Promise<void> };
let worker: Awaited<ReturnType<typeof bundleValidationWorker>> | undefined;
let writes = 0;

beforeAll(async () => {
  store = await openTestStore();
  worker = await bundleValidationWorker();
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

async function post(dataset: string, contentType: string, body: string | Blob, query = '', key = 'writer') {
  const response = await fetch(`${api.url}/api/ingest/${dataset}${query}`, {
    method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': contentType, 'idempotency-key': `k-${Math.random()}` }, body,
  });
  return { status: response.status, body: (await response.json()) as IngestAnswer };
}

/** Every table a post writes to: the dataset, the ledger, the batch history, the audit trail, the data version. */
async function footprint(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['portal_visits', 'service_requests', 'ingest_ledger', 'ingest_batch_log', 'ingest_audit', 'data_changes']) {
    const [row] = await store.select<{ n: string }>(`SELECT count() AS n FROM ${table}`);
    counts[table] = Number(row!.n);
  }
  const [stages] = await store.select<{ n: string }>("SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name LIKE 'ingest_stage%'");
  counts.stages = Number(stages!.n);
  return counts;
}

/** 1,200 portal_visits rows (~150 KB: several network chunks, ~300 pieces), row i at minute i of 2024-05-01 Riyadh. */
function visitsCsv(bad: Map<number, Record<string, string>> = new Map()): string {
  const header = 'ts,amanah,channel,visitor_id,session_id,page,device,source';
  const lines = [header];
  for (let i = 0; i < 1200; i += 1) {
    const row: Record<string, string> = {
      ts: `2024-05-01T${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00+03:00`,
      amanah: i % 2 ? 'jeddah' : 'riyadh', channel: 'web', visitor_id: `v${i}`, session_id: `s${i}`, page: '/services',
      device: 'mobile', source: 'direct', ...bad.get(i),
    };
    lines.push(header.split(',').map((field) => row[field]).join(','));
  }
  return lines.join('\n') + '\n';
}

describe('a dry run of POST /api/ingest/{dataset}', () => {
  it('answers the first 20 rows as they would be stored, and writes nothing', async () => {
    const before = await footprint();
    const writesBefore = writes;
    const answer = await post('portal_visits', 'text/csv', visitsCsv(), '?dryRun=true');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ dryRun: true, rowsReceived: 1200, rowsInserted: 0, errors: [], errorsTotal: 0 });
    expect(answer.body.batchId).toBeUndefined();
    const preview = answer.body.preview!;
    expect(preview.fields).toEqual(['ts', 'amanah', 'channel', 'visitor_id', 'session_id', 'page', 'device', 'source']);
    expect(preview.rows).toHaveLength(20);
    // Lines of the file (the header is line 1), times as the store holds them (Riyadh local).
    expect(preview.rows[0]).toEqual({ line: 2, values: ['2024-05-01 00:00:00', 'riyadh', 'web', 'v0', 's0', '/services', 'mobile', 'direct'] });
    expect(preview.rows[19]).toEqual({ line: 21, values: ['2024-05-01 00:19:00', 'jeddah', 'web', 'v19', 's19', '/services', 'mobile', 'direct'] });
    expect(await footprint()).toEqual(before);
    expect(writes).toBe(writesBefore);

    // The real post of the same body inserts what the dry run said, and its rows are the previewed ones.
    const real = await post('portal_visits', 'text/csv', visitsCsv());
    expect(real.body).toMatchObject({ rowsInserted: 1200 });
    const stored = await store.select<Record<string, string>>(
      "SELECT toString(ts) AS ts, amanah, visitor_id FROM portal_visits WHERE ingest_batch = {batch:String} ORDER BY ts LIMIT 2",
      { batch: real.body.batchId },
    );
    expect(stored).toEqual([{ ts: '2024-05-01 00:00:00', amanah: 'riyadh', visitor_id: 'v0' }, { ts: '2024-05-01 00:01:00', amanah: 'jeddah', visitor_id: 'v1' }]);
  });

  it('reports exactly the errors of a real post, by line and field, far into the body', async () => {
    const body = visitsCsv(new Map<number, Record<string, string>>([[3, { channel: 'pigeon' }], [1100, { ts: '2024-13-01T00:00:00Z', amanah: 'atlantis' }]]));
    const before = await footprint();
    const dry = await post('portal_visits', 'text/csv', body, '?dryRun=true');
    expect(await footprint()).toEqual(before);
    const real = await post('portal_visits', 'text/csv', body);
    expect(real.status).toBe(422);
    expect(dry.status).toBe(200);
    expect(dry.body.errors).toEqual(real.body.errors);
    expect(dry.body.errorsTotal).toBe(3);
    expect(dry.body.errors.map((e) => [e.line, e.field])).toEqual([[5, 'channel'], [1102, 'ts'], [1102, 'amanah']]);
    expect(dry.body.message).toMatch(/would be refused/);
    // The good rows before and after the bad one are still previewed.
    expect(dry.body.preview!.rows.map((row) => row.line)).toEqual([2, 3, 4, ...Array.from({ length: 17 }, (_, i) => i + 6)]);
  });

  it('reports rows outside the key’s amanahs as a real post does (which refuses them with 403)', async () => {
    const body = [
      JSON.stringify({ ts: '2024-05-02T10:00:00+03:00', amanah: 'jeddah', channel: 'web', visitor_id: 'a', session_id: 'b', page: '/', device: 'desktop', source: 'direct' }),
      JSON.stringify({ ts: '2024-05-02T10:00:00+03:00', amanah: 'riyadh', channel: 'web', visitor_id: 'a', session_id: 'b', page: '/', device: 'desktop', source: 'direct' }),
    ].join('\n');
    const before = await footprint();
    const dry = await post('portal_visits', 'application/x-ndjson', body, '?dryRun=true', 'jeddah');
    expect(await footprint()).toEqual(before);
    const real = await post('portal_visits', 'application/x-ndjson', body, '', 'jeddah');
    expect(real.status).toBe(403);
    expect(dry.body.errors).toEqual(real.body.errors);
    expect(dry.body.errors).toEqual([{ line: 2, field: 'amanah', message: 'amanah riyadh is outside the scope of this key' }]);
    expect(dry.body.preview!.rows).toHaveLength(1);
  });

  it('checks a workbook: a bad cell by sheet, row and column, as a real post reports it; dates typed', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('طلبات');
    sheet.addRow(['رقم الطلب', 'وقت التقديم', 'الأمانة', 'الخدمة', 'القناة', 'الحالة', 'وقت الإنجاز']);
    sheet.addRow(['SR-1', new Date('2024-05-01T08:30:00Z'), 'hail', 'payment', 'portal', 'completed', '2024-05-02 09:00:00']);
    sheet.addRow(['SR-2', '2024-05-03 10:00:00', 'riyadh', 'tender', 'pigeon', 'submitted', null]);
    const workbook = new Blob([await book.xlsx.writeBuffer()]);
    const before = await footprint();
    const dry = await post('service_requests', XLSX, workbook, '?dryRun=true');
    expect(await footprint()).toEqual(before);
    const real = await post('service_requests', XLSX, workbook);
    expect(real.status).toBe(422);
    expect(dry.body.errors).toEqual(real.body.errors);
    expect(dry.body.errors).toEqual([expect.objectContaining({ sheet: 'طلبات', line: 3, column: 'E', field: 'channel' })]);
    expect(dry.body.sheet).toBe('طلبات');
    expect(dry.body.preview!.rows).toEqual([
      { line: 2, values: ['SR-1', '2024-05-01 08:30:00', 'hail', 'payment', 'portal', 'completed', '2024-05-02 09:00:00'] },
    ]);
  });

  it('a dry run’s stages left by a process killed before it answered (no ledger row) are dropped at the next start', async () => {
    const before = await footprint();
    const dryBatch = randomUUID().replace(/-/g, '');
    for (const chunk of [0, 1]) await createWorkTable(store, stageTable(dryBatch, chunk), 'source_line UInt64, source_text String', 'MergeTree');
    expect((await footprint()).stages).toBe(before.stages! + 2);
    await recoverIngests(store);
    expect(await footprint()).toEqual(before);
  });

  it('refuses a dryRun value other than true or false', async () => {
    const answer = await post('portal_visits', 'text/csv', visitsCsv(), '?dryRun=yes');
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe('dryRun must be true or false');
  });
});
