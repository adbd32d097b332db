import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetName } from '@amanah/domain';
import { dropWorkTable } from '@amanah/store';
import { openTestStore } from '@amanah/store/testing';
import { DatasetSchemas } from './dataset-columns.js';
import { SOURCE_LINE, SOURCE_TEXT } from './engine-check.js';
import type { IngestAnswer, IngestPrincipal } from './ingestor.js';
import { insertStageLines } from './stage.js';
import { startIngestApp } from './testing/ingest-test-app.js';

/**
 * The engine's check of NDJSON lines (engine-check.ts) against schema.ts, the definition: over a corpus of awkward
 * values of every kind, every line the engine converts is one schema.ts accepts, with the same values; every other
 * line is left to schema.ts. And over HTTP: a bad row of each kind is reported by line and field with the words a
 * JSON-array body (checked by schema.ts alone) gets, and nothing is written.
 */
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let api: { url: string; close(): Promise<void> };
const principals: Record<string, IngestPrincipal> = {
  writer: { keyId: 'key-writer', role: 'ingest', amanahs: 'all' },
  jeddah: { keyId: 'key-jeddah', role: 'ingest', amanahs: ['jeddah'] },
};

beforeAll(async () => {
  store = await openTestStore();
  api = await startIngestApp(store, principals);
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

/** A JSON line: `base` with `field` set to the raw JSON text `raw` (numbers JavaScript cannot hold stay as written). */
function lineWith(base: Record<string, unknown>, field: string, raw: string | undefined): string {
  if (raw === undefined) return JSON.stringify(Object.fromEntries(Object.entries(base).filter(([key]) => key !== field)));
  return JSON.stringify({ ...base, [field]: '__RAW__' }).replace('"__RAW__"', raw);
}

const q = (value: string) => JSON.stringify(value);
const TIMESTAMPS = [
  '2024-05-01T10:00:00+03:00', '2024-05-01T10:00:00Z', '2024-05-01 10:00:00', '2024-05-01T10:00:00', '2024-05-01T10:00:00-14:00',
  '2024-05-01T10:00', '2024-05-01T10:00:00.123Z', '2024-05-01T10:00:00+0530', '2024-05-01T10:00:00+05', '2024-02-29T23:59:59+14:00',
  '2024-02-30T10:00:00Z', '2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-00-10T00:00:00Z', '2024-05-00T00:00:00Z',
  '2024-05-01T24:00:00Z', '2024-05-01T10:60:00Z', '2024-05-01T10:00:60Z', '2024-05-01T10:00:00+15:00', '2024-05-01T10:00:00+14:60',
  '1999-12-31T21:00:00-14:00', '1999-12-31T23:59:59+03:00', '2000-01-01T00:00:00+03:00', '2099-01-01T00:00:00Z', '1850-01-01T00:00:00Z',
  '2024-05-01t10:00:00z', '2024-05-01T10:00:00 ', ' 2024-05-01T10:00:00', '٢٠٢٤-05-01T10:00:00Z', '',
  // Fractions of a second (dropped by schema.ts), right and wrong.
  '2024-05-01T10:00:00.1234567890Z', '2024-05-01T10:00:00.Z', '2024-05-01T10:00:00,5Z', '2024-05-01T10:00.5Z', '2024-05-01T10:00:00.5+0300',
  '2024-05-01T10:00:00.٥Z', '1999-12-31T23:59:59.999+03:00', '2024-02-29T23:59:59.999-14:00', '2024-05-01T09:59:59.999+03:00',
].map(q).concat(['null', '20240501', 'true', '{}', '[]']);
/** Timestamps the engine converts itself (its fast path): JavaScript's toISOString() and other fractions of a second. */
const ENGINE_TIMESTAMPS = ['2024-05-01T10:00:00.000Z', '2024-05-01T11:00:00.123456789+03:00', '2024-05-01 12:30:59.9', '2024-05-01T10:00:00.123Z'];
TIMESTAMPS.push(...ENGINE_TIMESTAMPS.filter((t) => !TIMESTAMPS.includes(q(t))).map(q));
const TEXTS = [
  '"visitor-1"', '""', 'null', '12345', '0', '-7', '1.5', '1.50', '1e21', '1e-7', '12345678901234567890', '123456789012345', '1234567890123456',
  'true', 'false', '"true"', '{}', '{"a":1}', '[]', '[1]', '"{x"', '"-5"', '"007"', '"1.5"', '"تجربة"', '"a\\"b\\\\c"', '"\\u0041\\n"', '-0', '1.0',
];
const AMANAHS = ['"riyadh"', '"Riyadh"', '"atlantis"', '"jeddah"', '""', 'null', '1', 'true', '"riyadh "', '["riyadh"]'];
const ENUMS = ['"web"', '"WEB"', '"mobile_app"', '5', 'null', '""', 'true'];
const BOOLS = ['true', 'false', '1', '0', '1.0', '0.0', '"1"', '"0"', '"TRUE"', '"False"', '"yes"', '2', '-0', 'null', '""', '"true "', '{}'];
const DECIMALS = [
  '"12.5"', '"-12.50"', '"12.555"', '12.5', '7.25', '"9999999999999999.99"', '99999999999999.99', '1e2', '"1e2"', '".5"', '"5."', '-0', '"-0"',
  '0.1', '123456789012345678', '"abc"', 'true', '"17"', '17', '"00012.30"', '100000000000000000',
];
const UINTS = [
  '5', '"5"', '"007"', '5.0', '5.5', '-1', '"-1"', '"18446744073709551615"', '"18446744073709551616"', '4294967295', '4294967296',
  '9007199254740993', '"9007199254740993"', '999999999999999', '1e3', '""', 'true', '"5 "', '0', '-0', '"0"',
];
const DATES = ['"2024-02-29"', '"2023-02-29"', '"1999-12-31"', '"2000-01-01"', '"2099-01-01"', '"2024-5-1"', '20240229', 'null', '"2024-02-29T00:00:00Z"'];

/** Lines of a dataset's corpus: a good row, then one awkward value per field at a time, and lines of other shapes. */
function corpus(base: Record<string, unknown>, values: Record<string, string[]>): string[] {
  const lines = [JSON.stringify(base)];
  for (const [field, raws] of Object.entries(values)) for (const raw of raws) lines.push(lineWith(base, field, raw));
  for (const field of Object.keys(base)) lines.push(lineWith(base, field, undefined));
  const good = JSON.stringify(base);
  lines.push(
    '', '   ', '\t\r', '\u00a0', 'not json', '[1,2]', '"text"', '{}', good + ' trailing', good.slice(0, -1) + ',"extra":1}',
    good.slice(0, -1) + `,${JSON.stringify(Object.keys(base)[0])}:${JSON.stringify(Object.values(base)[0])}}`, // a key given twice
    good.replace('"amanah"', '"\\u0061manah"'), good + '\r', ` ${good} `, good.replace(/":/g, '" : '),
  );
  return lines;
}

const DATASET_CORPORA: Array<{ dataset: DatasetName; lines: string[] }> = [
  {
    dataset: 'portal_visits',
    lines: corpus(
      { ts: '2024-05-01T10:00:00+03:00', amanah: 'riyadh', channel: 'web', visitor_id: 'v1', session_id: 's1', page: '/p', device: 'mobile', source: 'direct' },
      { ts: TIMESTAMPS, amanah: AMANAHS, channel: ENUMS, visitor_id: TEXTS },
    ),
  },
  {
    dataset: 'service_requests',
    lines: corpus(
      { request_id: 'r1', submitted_at: '2024-05-01T10:00:00+03:00', amanah: 'jeddah', service: 'registration', channel: 'portal', status: 'completed', completed_at: '2024-05-02T10:00:00+03:00' },
      { completed_at: [...TIMESTAMPS, q('2024-05-01T09:59:59+03:00'), q('2024-05-01T10:00:00+03:00'), q('2024-05-01T07:00:00Z')] },
    ),
  },
  { dataset: 'office_visits', lines: corpus({ ts: '2024-05-01T10:00:00Z', amanah: 'riyadh', office: 'o1', with_appointment: true, service: 's' }, { with_appointment: BOOLS }) },
  { dataset: 'indicator_snapshots', lines: corpus({ day: '2024-02-29', amanah: 'tabuk', indicator: 'staff', value: '1.5' }, { value: DECIMALS, day: DATES }) },
  {
    dataset: 'social_stats',
    lines: corpus({ day: '2024-05-01', amanah: 'tabuk', platform: 'youtube', followers: 1, impressions: 2, views: 3, engagements: 4, posts: 5 }, { followers: UINTS }),
  },
  { dataset: 'notifications', lines: corpus({ sent_at: '2024-05-01T10:00:00Z', amanah: 'riyadh', kind: 'sms', count: 3 }, { count: UINTS }) },
];

describe('the engine check of NDJSON lines', () => {
  it.each(DATASET_CORPORA)('converts only lines schema.ts accepts, to the values schema.ts gives them: $dataset', async ({ dataset, lines }) => {
    const { schema, columns } = await new DatasetSchemas(store).of(dataset);
    const stage = `ingest_stage_${'e'.repeat(32)}_${dataset.length}`;
    await insertStageLines(store, { dataset, fieldNames: schema.fieldNames, columns, check: {} }, stage, Buffer.from(lines.join('\n') + '\n'), 0, true);
    try {
      const select = schema.fieldNames.map((name) => {
        const type = columns[name]!;
        if (type.includes('DateTime')) return `toUnixTimestamp(${name}) AS ${name}`;
        if (type.startsWith('Decimal')) return `toString(${name}) AS ${name}`;
        if (type === 'Date') return `toString(${name}) AS ${name}`;
        return name;
      });
      const rows = await store.select<Record<string, unknown>>(`SELECT ${SOURCE_LINE} AS line, ${SOURCE_TEXT} AS text, ${select.join(', ')} FROM ${stage} ORDER BY line`);
      const byLine = new Map(rows.map((row) => [Number(row.line), row]));
      let converted = 0;
      let left = 0;
      lines.forEach((text, i) => {
        const row = byLine.get(i + 1);
        const content = text.endsWith('\r') ? text.slice(0, -1) : text;
        if (content.trim() === '') {
          // A blank line carries no row: the engine drops it, or leaves it to schema.ts (which skips it).
          if (row) expect(row.text, `line ${i + 1}`).toBe(text);
          return;
        }
        expect(row, `line ${i + 1} ${text}`).toBeDefined();
        if (ENGINE_TIMESTAMPS.some((t) => text.includes(q(t)))) expect(row!.text, `line ${i + 1}: left to schema.ts`).toBe('');
        if (row!.text !== '') {
          expect(row!.text, `line ${i + 1}`).toBe(text);
          left += 1;
          return;
        }
        converted += 1;
        const check = schema.checkRecord(JSON.parse(content));
        expect(check.problems, `line ${i + 1} ${text}: converted by the engine, refused by schema.ts`).toEqual([]);
        // Decimals compared as numbers (the engine prints 12.50 as 12.5), and -0 is stored as 0.
        const comparable = (name: string, value: unknown) => {
          const number = columns[name]!.startsWith('Decimal') && value !== null ? Number(value) : value;
          return number === 0 ? 0 : number;
        };
        const expected = schema.fieldNames.map((name, f) => comparable(name, check.values![f]));
        const actual = schema.fieldNames.map((name) => comparable(name, row![name]));
        expect(actual, `line ${i + 1} ${text}`).toEqual(expected);
      });
      // Not vacuous: most values of the corpus are converted, and the awkward ones are left to schema.ts.
      expect(converted).toBeGreaterThan(10);
      expect(left).toBeGreaterThan(10);
    } finally {
      await dropWorkTable(store, stage);
    }
  });
});

async function post(dataset: string, contentType: string, body: string, key = 'writer'): Promise<{ status: number; body: IngestAnswer }> {
  const response = await fetch(`${api.url}/api/ingest/${dataset}`, {
    method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': contentType }, body,
  });
  return { status: response.status, body: (await response.json()) as IngestAnswer };
}

async function written(): Promise<{ rows: number; stages: number; batches: number }> {
  const [row] = await store.select<{ rows: number; stages: number; batches: number }>(
    `SELECT (SELECT count() FROM service_requests) AS rows,
            (SELECT count() FROM system.tables WHERE database = currentDatabase() AND startsWith(name, 'ingest_stage_')) AS stages,
            (SELECT count() FROM ingest_batch_log) AS batches`,
  );
  return { rows: Number(row!.rows), stages: Number(row!.stages), batches: Number(row!.batches) };
}

describe('NDJSON bad rows over HTTP', () => {
  const good = { request_id: 'r1', submitted_at: '2024-05-01T10:00:00+03:00', amanah: 'jeddah', service: 'registration', channel: 'portal', status: 'completed', completed_at: '2024-05-02T10:00:00+03:00' };
  // One bad row of each kind, between good ones.
  const bad: Array<Record<string, unknown>> = [
    { ...good, submitted_at: '2024-02-30T10:00:00Z' }, // not a real date
    { ...good, submitted_at: '1999-01-01T00:00:00Z' }, // outside the window
    { ...good, submitted_at: 'yesterday' }, // not a timestamp
    { ...good, submitted_at: 20240501 }, // not a string
    { ...good, amanah: 'atlantis' }, // unknown amanah
    { ...good, service: 'teleport' }, // not in the enum
    { ...good, status: '' }, // required and empty
    { ...good, completed_at: '2024-04-30T10:00:00+03:00' }, // ends before it started
    { ...good, request_id: true }, // not text
    { ...good, extra: 1 }, // unknown field
    Object.fromEntries(Object.entries(good).filter(([key]) => key !== 'channel')), // required field missing
    { ...good, amanah: null, service: 5 }, // two problems in one row
  ];
  const records = [good, ...bad.flatMap((row) => [row, good])];

  it('reports every bad row by line and field, in the words of schema.ts (a JSON array of the same records), and writes nothing', async () => {
    const before = await written();
    const lines = await post('service_requests', 'application/x-ndjson', records.map((record) => JSON.stringify(record)).join('\n') + '\n');
    const array = await post('service_requests', 'application/json', JSON.stringify(records));
    expect(lines.status).toBe(422);
    expect(array.status).toBe(422);
    // Element i of the array is line i of the body.
    expect(lines.body.errors).toEqual(array.body.errors);
    expect(lines.body.errorsTotal).toBe(bad.length + 1);
    expect(lines.body.errors.map((error) => error.line)).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 24]);
    expect(lines.body.errors.map((error) => error.field)).toEqual([
      'submitted_at', 'submitted_at', 'submitted_at', 'submitted_at', 'amanah', 'service', 'status', 'completed_at', 'request_id', 'extra', 'channel', 'amanah', 'service',
    ]);
    expect(lines.body.rowsReceived).toBe(records.length);
    expect(await written()).toEqual(before);
  });

  it('numbers lines as they are in the body: blank lines and CRLF endings counted, a line that is not JSON reported as such', async () => {
    const before = await written();
    const body = ['', JSON.stringify(good), '   ', `${JSON.stringify({ ...good, amanah: 'atlantis' })}\r`, '{"request_id": "r2",', '', JSON.stringify(good)].join('\n');
    const answer = await post('service_requests', 'application/x-ndjson', body);
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([
      { line: 4, field: 'amanah', message: '"atlantis" is not a known amanah id' },
      { line: 5, field: '', message: expect.stringMatching(/^not valid JSON: /) },
    ]);
    expect(answer.body.rowsReceived).toBe(3);
    expect(await written()).toEqual(before);
  });

  it('refuses rows outside the key scope with 403, listing them, and writes nothing', async () => {
    const before = await written();
    const answer = await post('service_requests', 'application/x-ndjson', [good, { ...good, amanah: 'riyadh' }, good].map((r) => JSON.stringify(r)).join('\n'), 'jeddah');
    expect(answer.status).toBe(403);
    expect(answer.body.errors).toEqual([{ line: 2, field: 'amanah', message: 'amanah riyadh is outside the scope of this key' }]);
    expect(await written()).toEqual(before);
  });

  it('inserts a good batch whole, the rows schema.ts had to read (awkward but valid values) with the rest', async () => {
    const before = await written();
    const rows = [
      good,
      { ...good, request_id: 'r-odd', submitted_at: '2024-05-01T10:00', completed_at: '2024-05-01T12:00:00.5+0300' }, // layouts the engine leaves to schema.ts
      { ...good, request_id: 12.5 }, // a number as text
    ];
    const answer = await post('service_requests', 'application/x-ndjson', rows.map((r) => JSON.stringify(r)).join('\n'));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ rowsReceived: 3, rowsInserted: 3, errorsTotal: 0 });
    expect(await store.select("SELECT request_id, toString(submitted_at) AS submitted, toString(completed_at) AS completed FROM service_requests WHERE request_id IN ('r-odd', '12.5') ORDER BY request_id")).toEqual([
      { request_id: '12.5', submitted: '2024-05-01 10:00:00', completed: '2024-05-02 10:00:00' },
      { request_id: 'r-odd', submitted: '2024-05-01 10:00:00', completed: '2024-05-01 12:00:00' },
    ]);
    expect(await written()).toMatchObject({ rows: before.rows + 3, stages: 0, batches: before.batches + 1 });
  });
});
