import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASET_NAMES } from '@amanah/domain';
import type { StoreConfig } from './config.js';
import { DERIVED_TABLES } from './rollups.js';
import { openTestStore } from './testing.js';
import { createWorkTable, dropWorkTable, partsStatement, settleWorkTable, truncateStatement, workTableStatements } from './work-tables.js';

// The cluster forms are checked by ClickHouse's own parser (formatQuery); the single-server forms run on the test's store.
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;

beforeAll(async () => {
  store = await openTestStore();
});
afterAll(() => store?.dispose());

const SERVER: StoreConfig = { kind: 'server', url: 'http://ch:8123', user: 'kpi', password: '', database: 'kpi' };
const CLUSTER: StoreConfig = { kind: 'server', url: 'http://ch:8123', user: 'kpi', password: '', database: 'kpi', cluster: 'amanat' };

async function format(statement: string): Promise<string> {
  const [row] = await store.select<{ sql: string }>('SELECT formatQuery({q:String}) AS sql', { q: statement });
  return row!.sql;
}

describe('work tables on one server', () => {
  it('are created, filled, read and dropped on the store the test runs on', async () => {
    await createWorkTable(store, 'work_spec', 'amanah String, n UInt32', 'MergeTree');
    await store.insert('work_spec', [{ amanah: 'tabuk', n: 1 }, { amanah: 'tabuk', n: 1 }]);
    await settleWorkTable(store, 'work_spec');
    // Two equal rows stay two rows: a work table never deduplicates.
    expect(await store.select('SELECT amanah, n FROM work_spec')).toEqual([{ amanah: 'tabuk', n: 1 }, { amanah: 'tabuk', n: 1 }]);
    await dropWorkTable(store, 'work_spec');
    await dropWorkTable(store, 'work_spec'); // dropping a dropped one is no error
    expect(await store.select("SELECT name FROM system.tables WHERE database = currentDatabase() AND name = 'work_spec'")).toEqual([]);
  });

  it('keep the statements each path had (Memory for the seed, a MergeTree without order for stages)', () => {
    for (const config of [SERVER, { kind: 'embedded', dataDir: '/nowhere' } as const]) {
      const statements = workTableStatements(config, 'w', 'a String', 'Memory');
      expect(statements).toEqual({ create: 'CREATE TABLE w (a String) ENGINE = Memory', drop: 'DROP TABLE IF EXISTS w' });
      expect(workTableStatements(config, 'w', 'a String', 'MergeTree').create).toBe('CREATE TABLE w (a String) ENGINE = MergeTree ORDER BY tuple()');
      expect(() => workTableStatements(config, 'w; DROP TABLE x', '', 'Memory')).toThrow(/bad name/);
    }
  });

  it('reads the parts of the schema’s tables by the names the app uses', async () => {
    await store.insert('office_visits', [{ ts: '2024-03-05 10:00:00', amanah: 'tabuk', office: 'main', with_appointment: true, service: 'other' }]);
    const parts = partsStatement(store.config);
    const rows = await store.select<{ table: string; partition: string; rows: number }>(parts.sql, parts.params);
    expect(rows.filter((row) => row.table === 'office_visits')).toEqual([{ table: 'office_visits', partition: '202403', rows: 1 }]);
    await store.command(truncateStatement(store.config, 'office_visits'));
    expect(await store.select('SELECT count() AS n FROM office_visits')).toEqual([{ n: 0 }]);
  });
});

describe('work tables, truncation and parts on a cluster (parsed, not run)', () => {
  it('are replicated to every host, without deduplication, and each insert waits for every replica', async () => {
    const statements = workTableStatements(CLUSTER, 'ingest_stage_x_0', 'amanah String, n UInt32', 'MergeTree');
    expect(await format(statements.create)).toBe(
      'CREATE TABLE ingest_stage_x_0 ON CLUSTER amanat\n(\n    `amanah` String,\n    `n` UInt32\n)\n' +
        "ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/{database}/ingest_stage_x_0', '{replica}')\nORDER BY tuple()\n" +
        'SETTINGS replicated_deduplication_window = 0',
    );
    expect(workTableStatements(CLUSTER, 'p', 'a String', 'Memory').create).toContain('ENGINE = ReplicatedMergeTree(');
    expect(await format(statements.drop)).toBe('DROP TABLE IF EXISTS ingest_stage_x_0 ON CLUSTER amanat SYNC');
    expect(await format(statements.settle!)).toBe('SYSTEM SYNC REPLICA ON CLUSTER amanat ingest_stage_x_0');
  });

  it('truncates the local table of every sharded table, the table itself otherwise', async () => {
    for (const table of [...DATASET_NAMES, ...DERIVED_TABLES]) {
      expect(await format(truncateStatement(CLUSTER, table))).toBe(`TRUNCATE TABLE IF EXISTS ${table}_local ON CLUSTER amanat SYNC`);
    }
    expect(await format(truncateStatement(CLUSTER, 'api_keys'))).toBe('TRUNCATE TABLE IF EXISTS api_keys ON CLUSTER amanat SYNC');
  });

  it('counts parts on one replica per shard, named without _local', async () => {
    const parts = partsStatement(CLUSTER);
    expect(parts.params).toEqual({ database: 'kpi' });
    const formatted = await format(parts.sql);
    expect(formatted).toContain("FROM cluster('amanat', system.parts)");
    expect(formatted).toContain("replaceRegexpOne(`table`, '_local$', '') AS `table`");
    expect(formatted).not.toContain('clusterAllReplicas');
  });
});
