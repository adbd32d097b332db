/// <reference types="vite/client" />
import { createHash } from 'node:crypto';
import { clusterStatements, shardedTables } from './cluster-ddl.js';
import type { StoreConfig } from './config.js';
import type { Store } from './store.js';

/**
 * Numbered `.sql` files in ../migrations, bundled into the build by Vite, applied in order and recorded in
 * `schema_migrations`. Every statement is idempotent (IF NOT EXISTS; reference rows into ReplacingMergeTree), so a
 * re-run is a no-op and two processes migrating one server at once both succeed without harm.
 */
export interface Migration {
  version: number;
  name: string;
  statements: string[];
  checksum: string;
}

const files = import.meta.glob('../migrations/*.sql', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

export const MIGRATIONS: readonly Migration[] = Object.entries(files)
  .map(([file, sql]) => {
    const name = file.split('/').pop()!.replace(/\.sql$/, '');
    const version = Number(/^(\d+)_/.exec(name)?.[1]);
    if (!Number.isInteger(version)) throw new Error(`Migration file ${file} must start with a number, e.g. 0004_name.sql`);
    return { version, name, statements: splitStatements(sql), checksum: createHash('sha256').update(sql).digest('hex') };
  })
  .sort((a, b) => a.version - b.version);

/** The migration ledger, created before the migrations run. */
const LEDGER_DDL = `CREATE TABLE IF NOT EXISTS schema_migrations (
      version UInt32, name String, checksum String, applied_at DateTime('Asia/Riyadh') DEFAULT now()
    ) ENGINE = ReplacingMergeTree ORDER BY version`;

/**
 * The ledger's and each migration's statements as they run on this store: as written, or in the cluster form
 * (cluster-ddl.ts) when the config names a CLICKHOUSE_CLUSTER. Connects to nothing.
 */
export function migrationPlan(
  config: StoreConfig,
  migrations: readonly Migration[] = MIGRATIONS,
): { ledger: string[]; migrations: { migration: Migration; statements: string[] }[] } {
  if (config.kind === 'embedded' || !config.cluster) {
    return { ledger: [LEDGER_DDL], migrations: migrations.map((migration) => ({ migration, statements: migration.statements })) };
  }
  const target = { cluster: config.cluster, database: config.database };
  const sharded = shardedTables(migrations.flatMap((migration) => migration.statements));
  return {
    ledger: clusterStatements([LEDGER_DDL], target, sharded),
    migrations: migrations.map((migration) => ({ migration, statements: clusterStatements(migration.statements, target, sharded) })),
  };
}

/** `kpi migrate --print`: every statement migrate would run on this store, each ending with `;`. */
export function migrationScript(config: StoreConfig): string {
  const plan = migrationPlan(config);
  const target = config.kind === 'server' && config.cluster ? `cluster ${config.cluster}, database ${config.database}` : 'one server';
  const blocks = [`-- Amanah KPI migrations for ${target}\n\n-- ledger\n${plan.ledger.map((s) => `${s};`).join('\n\n')}`];
  for (const { migration, statements } of plan.migrations) {
    blocks.push(`-- ${migration.name}\n${statements.map((s) => `${s};`).join('\n\n')}`);
  }
  return `${blocks.join('\n\n')}\n`;
}

/** Statements end with `;` at the end of a line. Comment lines are dropped. */
export function splitStatements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

/**
 * Runs on one store (one data directory or server), chained: two at once in one process (the API's start-up and a
 * CLI run through the same store, two test helpers) would each read "nothing applied" and both apply everything.
 */
const runningMigrations = new Map<string, Promise<unknown>>();

export function migrate(store: Store, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrationReport> {
  const previous = runningMigrations.get(store.description) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => migrateNow(store, migrations));
  runningMigrations.set(store.description, run);
  const forget = () => {
    if (runningMigrations.get(store.description) === run) runningMigrations.delete(store.description);
  };
  run.then(forget, forget);
  return run;
}

async function migrateNow(store: Store, migrations: readonly Migration[]): Promise<MigrationReport> {
  const plan = migrationPlan(store.config, migrations);
  for (const statement of plan.ledger) await store.command(statement);
  const recorded = await store.select<{ version: number; name: string; checksum: string }>(
    'SELECT version, name, checksum FROM schema_migrations FINAL ORDER BY version',
  );
  const recordedByVersion = new Map(recorded.map((row) => [row.version, row]));
  const report: MigrationReport = { applied: [], alreadyApplied: [] };
  for (const { migration, statements } of plan.migrations) {
    const previous = recordedByVersion.get(migration.version);
    if (previous) {
      if (previous.checksum !== migration.checksum) {
        throw new MigrationError(
          `Migration ${migration.name} was changed after it was applied to ${store.description}: ` +
            `add a new numbered migration instead of editing an applied one.`,
        );
      }
      report.alreadyApplied.push(migration.name);
      continue;
    }
    for (const statement of statements) await store.command(statement);
    await store.insert('schema_migrations', [
      { version: migration.version, name: migration.name, checksum: migration.checksum },
    ]);
    report.applied.push(migration.name);
  }
  return report;
}
