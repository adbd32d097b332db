import { createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_SETTINGS } from './store.js';
import { startClickHouseServer, type ClickHouseTestServer } from './testing-server.js';
import { openTestStore } from './testing.js';

// One JavaScript representation of ClickHouse values over both connections (see STORE_SETTINGS in store.ts).

/** Each column: the SQL that makes the value, and what every caller of the store gets back. */
const PROBE = {
  uint64: { sql: 'toUInt64(9007199254740991)', js: 9007199254740991 }, // 2^53 - 1: the largest exact double
  int64: { sql: 'toInt64(-9007199254740991)', js: -9007199254740991 },
  uint32: { sql: 'toUInt32(4294967295)', js: 4294967295 },
  decimal: { sql: "toDecimal64('1234567.89', 2)", js: 1234567.89 },
  date: { sql: "toDate('2024-03-10')", js: '2024-03-10' },
  riyadh_time: { sql: "toDateTime('2024-03-10 23:30:00', 'Asia/Riyadh')", js: '2024-03-10 23:30:00' },
  missing: { sql: 'CAST(NULL AS Nullable(UInt64))', js: null },
  present: { sql: 'CAST(7 AS Nullable(UInt64))', js: 7 },
  // Types and settings 18.16 does not have: chDB only.
  flag: { sql: 'CAST(true AS Bool)', js: true },
  // A DateTime without a zone of its own (2024-03-10T20:30:00Z) is written in session_timezone, i.e. Riyadh.
  session_time: { sql: 'toDateTime(1710102600)', js: '2024-03-10 23:30:00' },
} as const;
type Column = keyof typeof PROBE;
const SERVER_18_COLUMNS: Column[] = ['uint64', 'int64', 'uint32', 'decimal', 'date', 'riyadh_time', 'missing', 'present'];

function probeSql(columns: readonly Column[]): string {
  return `SELECT ${columns.map((c) => `${PROBE[c].sql} AS ${c}`).join(', ')}`;
}
function expected(columns: readonly Column[]): Record<string, unknown> {
  return Object.fromEntries(columns.map((c) => [c, PROBE[c].js]));
}
const ALL_COLUMNS = Object.keys(PROBE) as Column[];

describe('result types on the embedded store (chDB)', () => {
  let store: Awaited<ReturnType<typeof openTestStore>>;

  beforeAll(async () => {
    store = await openTestStore({ migrated: false });
  });
  afterAll(() => store?.dispose());

  it('returns 64-bit integers and decimals as numbers, dates as Riyadh strings, NULL as null, Bool as boolean', async () => {
    expect(await store.select(probeSql(ALL_COLUMNS))).toEqual([expected(ALL_COLUMNS)]);
  });

  it('accepts the same representation on insert and in query parameters, and gives it back unchanged', async () => {
    await store.command(`CREATE TABLE typed (
        uint64 UInt64, int64 Int64, decimal Decimal(18, 2), date Date, riyadh_time DateTime('Asia/Riyadh'),
        missing Nullable(UInt64), present Nullable(UInt64), flag Bool
      ) ENGINE = MergeTree ORDER BY date`);
    const columns: Column[] = ['uint64', 'int64', 'decimal', 'date', 'riyadh_time', 'missing', 'present', 'flag'];
    const row = expected(columns);
    await store.insert('typed', [row]);
    const back = await store.select(
      `SELECT ${columns.join(', ')} FROM typed
       WHERE date = {date:Date} AND riyadh_time = {time:DateTime('Asia/Riyadh')} AND uint64 = {big:UInt64}`,
      { date: '2024-03-10', time: '2024-03-10 23:30:00', big: 9007199254740991 },
    );
    expect(back).toEqual([row]);
  });

  // Shows that the settings, not luck, give these types: chDB too follows them when a query overrides them.
  it('follows the settings: quoting and time zone change when a query overrides them', async () => {
    const overridden = await store.select<Record<string, unknown>>(probeSql(['uint64', 'decimal', 'session_time']), {}, {
      output_format_json_quote_64bit_integers: 1,
      output_format_json_quote_decimals: 1,
      session_timezone: 'UTC',
    });
    expect(overridden).toEqual([{ uint64: '9007199254740991', decimal: '1234567.89', session_time: '2024-03-10 20:30:00' }]);
  });
});

describe('result types on a ClickHouse server (Debian 18.16)', () => {
  let server: ClickHouseTestServer;
  let client: ClickHouseClient;

  beforeAll(async () => {
    server = await startClickHouseServer();
    client = createClient({ url: server.url, username: server.user, password: server.password });
  });
  afterAll(async () => {
    await client?.close();
    await server?.stop();
  });

  const select = async (settings: ClickHouseSettings) =>
    (await client.query({ query: probeSql(SERVER_18_COLUMNS), format: 'JSONEachRow', clickhouse_settings: settings })).json();

  it('knows only the first of the store settings (why the store refuses it rather than sending them)', async () => {
    const known = await (await client.query({ query: 'SELECT name FROM system.settings', format: 'JSONEachRow' })).json<{ name: string }>();
    const names = new Set(known.map((s) => s.name));
    expect(Object.keys(STORE_SETTINGS).filter((name) => names.has(name))).toEqual(['output_format_json_quote_64bit_integers']);
  });

  it('quotes 64-bit integers as strings by default, unlike chDB', async () => {
    const quoted = { uint64: '9007199254740991', int64: '-9007199254740991', present: '7' };
    expect(await select({})).toEqual([{ ...expected(SERVER_18_COLUMNS), ...quoted }]);
  });

  it('gives the same types as chDB under the store settings it knows', async () => {
    const known = { output_format_json_quote_64bit_integers: STORE_SETTINGS.output_format_json_quote_64bit_integers };
    expect(await select(known)).toEqual([expected(SERVER_18_COLUMNS)]);
  });
});
