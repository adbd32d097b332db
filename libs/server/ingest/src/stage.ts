import { createWorkTable, dropWorkTable, settleWorkTable, type Store } from '@amanah/store';
import type { DatasetName } from '@amanah/domain';
import { engineStageSelect, SOURCE_COLUMNS, SOURCE_LINE, SOURCE_TEXT, type EngineCheckOptions } from './engine-check.js';
import type { ColumnTypes, DatasetSchema } from './schema.js';

/**
 * Stage tables: each commit chunk of a batch is staged in a table of its own (`ingest_stage_<batch id>_<chunk>`),
 * filled with RowBinary inserts (stage-rows.ts) or by the engine from NDJSON lines (engine-check.ts), read by the commit
 * (commit.ts: the rows whose `source_text` is empty; the others are lines the engine left to schema.ts) and dropped
 * after it. They are the
 * store's work tables: on a cluster, replicated to every host, each insert on every replica before the next statement
 * (see @amanah/store's work-tables.ts).
 */
const STAGE_PREFIX = 'ingest_stage_';
// The chunk's number; without one, the single stage of a batch staged by an earlier version (dropped by recovery).
const STAGE_TABLE = /^ingest_stage_[0-9a-f]{32}(_[0-9]+)?$/;

/** The stage of one commit chunk of a batch. */
export function stageTable(batchId: string, chunk: number): string {
  return `${STAGE_PREFIX}${batchId}_${chunk}`;
}

/** The batch id a stage table belongs to. */
function batchOfStage(name: string): string {
  return name.slice(STAGE_PREFIX.length, STAGE_PREFIX.length + 32);
}

/**
 * One stage insert, a RowBinary data block (see stage-rows.ts). Through `Store.insertRowBinary` the bytes are the
 * INSERT's data as they are (over HTTP, the request body). The first insert of a commit chunk creates the chunk's
 * stage table.
 */
export async function insertStage(store: Store, schema: DatasetSchema, columns: ColumnTypes, stage: string, body: Buffer, first: boolean): Promise<void> {
  if (first) await createStage(store, schema.fieldNames, columns, stage);
  await store.insertRowBinary(stage, body, schema.fieldNames);
  await settleWorkTable(store, stage);
}

/**
 * One stage insert of NDJSON lines, checked and converted by the engine (engine-check.ts); `lineOffset` is the body
 * line just before the piece.
 */
export async function insertStageLines(
  store: Store,
  target: { dataset: DatasetName; fieldNames: readonly string[]; columns: ColumnTypes; check: EngineCheckOptions },
  stage: string,
  lines: Buffer,
  lineOffset: number,
  first: boolean,
): Promise<void> {
  if (first) await createStage(store, target.fieldNames, target.columns, stage);
  await store.insertFromLines(
    stage,
    [...target.fieldNames, SOURCE_LINE, SOURCE_TEXT],
    (source) => engineStageSelect(target.dataset, target.columns, source, lineOffset, target.check),
    lines,
  );
  await settleWorkTable(store, stage);
}

async function createStage(store: Store, fieldNames: readonly string[], columns: ColumnTypes, stage: string): Promise<void> {
  // LowCardinality is left out: building its dictionaries for every stage insert cost the engine more than
  // parsing the rows (~2× the insert's time); the commit builds them once, at no measurable extra cost.
  const definitions = fieldNames.map((name) => `${name} ${withoutLowCardinality(columns[name]!)}`).join(', ');
  await createWorkTable(store, stage, `${definitions}, ${SOURCE_COLUMNS}`, 'MergeTree');
}

/**
 * A batch left committing by a version before the engine's check has stages without its source columns, which the
 * commit reads: they are added (all rows then have an empty `source_text`, as they were all checked by schema.ts).
 */
export async function addSourceColumns(store: Store, batch: { batch_id: string; chunks: number }): Promise<void> {
  const columns = SOURCE_COLUMNS.split(', ').map((column) => `ADD COLUMN IF NOT EXISTS ${column}`).join(', ');
  for (let chunk = 0; chunk < batch.chunks; chunk += 1) await store.command(`ALTER TABLE ${stageTable(batch.batch_id, chunk)} ${columns}`);
}

