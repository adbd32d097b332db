import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASET_NAMES } from '@amanah/domain';
import { clusterStatements as toCluster, shardedTables } from './cluster-ddl.js';
import type { StoreConfig } from './config.js';
import { MIGRATIONS, migrationPlan, migrationScript, splitStatements } from './migrations.js';
import { DERIVED_TABLES } from './rollups.js';
import { backupServer, restoreServer, serverBackupStatement } from './backup.js';
import { openTestStore } from './testing.js';

// Only ClickHouse's parser is used (formatQuery): an empty embedded store is enough, and nothing connects to a cluster.
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;

beforeAll(async () => {
  store = await openTestStore({ migrated: false });
});
afterAll(() => store?.dispose());

const CLUSTER: StoreConfig = { kind: 'server', url: 'http://ch:8123', user: 'kpi', password: '', database: 'kpi', cluster: 'amanat' };
const SERVER: StoreConfig = { kind: 'server', url: 'http://ch:8123', user: 'kpi', password: '', database: 'kpi' };

/** ClickHouse's own formatting of a statement; throws (a syntax error) when it does not parse. */
async function format(statement: string): Promise<string> {
  const [row] = await store.select<{ sql: string }>('SELECT formatQuery({q:String}) AS sql', { q: statement });
  return row!.sql;
}

const plan = migrationPlan(CLUSTER);
const clusterStatements = [...plan.ledger, ...plan.migrations.flatMap((m) => m.statements)];

