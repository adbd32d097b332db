import { shardedTables } from './cluster-ddl.js';
import type { StoreConfig } from './config.js';
import { MIGRATIONS } from './migrations.js';
import type { Store } from './store.js';

/**
 * Work tables: tables a process creates, fills and reads back in separate statements, then drops (an ingest batch's
 * stages, the seed's plan). On one server (embedded or not) they are plain tables of that server. On a cluster each
 * statement may reach another host (CLICKHOUSE_URL names a load balancer, or a host fails over), so a work table is
 * created ON CLUSTER as a ReplicatedMergeTree that every host holds a replica of (like the ledgers, cluster-ddl.ts):
 * rows inserted through any host reach every host, and `settleWorkTable` waits until every replica has them before
 * another statement reads the table through whichever host it reaches. Block deduplication is off for them
 * (`replicated_deduplication_window = 0`): two equal stage inserts of one batch are two sets of rows, not a retry.
 */
export type WorkTableEngine = 'Memory' | 'MergeTree';

interface WorkTableStatements {
  create: string;
  drop: string;
  /** Cluster only: waits until every replica has every insert that returned. */
  settle?: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The statements of one work table; `columns` is a column list from a definition (never user text). */
export function workTableStatements(config: StoreConfig, name: string, columns: string, engine: WorkTableEngine): WorkTableStatements {
  if (!IDENTIFIER.test(name)) throw new Error(`work table: bad name ${name}`);
  const cluster = clusterOf(config);
  if (cluster === undefined) {
    return {
      create: `CREATE TABLE ${name} (${columns}) ENGINE = ${engine === 'Memory' ? 'Memory' : 'MergeTree ORDER BY tuple()'}`,
      drop: `DROP TABLE IF EXISTS ${name}`,
    };
  }
  return {
    create:
      `CREATE TABLE ${name} ON CLUSTER ${cluster} (${columns}) ` +
      `ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/{database}/${name}', '{replica}') ORDER BY tuple() ` +
      'SETTINGS replicated_deduplication_window = 0',
    // SYNC: the table's Keeper path is gone when the statement returns, so a table of the same name can follow.
    drop: `DROP TABLE IF EXISTS ${name} ON CLUSTER ${cluster} SYNC`,
    settle: `SYSTEM SYNC REPLICA ON CLUSTER ${cluster} ${name}`,
  };
}

export async function createWorkTable(store: Store, name: string, columns: string, engine: WorkTableEngine): Promise<void> {
  await store.command(workTableStatements(store.config, name, columns, engine).create);
}

/** After a work table's inserts and before it is read: on a cluster, every replica has the rows (else nothing). */
export async function settleWorkTable(store: Store, name: string): Promise<void> {
  const { settle } = workTableStatements(store.config, name, '', 'MergeTree');
  if (settle) await store.command(settle);
}

export async function dropWorkTable(store: Store, name: string): Promise<void> {
  await store.command(workTableStatements(store.config, name, '', 'MergeTree').drop);
}

/**
 * Empties a table of the schema. On a cluster a sharded table (cluster-ddl.ts) is a Distributed table, which holds
 * no rows itself: its local table is emptied on every host.
 */
export function truncateStatement(config: StoreConfig, table: string): string {
  if (!IDENTIFIER.test(table)) throw new Error(`truncate: bad table ${table}`);
  const cluster = clusterOf(config);
  if (cluster === undefined) return `TRUNCATE TABLE ${table}`;
  const local = shardedSchemaTables().has(table) ? `${table}_local` : table;
  return `TRUNCATE TABLE IF EXISTS ${local} ON CLUSTER ${cluster} SYNC`;
}

/**
 * Active rows per table and partition from the engine's part list (the query planner's cost estimate). On a cluster
 * the parts are those of the local tables on one replica of each shard (`cluster()`, not `clusterAllReplicas()`,
 * which would count each row once per replica), named as the app names them (without `_local`). The cluster's
 * name is a validated identifier (config.ts), safe inside the literal.
 */
export function partsStatement(config: StoreConfig): { sql: string; params: Record<string, string> } {
  const cluster = clusterOf(config);
  if (cluster === undefined || config.kind !== 'server') {
    return {
      sql: `SELECT table, partition, sum(rows) AS rows FROM system.parts
       WHERE active AND database = currentDatabase() GROUP BY table, partition`,
      params: {},
    };
  }
  return {
    sql: `SELECT replaceRegexpOne(table, '_local$', '') AS table, partition, sum(rows) AS rows FROM cluster('${cluster}', system.parts)
       WHERE active AND database = {database:String} GROUP BY table, partition`,
    params: { database: config.database },
  };
}

function clusterOf(config: StoreConfig): string | undefined {
  return config.kind === 'server' ? config.cluster : undefined;
}

let sharded: ReadonlySet<string> | undefined;
function shardedSchemaTables(): ReadonlySet<string> {
  sharded ??= shardedTables(MIGRATIONS.flatMap((migration) => migration.statements));
  return sharded;
}
