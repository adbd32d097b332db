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
      `${command} --${command === 'backup' ? 'out' : 'from'} DIR is for the embedded store (KPI_DATA_DIR); CLICKHOUSE_URL names a server: use --disk NAME --name BACKUP, a disk the server is configured with.`,
    );
  }
  return config.dataDir;
}

/**
 * A server's backup: the server's own BACKUP/RESTORE to a disk in its configuration (the `backups` disk of
 * docs/deploy/clickhouse/cluster.xml), ON CLUSTER with CLICKHOUSE_CLUSTER so each host writes its own shard. Nothing
 * touches the API's disk: the statement goes over the connection like any other.
 */
export interface ServerBackup {
  disk: string;
  name: string;
}

const DISK_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const BACKUP_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** The statement (disk and name as parameters; the database and cluster are identifiers from the configuration). */
export function serverBackupStatement(kind: 'BACKUP' | 'RESTORE', database: string, cluster: string | undefined): string {
  const onCluster = cluster ? ` ON CLUSTER ${cluster}` : '';
  return kind === 'BACKUP'
    ? `BACKUP DATABASE ${database}${onCluster} TO Disk({disk:String}, {name:String})`
    : `RESTORE DATABASE ${database}${onCluster} FROM Disk({disk:String}, {name:String})`;
}

export async function backupServer(config: StoreConfig, target: ServerBackup): Promise<TableRows[]> {
  return withServer(config, 'backup', target, async (store, database) => {
    const tables = await storeTables(store);
    if (tables.length === 0) throw new BackupError(`${store.description} has no tables: nothing to back up.`);
    await store.command(serverBackupStatement('BACKUP', database, serverCluster(config)), { ...target });
    return tables;
  });
}

/** Into a database without tables only (on a server, dropping tables is the operator's decision, not a flag's). */
export async function restoreServer(config: StoreConfig, target: ServerBackup): Promise<Omit<RestoreReport, 'dir' | 'replaced'>> {
  return withServer(config, 'restore', target, async (store, database) => {
    const existing = (await storeTables(store, { views: true })).filter((t) => !t.view);
    if (existing.length > 0) {
      throw new BackupError(`${store.description} already holds ${existing.length} tables: restore into a new or empty database (CLICKHOUSE_DATABASE).`);
    }
    await store.command(serverBackupStatement('RESTORE', database, serverCluster(config)), { ...target });
    const report = await migrate(store);
    return { tables: await storeTables(store), migrationsApplied: report.applied };
  });
}

async function withServer<T>(config: StoreConfig, command: string, target: ServerBackup, run: (store: Store, database: string) => Promise<T>): Promise<T> {
  if (config.kind !== 'server') {
    throw new BackupError(`${command} --disk is for a ClickHouse server (CLICKHOUSE_URL); the embedded store uses --${command === 'backup' ? 'out' : 'from'} DIR.`);
  }
  if (!DISK_NAME.test(target.disk)) throw new BackupError(`--disk "${target.disk}" is not a disk name (letters, digits and _).`);
  if (!BACKUP_NAME.test(target.name)) throw new BackupError(`--name "${target.name}" must be 1–128 letters, digits, '.', '_' or '-'.`);
  const store = await openStore(config);
  try {
    return await run(store, await databaseOf(store));
  } finally {
    await store.close();
  }
}

const serverCluster = (config: StoreConfig) => (config.kind === 'server' ? config.cluster : undefined);

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
