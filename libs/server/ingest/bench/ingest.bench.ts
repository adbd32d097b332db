/**
 * Ingest throughput over HTTP: NDJSON and CSV batches of portal_visits POSTed to a Nest app with the ingest module,
 * against a fresh embedded store. Target (issue 17): ≥ 1,000,000 rows/s for NDJSON on the project's 2-core machine
 * (issue 5's was 300,000); with 50 dashboard readers it is measured by `npx nx run api:bench-ingest`, which needs the
 * whole API.
 *   npx nx run ingest:bench            (INGEST_BENCH_ROWS=… to change the batch size; default 500,000;
 *                                       INGEST_BENCH_ROUNDS=… rounds per format, default 3; INGEST_BENCH_FORMATS=NDJSON,CSV;
 *                                       INGEST_BENCH_WARMUP_ROUNDS=…, default 1)
 * A warm-up round per format runs first and is printed but not counted: a running server has compiled its code (the
 * first batch of a process is ~15 % slower while the validation threads' code is optimised).
 * Each round prints its receive (read, validate, stage) and commit times and the CPU time of all threads of the
 * process (server, engine, client): on 2 cores, the CPU time halved is the floor of the wall time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { dropWorkTable, migrate, openStore, type Store } from '@amanah/store';
import { compileIngestSchema, type ColumnTypes } from '../src/schema.js';
import { insertStageLines } from '../src/stage.js';
import { ValidationPool } from '../src/validation-pool.js';
import { startIngestApp } from '../src/testing/ingest-test-app.js';
import { uploadFromThread, type Upload } from '../src/testing/upload-thread.js';
import { floors } from './floors.js';

const ROWS = Number(process.env.INGEST_BENCH_ROWS ?? 500_000);
const ROUNDS = Number(process.env.INGEST_BENCH_ROUNDS ?? 3);
const WARMUP_ROUNDS = Number(process.env.INGEST_BENCH_WARMUP_ROUNDS ?? 1);
/** Issue 17: NDJSON ingest of portal_visits over HTTP at ≥ 1,000,000 rows/s on the project's 2-core machine. */
const TARGET_ROWS_PER_SECOND = 1_000_000;
/** Validation threads (0: the event loop validates). */
const THREADS = Number(process.env.INGEST_BENCH_THREADS ?? 2);
const FORMATS = (process.env.INGEST_BENCH_FORMATS ?? 'NDJSON,CSV').toUpperCase().split(',');
const CHANNELS = ['web', 'mobile_app'];
const DEVICES = ['desktop', 'mobile', 'tablet'];
const SOURCES = ['direct', 'search', 'social', 'sms', 'email', 'referral'];
const AMANAHS = ['riyadh', 'makkah', 'jeddah', 'madinah', 'eastern', 'qassim'];

const pick = (values: readonly string[], i: number): string => values[i % values.length] ?? '';

function visitRow(i: number): Record<string, string> {
  const day = 1 + (i % 28);
  return {
    ts: `2024-0${1 + (i % 9)}-${String(day).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00+03:00`,
    amanah: pick(AMANAHS, i),
    channel: pick(CHANNELS, i),
    visitor_id: `visitor-${i % 50_000}`,
    session_id: `session-${i}`,
    page: `/services/${i % 40}/details`,
    device: pick(DEVICES, i),
    source: pick(SOURCES, i),
  };
}

/** Milliseconds on a clock shared by the threads of this process. */
const now = (): number => performance.timeOrigin + performance.now();

/** The client uploads from a thread of its own (uploadFromThread), as an uploader would from a process of its own. */
async function post(url: string, body: Blob, headers: Record<string, string>): Promise<Upload<{ rowsInserted: number }>> {
  return uploadFromThread(url, headers, await body.arrayBuffer());
}

function ndjsonText(offset: number): string {
  const lines: string[] = [];
  for (let i = 0; i < ROWS; i += 1) lines.push(JSON.stringify(visitRow(offset + i)));
  return lines.join('\n') + '\n';
}

function ndjsonBody(offset: number): Blob {
  return new Blob([ndjsonText(offset)]);
}

function csvBody(offset: number): Blob {
  const columns = Object.keys(visitRow(0));
  const lines = [columns.join(',')];
  for (let i = 0; i < ROWS; i += 1) lines.push(Object.values(visitRow(offset + i)).join(','));
  return new Blob([lines.join('\r\n') + '\r\n']);
}

