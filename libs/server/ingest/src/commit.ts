import { DATASETS, type DatasetName } from '@amanah/domain';
import { recordDataChange, type Store } from '@amanah/store';
import { rowsIngested } from '@amanah/telemetry';
import { CHUNK_BYTES_LIMIT, MAX_CHUNK_ROWS } from './batch-stager.js';
import type { Ledger, LedgerRow } from './ledger.js';
import { SOURCE_TEXT } from './engine-check.js';
import { dropStage, stageTable } from './stage.js';

/**
 * The commit of a staged batch: every chunk into its dataset table with its own deduplication token, and the change
 * recorded (the data version every API process reads), in one exclusive section of the store; then the ledger marked
 * committed and the stages dropped. Safe to run again on a batch that was
 * interrupted half-way: chunks that had landed are recognised by their token (in the table and in the rollups fed by
 * its materialized views).
 */

// Squash each commit chunk into one block (see MAX_CHUNK_ROWS): one insert stream, whose squashing thresholds are far
// above a chunk's largest size (the engine may count allocated rather than used bytes). The stage may be read by two
// threads (the order of rows in the block does not matter to a token) and the rollups' views fed in parallel: the
// commit takes ~0.25 s per 500,000 rows instead of ~0.4 s.
const COMMIT_SETTINGS =
  `max_insert_threads = 1, min_insert_block_size_rows = ${2 * MAX_CHUNK_ROWS}, min_insert_block_size_bytes = ${16 * CHUNK_BYTES_LIMIT}, ` +
  'max_threads = 2, parallel_view_processing = 1';

export async function commitBatch(
  store: Store,
  ledger: Ledger,
  batch: LedgerRow,
  chunkCommitted?: (chunk: number) => void | Promise<void>,
  /** Runs in the same exclusive section after the last chunk: the batch's history row appears with its rows. */
  recordCommitted?: () => Promise<void>,
): Promise<void> {
  const dataset = batch.dataset as DatasetName;
  const columns = DATASETS[dataset].fields.map((field) => field.name).join(', ');
  // Alone on the engine: a batch of several chunks appears to this process's readers whole, never in pieces.
  await store.exclusive(async () => {
    for (let chunk = 0; chunk < batch.chunks; chunk += 1) {
      // The token and the batch id (each row's ingest_batch) are hex and the chunk a number: all safe to inline. They go in the query's own SETTINGS clause,
      // not in the client's settings, because chDB applies client settings with SET and they would outlive the query.
      await store.command(
        `INSERT INTO ${dataset} (${columns}, ingest_batch) SELECT ${columns}, '${batch.batch_id}' FROM ${stageTable(batch.batch_id, chunk)} WHERE ${SOURCE_TEXT} = ''
         SETTINGS insert_deduplicate = 1, insert_deduplication_token = '${batch.batch_id}_${chunk}',
           deduplicate_blocks_in_dependent_materialized_views = 1, ${COMMIT_SETTINGS}`,
      );
      await chunkCommitted?.(chunk);
    }
    await recordCommitted?.();
    await recordDataChange(store, 'ingest', batch.batch_id);
  });
  rowsIngested.inc({ dataset }, batch.rows);
  await ledger.write({ ...batch, state: 'committed' });
  for (let chunk = 0; chunk < batch.chunks; chunk += 1) await dropStage(store, batch.batch_id, chunk);
}
