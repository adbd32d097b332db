import fs from 'node:fs';
import path from 'node:path';
import { describeStore, type StoreConfig } from './config.js';
import { migrate } from './migrations.js';
import { openStore, type Store } from './store.js';

/**
 * Backups of the embedded store with the engine's own BACKUP and RESTORE: the whole database (event tables, rollups,
 * materialized views, keys, fact sheets, the migration ledger) to a folder, as File() backups. The engine accepts
 * only folders named in its `backups.allowed_path` when it starts, so each call opens the store itself with that
 * folder (StoreOptions.backupsPath). The CLI opens it alone (chDB: one process per data directory), so nothing
 * writes while a backup reads: the copy is consistent.
 */
export class BackupError extends Error {
  override name = 'BackupError';
}

export interface TableRows {
  table: string;
  /** Rows in the table's parts (a Replacing/Summing table may hold more rows than it answers with before a merge). */
  rows: number;
}

export interface BackupReport {
  dir: string;
  tables: TableRows[];
}

export interface RestoreReport {
  dir: string;
  tables: TableRows[];
  /** Tables dropped first (restore --force into a store that had data). */
  replaced: TableRows[];
  /** Migrations newer than the backup, applied after the restore. */
  migrationsApplied: string[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** The file the engine writes at the top of every backup. */
const BACKUP_MANIFEST = '.backup';

export async function backupStore(config: StoreConfig, outDir: string): Promise<BackupReport> {
  const dataDir = embeddedDataDir(config, 'backup');
  if (!fs.existsSync(dataDir)) throw new BackupError(`There is no store at ${dataDir} (KPI_DATA_DIR): nothing to back up.`);
  const dir = path.resolve(outDir);
  if (isInside(dir, dataDir)) throw new BackupError(`--out ${dir} is inside the store's directory ${dataDir}: choose a folder outside it.`);
  const created = prepareEmptyFolder(dir);
  try {
    return await withBackupsStore(config, dir, async (store) => {
      const tables = await storeTables(store);
      if (tables.length === 0) throw new BackupError(`${store.description} has no tables: nothing to back up.`);
      await store.command(`BACKUP DATABASE ${await databaseOf(store)} TO File({dir:String})`, { dir: `${dir}/` });
      return { dir, tables };
    });
  } catch (error) {
    // Leave no half-written backup behind: the folder as it was (absent, or empty).
    if (created) fs.rmSync(dir, { recursive: true, force: true });
    else for (const entry of fs.readdirSync(dir)) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
    throw error;
  }
}

export async function restoreStore(config: StoreConfig, fromDir: string, { force = false } = {}): Promise<RestoreReport> {
  embeddedDataDir(config, 'restore');
  const dir = path.resolve(fromDir);
  if (!fs.existsSync(dir)) throw new BackupError(`--from ${dir} does not exist.`);
  if (!fs.statSync(dir).isDirectory()) throw new BackupError(`--from ${dir} is not a directory.`);
  if (!fs.existsSync(path.join(dir, BACKUP_MANIFEST))) {
    throw new BackupError(`--from ${dir} is not a backup (it has no ${BACKUP_MANIFEST} file; make one with \`kpi backup --out DIR\`).`);
  }
  return withBackupsStore(config, dir, async (store) => {
    const existing = await storeTables(store, { views: true });
    if (existing.length > 0 && !force) {
      const tables = existing.filter((t) => !t.view);
      const rows = tables.reduce((sum, t) => sum + t.rows, 0);
      throw new BackupError(
        `${store.description} already holds ${tables.length} tables (${rows} rows): restore into a new or empty KPI_DATA_DIR, or pass --force to replace them.`,
      );
    }
    await dropAll(store, existing);
    await store.command(`RESTORE DATABASE ${await databaseOf(store)} FROM File({dir:String})`, { dir: `${dir}/` });
    const report = await migrate(store);
    return { dir, tables: await storeTables(store), replaced: existing.filter((t) => !t.view), migrationsApplied: report.applied };
  });
}

function embeddedDataDir(config: StoreConfig, command: string): string {
  if (config.kind !== 'embedded') {
    throw new BackupError(
      `${command} works on the embedded store (KPI_DATA_DIR) only; CLICKHOUSE_URL names a server: use the server's own BACKUP and RESTORE to a disk it is configured for.`,
    );
  }
  return config.dataDir;
}

const isInside = (dir: string, parent: string) => dir === parent || dir.startsWith(`${parent}${path.sep}`);

/** The backup folder: created if absent (returns true), else it must be an empty directory. */
function prepareEmptyFolder(dir: string): boolean {
  if (!fs.existsSync(dir)) {
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new BackupError(`--out ${dir} cannot be created (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
    }
    return true;
  }
  if (!fs.statSync(dir).isDirectory()) throw new BackupError(`--out ${dir} exists and is not a directory.`);
  if (fs.readdirSync(dir).length > 0) throw new BackupError(`--out ${dir} is not empty: back up into a new or empty folder.`);
  return false;
}

async function withBackupsStore<T>(config: StoreConfig, dir: string, run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(config, { backupsPath: dir });
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

async function databaseOf(store: Store): Promise<string> {
  const [row] = await store.select<{ name: string }>('SELECT currentDatabase() AS name');
  if (!row || !IDENTIFIER.test(row.name)) throw new BackupError(`Unexpected database name ${JSON.stringify(row?.name)} in ${store.description}.`);
  return row.name;
}

/** The tables of the store's database and their rows; views (which hold no rows of their own) only when asked. */
async function storeTables(store: Store, { views = false } = {}): Promise<(TableRows & { view: boolean })[]> {
  return store.select<TableRows & { view: boolean }>(
    `SELECT name AS table, toUInt64(ifNull(total_rows, 0)) AS rows, engine IN ('View', 'MaterializedView') AS view
     FROM system.tables
     WHERE database = currentDatabase() AND NOT is_temporary AND ({views:Bool} OR engine NOT IN ('View', 'MaterializedView'))
     ORDER BY name`,
    { views },
  );
}

/** Drops every table and view, views first (a materialized view writes into a table). */
async function dropAll(store: Store, tables: readonly (TableRows & { view: boolean })[]): Promise<void> {
  const ordered = [...tables.filter((t) => t.view), ...tables.filter((t) => !t.view)];
  for (const { table } of ordered) {
    if (!IDENTIFIER.test(table)) throw new BackupError(`Cannot replace table "${table}" in ${describeStore(store.config)}: unexpected name.`);
    await store.command(`DROP TABLE IF EXISTS ${table} SYNC`);
  }
}