/** CSV's JavaScript side alone (read, validate, encode for the stage) on one thread, without HTTP or the store. */
async function validationOnly(label: string, body: Blob, columns: ColumnTypes): Promise<void> {
  const job = { ...compileIngestSchema('portal_visits', columns), scope: undefined, columns };
  const bytes = Buffer.from(await body.arrayBuffer());
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += 65_536) chunks.push(bytes.subarray(offset, offset + 65_536));
  const started = performance.now();
  let encoded = 0;
  // A pool without threads: the server's path, on the event loop.
  for await (const piece of new ValidationPool().validateBody('csv', Readable.from(chunks), job, () => true)) encoded += piece.bytes.length;
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label} read + validate + encode on one thread (no HTTP, no store): ${Math.round(ROWS / seconds).toLocaleString('en')} rows/s (${encoded} bytes)`);
}

/** NDJSON's engine side alone: the whole body as one stage insert (engine-check.ts), without HTTP. */
async function engineCheckOnly(store: Store, body: Blob, columns: ColumnTypes): Promise<void> {
  const { schema } = compileIngestSchema('portal_visits', columns);
  const stage = `ingest_stage_${'b'.repeat(32)}_0`;
  const lines = Buffer.from(await body.arrayBuffer());
  const cpu = process.cpuUsage();
  const started = performance.now();
  await insertStageLines(store, { dataset: 'portal_visits', fieldNames: schema.fieldNames, columns, check: {} }, stage, lines, 0, true);
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  await dropWorkTable(store, stage);
  console.log(`NDJSON checked and staged by the engine (no HTTP, no commit): ${Math.round(ROWS / seconds).toLocaleString('en')} rows/s, CPU of all threads ${((user + system) / 1e6).toFixed(2)} s`);
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amanah-ingest-bench-'));
  const store = await openStore({ kind: 'embedded', dataDir });
  await migrate(store);
  const columns = Object.fromEntries((await store.select<{ name: string; type: string }>(
    "SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = 'portal_visits'",
  )).map((column) => [column.name, column.type]));
  if (process.env.INGEST_BENCH_FLOORS === '1') {
    try {
      await floors(store, dataDir, ROWS, (offset) => Buffer.from(ndjsonText(offset)), columns);
    } finally {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    return;
  }
  if (FORMATS.includes('NDJSON')) await engineCheckOnly(store, ndjsonBody(0), columns);
  if (FORMATS.includes('CSV')) await validationOnly('CSV', csvBody(0), columns);
  // The hooks split each request into receiving (read, validate, stage) and committing (stage into the table).
  let committingAt = 0;
  let roundCpu = process.cpuUsage();
  let receiveCpu = roundCpu;
  const api = await startIngestApp(store, { bench: { keyId: 'bench', role: 'ingest', amanahs: 'all' } }, {
    maxBodyBytes: 2 ** 31,
    validation: { workerScript: new URL('./ingest-validation-worker.js', import.meta.url), threads: THREADS },
    hooks: { committing: () => void ((committingAt = now()), (receiveCpu = process.cpuUsage(roundCpu))) },
  });
  try {
    let offset = 0;
    for (const [label, contentType, makeBody] of [
      ['NDJSON', 'application/x-ndjson', ndjsonBody],
      ['CSV', 'text/csv', csvBody],
    ] as const) {
      if (!FORMATS.includes(label)) continue;
      const rates: number[] = [];
      for (let round = -WARMUP_ROUNDS; round < ROUNDS; round += 1) {
        const body = makeBody(offset);
        offset += ROWS;
        const cpuBefore = (roundCpu = process.cpuUsage());
        const { started, ended, status, answer } = await post(`${api.url}/api/ingest/portal_visits`, body, {
          authorization: 'Bearer bench', 'content-type': contentType, 'idempotency-key': `bench-${label}-${round}`,
        });
        const seconds = (ended - started) / 1000;
        const cpu = process.cpuUsage(cpuBefore);
        if (status !== 200 || answer.rowsInserted !== ROWS) throw new Error(`${label}: ${status} ${JSON.stringify(answer).slice(0, 500)}`);
        if (round >= 0) rates.push(ROWS / seconds);
        console.log(`${label} ${round >= 0 ? `round ${round + 1}` : 'warm-up (not counted)'}: ${ROWS} rows, ${(body.size / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s = ${Math.round(ROWS / seconds).toLocaleString('en')} rows/s` +
          ` (receive ${((committingAt - started) / 1000).toFixed(2)} s, commit ${((ended - committingAt) / 1000).toFixed(2)} s;` +
          ` CPU of all threads ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, receiving ${((receiveCpu.user + receiveCpu.system) / 1e6).toFixed(2)} s)`);
      }
      const best = Math.max(...rates);
      const median = rates.sort((a, b) => a - b)[Math.floor(rates.length / 2)] ?? 0;
      console.log(
        `${label}: median ${Math.round(median).toLocaleString('en')} rows/s, best ${Math.round(best).toLocaleString('en')} rows/s;` +
          ` median / target (${TARGET_ROWS_PER_SECOND.toLocaleString('en')} rows/s${label === 'NDJSON' ? '' : ', the NDJSON target'}) = ${(median / TARGET_ROWS_PER_SECOND).toFixed(2)}`,
      );
    }
    const [totals = { raw: 0, rollup: 0 }] = await store.select<{ raw: number; rollup: number }>(
      'SELECT (SELECT count() FROM portal_visits) AS raw, (SELECT toUInt64(sum(visits)) FROM portal_visits_daily) AS rollup',
    );
    console.log(`store: ${totals.raw} rows, rollup ${totals.rollup}`);
  } finally {
    await api.close();
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