describe('the cluster form of the migrations', () => {
  it('parses, statement by statement, and every DDL runs ON CLUSTER', async () => {
    expect(clusterStatements.length).toBeGreaterThan(MIGRATIONS.flatMap((m) => m.statements).length);
    for (const statement of clusterStatements) {
      const formatted = await format(statement);
      if (formatted.startsWith('INSERT INTO')) {
        expect(formatted).not.toContain('ON CLUSTER');
      } else {
        expect(formatted, statement).toMatch(/^CREATE (TABLE|MATERIALIZED VIEW) IF NOT EXISTS \w+ ON CLUSTER amanat\b|^ALTER TABLE \w+ ON CLUSTER amanat\b/);
      }
      expect(formatted).not.toContain('non_replicated_deduplication_window');
      expect(formatted).not.toMatch(/ENGINE = (Summing|Replacing|Aggregating)?MergeTree\b/);
    }
  });

  it('shards the event tables and everything a view reads or writes: the rollups, durations and histograms', () => {
    const sharded = shardedTables(MIGRATIONS.flatMap((m) => m.statements));
    expect([...sharded].sort()).toEqual([...new Set([...DATASET_NAMES, ...DERIVED_TABLES])].sort());
  });

  it('makes each sharded table a replicated local table with a Distributed table under its name', async () => {
    const sharded = [...new Set([...DATASET_NAMES, ...DERIVED_TABLES])];
    const formatted = await Promise.all(clusterStatements.map(format));
    for (const table of sharded) {
      const local = formatted.find((s) => s.startsWith(`CREATE TABLE IF NOT EXISTS ${table}_local ON CLUSTER amanat`));
      expect(local, table).toMatch(
        new RegExp(`ENGINE = Replicated(Summing|Aggregating)?MergeTree\\('/clickhouse/tables/\\{shard\\}/\\{database\\}/${table}_local', '\\{replica\\}'\\)`),
      );
      const front = formatted.find((s) => s.startsWith(`CREATE TABLE IF NOT EXISTS ${table} ON CLUSTER amanat`));
      // By amanah; a lean histogram (migration 0120) has none, and every read sums it over the shards.
      const key = table.endsWith('_lean_histogram') ? 'rand()' : 'cityHash64(amanah)';
      expect(front, table).toContain(`AS ${table}_local\nENGINE = Distributed(amanat, kpi, ${table}_local, ${key})`);
    }
    const engineOf = (table: string) => formatted.find((s) => s.startsWith(`CREATE TABLE IF NOT EXISTS ${table}_local `))!.split('ENGINE = ')[1]!;
    expect(engineOf('portal_visits')).toMatch(/^ReplicatedMergeTree\(/);
    expect(engineOf('portal_visits_daily')).toMatch(/^ReplicatedAggregatingMergeTree\(/);
    expect(engineOf('licenses_daily')).toMatch(/^ReplicatedSummingMergeTree\(/);
    // The dedup window of replicated tables replaces the non-replicated one (0004 and later set it at creation).
    expect(engineOf('service_completions')).toContain('SETTINGS replicated_deduplication_window = 1000');
  });

  it('feeds each shard’s local rollups from its local event tables', async () => {
    const views = (await Promise.all(clusterStatements.map(format))).filter((s) => s.startsWith('CREATE MATERIALIZED VIEW'));
    expect(views).toHaveLength(MIGRATIONS.flatMap((m) => m.statements).filter((s) => s.startsWith('CREATE MATERIALIZED VIEW')).length);
    for (const view of views) {
      expect(view).toMatch(/ON CLUSTER amanat TO \w+_local\b/);
      expect(view).toMatch(/\bFROM \w+_local\b/);
    }
    expect(views.find((v) => v.includes('portal_visits_daily_mv'))).toMatch(/TO portal_visits_daily_local\s+AS[\s\S]*FROM portal_visits_local\b/);
  });

  it('replicates the other tables, the migration ledger included, to every host; keeps ReplacingMergeTree’s version', async () => {
    const [ledger] = plan.ledger;
    expect(await format(ledger!)).toContain(
      "schema_migrations ON CLUSTER amanat\n(\n    `version` UInt32,\n    `name` String,\n    `checksum` String,\n    `applied_at` DateTime('Asia/Riyadh') DEFAULT now()\n)\nENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/{database}/schema_migrations', '{replica}')",
    );
    const ledgerTable = clusterStatements.find((s) => s.includes('TABLE IF NOT EXISTS ingest_ledger '))!;
    expect(await format(ledgerTable)).toContain("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/{database}/ingest_ledger', '{replica}', version)");
    expect(clusterStatements.some((s) => s.includes('ingest_ledger_local') || s.includes('Distributed(amanat, kpi, api_keys'))).toBe(false);
  });

  it('alters the local table for a setting, and both tables for a column', async () => {
    const alters = await Promise.all(clusterStatements.filter((s) => s.startsWith('ALTER')).map(format));
    expect(alters).toContain('ALTER TABLE portal_visits_local ON CLUSTER amanat\n    (MODIFY SETTING replicated_deduplication_window = 1000)');
    // The setting reached the local table only; the batch column (migration 0060) reaches both.
    const onDistributed = alters.filter((a) => a.startsWith('ALTER TABLE portal_visits ON CLUSTER'));
    expect(onDistributed).toHaveLength(1);
    expect(onDistributed[0]).toMatch(/ADD COLUMN.*ingest_batch/s);
    expect(alters.filter((a) => a.startsWith('ALTER TABLE portal_visits_local ON CLUSTER') && a.includes('ingest_batch'))).toHaveLength(1);
    expect(alters.filter((a) => a.startsWith('ALTER TABLE ingest_audit ON CLUSTER amanat'))).toHaveLength(1);
  });

  it('refuses a statement it has no cluster form for, and a sharded table without amanah', () => {
    const target = { cluster: 'amanat', database: 'kpi' };
    expect(() => toCluster(['DROP TABLE portal_visits'], target, new Set())).toThrow(/No cluster form for this statement: DROP TABLE/);
    expect(() => toCluster(['CREATE TABLE IF NOT EXISTS t (ts DateTime) ENGINE = MergeTree ORDER BY ts'], target, new Set(['t']))).toThrow(
      /Sharded table t has no amanah column/,
    );
    // A table of sums over amanahs may go to any shard.
    expect(toCluster(['CREATE TABLE IF NOT EXISTS s (month Date, n UInt64) ENGINE = SummingMergeTree ORDER BY month'], target, new Set(['s']))[1]).toMatch(
      /ENGINE = Distributed\(amanat, kpi, s_local, rand\(\)\)$/,
    );
  });

  it('leaves the single-server form exactly as written', () => {
    for (const config of [SERVER, { kind: 'embedded', dataDir: '/nowhere' } as const]) {
      const single = migrationPlan(config);
      expect(single.migrations.map((m) => m.statements)).toEqual(MIGRATIONS.map((m) => m.statements));
      expect(single.ledger.join()).toMatch(/ENGINE = ReplacingMergeTree ORDER BY version$/);
    }
  });
});

describe('kpi migrate --print (migrationScript)', () => {
  it('prints every migration as written for one server', () => {
    const script = migrationScript(SERVER);
    expect(script).not.toContain('ON CLUSTER');
    for (const migration of MIGRATIONS) expect(script).toContain(`-- ${migration.name}\n${migration.statements[0]};`);
    expect(splitStatements(script)).toEqual([...migrationPlan(SERVER).ledger, ...MIGRATIONS.flatMap((m) => m.statements)]);
  });

  it('prints the cluster form with CLICKHOUSE_CLUSTER, every statement once and in order', () => {
    const script = migrationScript(CLUSTER);
    expect(script.startsWith('-- Amanah KPI migrations for cluster amanat, database kpi\n')).toBe(true);
    expect(splitStatements(script)).toEqual(clusterStatements);
  });
});

describe('a server backup (kpi backup --disk / restore --disk)', () => {
  it('is the server’s own BACKUP and RESTORE to a disk, ON CLUSTER on a cluster, as ClickHouse parses it', async () => {
    const literal = (sql: string) => sql.replace('{disk:String}', "'backups'").replace('{name:String}', "'kpi-2026-12-06'");
    expect(await format(literal(serverBackupStatement('BACKUP', 'kpi', 'amanat')))).toBe("BACKUP DATABASE kpi ON CLUSTER amanat TO Disk('backups', 'kpi-2026-12-06')");
    expect(await format(literal(serverBackupStatement('RESTORE', 'kpi', 'amanat')))).toBe("RESTORE DATABASE kpi ON CLUSTER amanat FROM Disk('backups', 'kpi-2026-12-06')");
    expect(await format(literal(serverBackupStatement('BACKUP', 'kpi', undefined)))).toBe("BACKUP DATABASE kpi TO Disk('backups', 'kpi-2026-12-06')");
  });

  it('refuses the embedded store and names that are not plain, before connecting to anything', async () => {
    await expect(backupServer(store.config, { disk: 'backups', name: 'x' })).rejects.toThrow(/--disk is for a ClickHouse server/);
    await expect(backupServer(CLUSTER, { disk: "backups') --", name: 'x' })).rejects.toThrow(/is not a disk name/);
    await expect(restoreServer(CLUSTER, { disk: 'backups', name: '../etc' })).rejects.toThrow(/--name "..\/etc" must be/);
    await expect(restoreServer(SERVER, { disk: 'backups', name: '' })).rejects.toThrow(/--name "" must be/);
  });
});
