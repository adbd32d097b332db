import { DATASET_NAMES } from '@amanah/domain';

/**
 * The cluster form of the migrations (CLICKHOUSE_CLUSTER). The SQL files are written for one server; on a cluster
 * every statement runs `ON CLUSTER`, and:
 * - a sharded table (an event table, or any table a materialized view reads or writes) becomes `<table>_local`, a
 *   Replicated*MergeTree on each shard, with a Distributed table under the original name in front of it, sharded by
 *   `cityHash64(amanah)`; the app reads and inserts through the Distributed table with unchanged SQL;
 * - a materialized view reads the local event table and writes the local rollup, on each shard;
 * - every other table (ledgers, keys, audit, delivery, the migration ledger) is one Replicated*MergeTree whose every
 *   host in the cluster is a replica, so each host reads all of it;
 * - `non_replicated_deduplication_window` becomes `replicated_deduplication_window`;
 * - INSERT statements are unchanged: they go through the Distributed tables.
 * A statement of any other kind has no cluster form yet and throws, so a new kind of migration is noticed in tests.
 */
interface ClusterTarget {
  cluster: string;
  database: string;
}

class ClusterDdlError extends Error {
  override name = 'ClusterDdlError';
}

/** Keeps all of one amanah's rows on one shard (see the README's "Cluster"). */
const SHARDING_KEY = 'cityHash64(amanah)';

const CREATE_TABLE = /^CREATE TABLE IF NOT EXISTS (\w+)(\s*\()/;
const CREATE_VIEW = /^CREATE MATERIALIZED VIEW IF NOT EXISTS (\w+) TO (\w+) AS\b/;
const CREATE_TABLE_AS = /^CREATE TABLE IF NOT EXISTS (\w+) AS (\w+)\s*;?\s*$/;
const ALTER_TABLE = /^ALTER TABLE (\w+) (.*)$/s;
const ENGINE = /\bENGINE\s*=\s*(\w*MergeTree)\b(?:\s*\(([^)]*)\))?/;

/** The event tables, and every table a materialized view reads from or writes to, in these statements. */
export function shardedTables(statements: readonly string[]): Set<string> {
  const tables = new Set<string>(DATASET_NAMES);
  for (const statement of statements) {
    const view = CREATE_VIEW.exec(statement);
    if (!view) continue;
    tables.add(view[2]!);
    for (const from of statement.matchAll(/\bFROM\s+(\w+)/g)) tables.add(from[1]!);
  }
  return tables;
}

/** One migration's statements in the cluster form; `sharded` from shardedTables over every migration. */
export function clusterStatements(statements: readonly string[], target: ClusterTarget, sharded: ReadonlySet<string>): string[] {
  return statements.flatMap((statement) => clusterStatement(statement, target, sharded));
}

function clusterStatement(statement: string, target: ClusterTarget, sharded: ReadonlySet<string>): string[] {
  const onCluster = `ON CLUSTER ${target.cluster}`;
  const table = CREATE_TABLE.exec(statement);
  if (table) {
    const name = table[1]!;
    if (!sharded.has(name)) {
      return [replicated(statement.replace(CREATE_TABLE, `CREATE TABLE IF NOT EXISTS ${name} ${onCluster}$2`), `/clickhouse/tables/all/{database}/${name}`)];
    }
    const local = `${name}_local`;
    return [
      replicated(statement.replace(CREATE_TABLE, `CREATE TABLE IF NOT EXISTS ${local} ${onCluster}$2`), `/clickhouse/tables/{shard}/{database}/${local}`),
      `CREATE TABLE IF NOT EXISTS ${name} ${onCluster} AS ${local}\n` +
        `ENGINE = Distributed(${target.cluster}, ${target.database}, ${local}, ${shardingKey(name, statement)})`,
    ];
  }
  const copy = CREATE_TABLE_AS.exec(statement);
  if (copy) {
    // A table with the columns of another (withdrawn rows beside their event table): sharded like it. Its local table
    // gets a replication path of its own (copying the engine would copy the source's path), and no sorting: it is
    // only inserted into and deleted from.
    const [, name, source] = copy;
    if (!sharded.has(source!)) throw new ClusterDdlError(`No cluster form for a copy of the unsharded table ${source}.`);
    const local = `${name}_local`;
    return [
      `CREATE TABLE IF NOT EXISTS ${local} ${onCluster} AS ${source}_local\n` +
        `ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/${local}', '{replica}') ORDER BY tuple()`,
      `CREATE TABLE IF NOT EXISTS ${name} ${onCluster} AS ${local}\n` +
        `ENGINE = Distributed(${target.cluster}, ${target.database}, ${local}, ${SHARDING_KEY})`,
    ];
  }
  const view = CREATE_VIEW.exec(statement);
  if (view) {
    const [, name, to] = view;
    const body = statement
      .slice(view[0].length)
      .replace(/\bFROM(\s+)(\w+)\b/g, (whole, space: string, from: string) => (sharded.has(from) ? `FROM${space}${from}_local` : whole));
    const into = sharded.has(to!) ? `${to}_local` : to;
    return [`CREATE MATERIALIZED VIEW IF NOT EXISTS ${name} ${onCluster} TO ${into} AS${body}`];
  }
  const alter = ALTER_TABLE.exec(statement);
  if (alter) {
    const [, name, action] = alter;
    const change = action!.replaceAll('non_replicated_deduplication_window', 'replicated_deduplication_window');
    if (!sharded.has(name!)) return [`ALTER TABLE ${name} ${onCluster} ${change}`];
    const onLocal = `ALTER TABLE ${name}_local ${onCluster} ${change}`;
    // Settings belong to the storage; a column change must reach the Distributed table too.
    return /^MODIFY SETTING\b/.test(change) ? [onLocal] : [onLocal, `ALTER TABLE ${name} ${onCluster} ${change}`];
  }
  if (/^INSERT INTO\b/.test(statement)) return [statement];
  throw new ClusterDdlError(`No cluster form for this statement: ${statement.slice(0, 80)}…`);
}

/**
 * By amanah; a table of sums over amanahs (a lean histogram: an Aggregating or Summing table without amanah) has no
 * amanah to keep together, and every read sums its rows over all shards: its inserts go to any shard (rand()).
 */
function shardingKey(name: string, statement: string): string {
  if (/^\s*amanah\s/m.test(statement)) return SHARDING_KEY;
  if (/\bENGINE\s*=\s*(Aggregating|Summing)MergeTree\b/.test(statement)) return 'rand()';
  throw new ClusterDdlError(`Sharded table ${name} has no amanah column to shard by.`);
}

/** ENGINE = XMergeTree(args) → ReplicatedXMergeTree('path', '{replica}', args), and the replicated dedup window. */
function replicated(statement: string, zooKeeperPath: string): string {
  const engine = ENGINE.exec(statement);
  if (!engine) throw new ClusterDdlError(`No MergeTree engine in: ${statement.slice(0, 80)}…`);
  const args = [`'${zooKeeperPath}'`, `'{replica}'`, ...(engine[2]?.trim() ? [engine[2].trim()] : [])];
  return statement
    .replace(ENGINE, `ENGINE = Replicated${engine[1]}(${args.join(', ')})`)
    .replaceAll('non_replicated_deduplication_window', 'replicated_deduplication_window');
}
