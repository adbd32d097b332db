import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '@amanah/store/testing';
import type { IngestPrincipal } from './ingestor.js';
import { startIngestApp } from './testing/ingest-test-app.js';

// XLSX bodies: a workbook with Arabic headers, date cells and dates as text ingests exactly like the same rows sent
// as CSV; a bad cell is reported by sheet, row and column, and nothing is written.
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const principals: Record<string, IngestPrincipal> = { writer: { keyId: 'key-writer', role: 'ingest', amanahs: 'all' } };
let store: TestStore;
let api: { url: string; close(): Promise<void> };

beforeAll(async () => {
  store = await openTestStore();
  api = await startIngestApp(store, principals);
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

const ROWS = [
  ['SR-1', '2024-05-01 08:30:00', 'hail', 'payment', 'portal', 'completed', '2024-05-02 09:00:00'],
  ['SR-2', '2024-05-03 10:00:00', 'riyadh', 'tender', 'balady', 'submitted', ''],
  ['SR-3', '2024-05-04 23:59:59', 'hail', 'other', 'office', 'completed', '2024-05-05 00:10:00'],
];
const FIELDS = ['request_id', 'submitted_at', 'amanah', 'service', 'channel', 'status', 'completed_at'];
const ARABIC = ['رقم الطلب', 'وقت التقديم', 'الأمانة', 'الخدمة', 'القناة', 'الحالة', 'وقت الإنجاز'];

/** A workbook with a first sheet of notes and the data on a sheet named "طلبات": dates as date cells and as text. */
async function workbook(rows: string[][]): Promise<Blob> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('ملاحظات').addRow(['هذه ورقة ملاحظات']);
  const sheet = book.addWorksheet('طلبات');
  sheet.addRow(ARABIC);
  rows.forEach((row, i) =>
    sheet.addRow(row.map((value, column) => {
      // Row 1's times as date cells (their wall time in UTC, as spreadsheets store them); the others as text.
      if (i === 0 && (column === 1 || column === 6) && value) return new Date(`${value.replace(' ', 'T')}Z`);
      return value === '' ? null : value;
    })),
  );
  return new Blob([await book.xlsx.writeBuffer()]);
}

async function post(url: string, contentType: string, body: Blob | string, query = '') {
  const response = await fetch(`${url}/api/ingest/service_requests${query}`, {
    method: 'POST', headers: { authorization: 'Bearer writer', 'content-type': contentType }, body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const stored = (batch?: unknown) =>
  store.select<Record<string, unknown>>(
    `SELECT ${FIELDS.join(', ')} FROM service_requests ${batch ? 'WHERE ingest_batch = {batch:String}' : ''} ORDER BY request_id`,
    { batch },
  );

describe('XLSX ingest', () => {
  it('ingests a named sheet with Arabic headers exactly like the same rows as CSV', async () => {
    const csv = [FIELDS.join(','), ...ROWS.map((row) => row.join(','))].join('\n');
    const viaCsv = await post(api.url, 'text/csv', csv);
    expect(viaCsv).toMatchObject({ status: 200, body: { rowsInserted: 3 } });
    const answer = await post(api.url, XLSX, await workbook(ROWS), `?sheet=${encodeURIComponent('طلبات')}`);
    expect(answer).toMatchObject({ status: 200, body: { rowsInserted: 3, errors: [] } });
    expect(await stored(answer.body.batchId)).toEqual(await stored(viaCsv.body.batchId));
    expect((await stored(answer.body.batchId))[0]).toMatchObject({ request_id: 'SR-1', submitted_at: '2024-05-01 08:30:00', completed_at: '2024-05-02 09:00:00' });
  });

  it('reports a bad cell by sheet, row and column, and writes nothing', async () => {
    const before = (await stored()).length;
    const rows = ROWS.map((row) => [...row]);
    rows[1]![4] = 'pigeon';
    rows[2]![0] = 'SR-9';
    const answer = await post(api.url, XLSX, await workbook(rows), `?sheet=${encodeURIComponent('طلبات')}`);
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([expect.objectContaining({ sheet: 'طلبات', line: 3, column: 'E', field: 'channel' })]);
    expect((await stored()).length).toBe(before);
  });

  it('reads the first sheet by default, and names a missing sheet or a header it does not know', async () => {
    const first = await post(api.url, XLSX, await workbook(ROWS));
    expect(first.status).toBe(422);
    expect(first.body.errors).toEqual([expect.objectContaining({ sheet: 'ملاحظات', line: 1, message: expect.stringContaining('unknown column') })]);
    const missing = await post(api.url, XLSX, await workbook(ROWS), '?sheet=March');
    expect(missing.body.errors).toEqual([expect.objectContaining({ message: 'the workbook has no sheet named "March"' })]);
    const garbage = await post(api.url, XLSX, new Blob(['not a zip at all']));
    expect(garbage.status).toBe(422);
  });
});
