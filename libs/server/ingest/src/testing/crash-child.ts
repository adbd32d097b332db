/**
 * A separate process for the crash test (bundled by the test, run with node). It opens its own chDB directory and
 * either ingests a large batch, printing each step and optionally pausing at one so the parent can SIGKILL it there,
 * or (after the kill) recovers the directory, retries the same batch with the same key, and prints what it finds.
 *
 *   node crash-child.js ingest <dataDir> <rows> <chunkRows> <pauseAt: staged:N | committed:N | none>
 *   node crash-child.js verify <dataDir> <rows> <chunkRows>
 */
import { Readable } from 'node:stream';
import { migrate, openStore, type Store } from '@amanah/store';
import { Ingestor, recoverIngests } from '../ingestor.js';
import { replyOf } from '../outcomes.js';
import { validationWorkerBeside } from '../validation-pool.js';

const [mode, dataDir, rowsArg, chunkRowsArg, pauseAt = 'none'] = process.argv.slice(2);
const rows = Number(rowsArg);
const chunkRows = Number(chunkRowsArg);
const KEY = 'crash-test-batch';
// Validated by two threads, as the API does, in small pieces so that many are in flight when the kill comes.
const validation = { workerScript: validationWorkerBeside(import.meta.url), threads: 2, pieceBytes: 64 * 1024 };

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function pauseIf(step: string): Promise<void> {
  say(step);
  if (step === pauseAt) {
    say('paused');
    await new Promise(() => setInterval(() => undefined, 60_000)); // wait here for SIGKILL
  }
}

function batchBody(): Readable {
  return Readable.from(
    (function* () {
      const lines: string[] = [];
      for (let i = 0; i < rows; i += 1) {
        // Spread over three months so the commit writes several partitions.
        const month = 1 + (i % 3);
        const day = 1 + (i % 28);
        lines.push(JSON.stringify({
          ts: `2024-0${month}-${String(day).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:00:00+03:00`,
          amanah: 'riyadh', channel: 'web', visitor_id: `v${i}`, session_id: `s${i}`, page: `/page/${i % 100}`,
          device: 'mobile', source: 'direct',
        }));
        if (lines.length === 5000) yield Buffer.from(lines.splice(0).join('\n') + '\n');
      }
      if (lines.length > 0) yield Buffer.from(lines.join('\n') + '\n');
    })(),
  );
}

const principal = { keyId: 'crash-test', role: 'ingest' as const, amanahs: 'all' as const };

async function totals(store: Store): Promise<{ raw: number; rollup: number }> {
  const [row] = await store.select<{ raw: number; rollup: number }>(
    'SELECT (SELECT count() FROM portal_visits) AS raw, (SELECT toUInt64(sum(visits)) FROM portal_visits_daily) AS rollup',
  );
  return row!;
}

async function main(): Promise<void> {
  const store = await openStore({ kind: 'embedded', dataDir: dataDir! });
  await migrate(store);
  if (mode === 'ingest') {
    say('ready');
    const ingestor = new Ingestor(store, {
      chunkRows,
      validation,
      hooks: {
        chunkStaged: (chunk) => pauseIf(`staged:${chunk}`),
        committing: () => pauseIf('committing'),
        chunkCommitted: (chunk) => pauseIf(`committed:${chunk}`),
      },
    });
    const outcome = replyOf('portal_visits', await ingestor.ingest({
      dataset: 'portal_visits', format: 'ndjson', body: batchBody(), principal, idempotencyKey: KEY, maxBytes: 1e12,
    }));
    say(`done ${outcome.status} ${outcome.answer.rowsInserted}`);
    await ingestor.close();
  } else {
    const afterKill = await totals(store);
    const recovered = await recoverIngests(store);
    const afterRecovery = await totals(store);
    const retry = replyOf('portal_visits', await new Ingestor(store, { chunkRows, validation }).ingest({
      dataset: 'portal_visits', format: 'ndjson', body: batchBody(), principal, idempotencyKey: KEY, maxBytes: 1e12,
    }));
    const afterRetry = await totals(store);
    const [stages] = await store.select<{ n: number }>(
      "SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND startsWith(name, 'ingest_stage_')",
    );
    say(JSON.stringify({ afterKill, recovered, afterRecovery, retry: { status: retry.status, ...retry.answer }, afterRetry, stages: stages!.n }));
  }
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