/** The lines of a stage the engine left to schema.ts (source_text set), in body order, after line `after`. */
export async function stagedLinesToCheck(store: Store, stage: string, after: number, limit: number): Promise<Array<{ line: number; text: string }>> {
  const rows = await store.select<{ line: number; text: string }>(
    `SELECT ${SOURCE_LINE} AS line, ${SOURCE_TEXT} AS text FROM ${stage} WHERE ${SOURCE_TEXT} != '' AND ${SOURCE_LINE} > {after:UInt64} ORDER BY ${SOURCE_LINE} LIMIT ${limit}`,
    { after },
  );
  return rows.map((row) => ({ line: Number(row.line), text: row.text }));
}

/** The rows of a stage the engine converted, counted. */
export async function stagedRowCount(store: Store, stage: string): Promise<number> {
  const [row] = await store.select<{ n: number }>(`SELECT count() AS n FROM ${stage} WHERE ${SOURCE_TEXT} = ''`);
  return Number(row?.n ?? 0);
}

/** A stage's first converted rows in body order, with their lines (a dry run's preview); times as Unix seconds. */
export async function stagedPreview(store: Store, stage: string, fieldNames: readonly string[], times: readonly boolean[], limit: number): Promise<Array<{ line: number; values: unknown[] }>> {
  const list = fieldNames.map((name, i) => (times[i] ? `toUnixTimestamp(${name}) AS ${name}` : name)).join(', ');
  const rows = await store.select<Record<string, unknown>>(
    `SELECT ${SOURCE_LINE} AS line, ${list} FROM ${stage} WHERE ${SOURCE_TEXT} = '' ORDER BY ${SOURCE_LINE} LIMIT ${limit}`,
  );
  return rows.map((row) => ({ line: Number(row.line), values: fieldNames.map((name) => row[name]) }));
}

/**
 * The staged rows per amanah, read from the stages before the commit drops them, for the audit row: readers of the
 * audit (a fact sheet's restatement) need to know whose data a batch changed. One GROUP BY over a column of the
 * stage, a few milliseconds for a chunk of 500,000 rows.
 */
export async function countStagedByAmanah(store: Store, batchId: string, chunks: number): Promise<Record<string, number>> {
  if (chunks === 0) return {};
  const stages = Array.from({ length: chunks }, (_, chunk) => `SELECT amanah FROM ${stageTable(batchId, chunk)} WHERE ${SOURCE_TEXT} = ''`).join(' UNION ALL ');
  const rows = await store.select<{ amanah: string; rows: string | number }>(
    `SELECT amanah, count() AS rows FROM (${stages}) GROUP BY amanah ORDER BY amanah`,
  );
  return Object.fromEntries(rows.map((row) => [row.amanah, Number(row.rows)]));
}

export async function dropStage(store: Store, batchId: string, chunk: number): Promise<void> {
  await dropWorkTable(store, stageTable(batchId, chunk));
}

export async function dropStages(store: Store, batchId: string): Promise<void> {
  for (const name of await stageTables(store, batchId)) await dropWorkTable(store, name);
}

/** Drops the stage tables of every batch not kept (a crash between creating a stage and recording it in the ledger). */
export async function dropStrayStages(store: Store, keep: (batchId: string) => boolean): Promise<void> {
  for (const name of await stageTables(store, '')) {
    if (!keep(batchOfStage(name))) await dropWorkTable(store, name);
  }
}

/** The stage tables of one batch, or of all batches; only names of the stage pattern, safe to inline. */
async function stageTables(store: Store, batchId: string): Promise<string[]> {
  const tables = await store.select<{ name: string }>(
    'SELECT name FROM system.tables WHERE database = currentDatabase() AND startsWith(name, {prefix:String})',
    { prefix: `${STAGE_PREFIX}${batchId}` },
  );
  return tables.map((table) => table.name).filter((name) => STAGE_TABLE.test(name));
}

function withoutLowCardinality(type: string): string {
  return type.replace(/^LowCardinality\((.+)\)$/, '$1');
}
