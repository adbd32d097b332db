/**
 * Ingest throughput over HTTP: NDJSON and CSV batches of portal_visits POSTed to a Nest app with the ingest module,
 * against a fresh embedded store. Target (issue 5): ≥ 300,000 rows/s for NDJSON on the project's 2-core machine.
 *   npx nx run ingest:bench            (INGEST_BENCH_ROWS=… to change the batch size; default 500,000)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { migrate, openStore } from '@amanah/store';
import { readRecords } from '../src/formats.js';
import { compileDatasetSchema } from '../src/schema.js';
import { startIngestApp } from '../src/testing/ingest-test-app.js';

const ROWS = Number(process.env.INGEST_BENCH_ROWS ?? 500_000);
const ROUNDS = Number(process.env.INGEST_BENCH_ROUNDS ?? 3);
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

function ndjsonBody(offset: number): Blob {
  const lines: string[] = [];
  for (let i = 0; i < ROWS; i += 1) lines.push(JSON.stringify(visitRow(offset + i)));
  return new Blob([lines.join('\n') + '\n']);
}

function csvBody(offset: number): Blob {
  const columns = Object.keys(visitRow(0));
  const lines = [columns.join(',')];
  for (let i = 0; i < ROWS; i += 1) lines.push(Object.values(visitRow(offset + i)).join(','));
  return new Blob([lines.join('\r\n') + '\r\n']);
}

/** The JavaScript side alone (read, validate, encode for the stage), without HTTP or the store: its ceiling. */
async function validationOnly(): Promise<void> {
  const schema = compileDatasetSchema('portal_visits');
  const body = Buffer.from(await ndjsonBody(0).arrayBuffer());
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < body.length; offset += 65_536) pieces.push(body.subarray(offset, offset + 65_536));
  const started = performance.now();
  let encoded = 0;
  for await (const batch of readRecords('ndjson', Readable.from(pieces), schema)) {
    for (const item of batch) encoded += JSON.stringify(schema.checkRecord(item.record).row).length;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`NDJSON read + validate + encode only: ${Math.round(ROWS / seconds).toLocaleString('en')} rows/s (${encoded} chars)`);
}

async function main(): Promise<void> {
  await validationOnly();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amanah-ingest-bench-'));
  const store = await openStore({ kind: 'embedded', dataDir });
  await migrate(store);
  const api = await startIngestApp(store, { bench: { keyId: 'bench', role: 'ingest', amanahs: 'all' } }, { maxBodyBytes: 2 ** 31 });
  try {
    let offset = 0;
    for (const [label, contentType, makeBody] of [
      ['NDJSON', 'application/x-ndjson', ndjsonBody],
      ['CSV', 'text/csv', csvBody],
    ] as const) {
      const rates: number[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        const body = makeBody(offset);
        offset += ROWS;
        const started = performance.now();
        const response = await fetch(`${api.url}/api/ingest/portal_visits`, {
          method: 'POST',
          headers: { authorization: 'Bearer bench', 'content-type': contentType, 'idempotency-key': `bench-${label}-${round}` },
          body,
        });
        const answer = (await response.json()) as { rowsInserted: number };
        const seconds = (performance.now() - started) / 1000;
        if (response.status !== 200 || answer.rowsInserted !== ROWS) throw new Error(`${label}: ${response.status} ${JSON.stringify(answer).slice(0, 500)}`);
        rates.push(ROWS / seconds);
        console.log(`${label} round ${round + 1}: ${ROWS} rows, ${(body.size / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s = ${Math.round(ROWS / seconds).toLocaleString('en')} rows/s`);
      }
      const best = Math.max(...rates);
      const median = rates.sort((a, b) => a - b)[Math.floor(rates.length / 2)] ?? 0;
      console.log(`${label}: median ${Math.round(median).toLocaleString('en')} rows/s, best ${Math.round(best).toLocaleString('en')} rows/s`);
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
