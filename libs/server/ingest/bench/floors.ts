/**
 * The floors of NDJSON ingest on this machine (issue 17 item 4), for the same body, each stage alone and timed:
 *   (a) Node receiving the body over HTTP (from a thread of its own) and discarding it;
 *   (b) `INSERT INTO portal_visits FORMAT JSONEachRow` of the body through @clickhouse/client, no validation, the
 *       rollups' views firing as in production (on chDB the client puts the data inside the query text: minutes, so
 *       only with INGEST_BENCH_FLOORS_INLINE=1), the same body read by the engine from a file (`file(…, JSONEachRow)`:
 *       how the store feeds chDB), and the same rows already typed (a Native file: the insert and its views alone);
 *   (c) the same into a table of the same columns without views;
 *   (d) the current stage and check (LineStager: engine check, then the lines it left to schema.ts), no commit;
 *   (e) the commit of (d)'s stages alone (commitBatch).
 * Run by `INGEST_BENCH_FLOORS=1 npx nx run ingest:bench`. CPU is of all threads of the process (server, engine, client).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createClient, type ClickHouseClientConfigOptions } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import type { Store } from '@amanah/store';
import { MAX_CHUNK_ROWS } from '../src/batch-stager.js';
import { commitBatch } from '../src/commit.js';
import { LineStager } from '../src/line-stager.js';
import { Ledger } from '../src/ledger.js';
import { compileIngestSchema, type ColumnTypes } from '../src/schema.js';
import { stageTable } from '../src/stage.js';
import { uploadFromThread } from '../src/testing/upload-thread.js';

interface Timed {
  seconds: number;
  cpu: number;
}

async function timed(run: () => Promise<unknown>): Promise<Timed> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run();
  const used = process.cpuUsage(cpu);
  return { seconds: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 };
}

/** The body in the pieces a socket would hand over. */
function pieces(body: Buffer): Readable {
  const list: Buffer[] = [];
  for (let offset = 0; offset < body.length; offset += 65_536) list.push(body.subarray(offset, offset + 65_536));
  return Readable.from(list);
}

export async function floors(store: Store, dataDir: string, rows: number, body: (offset: number) => Buffer, columns: ColumnTypes): Promise<void> {
  const report = (label: string, { seconds, cpu }: Timed) =>
    console.log(`${label}: ${seconds.toFixed(2)} s = ${Math.round(rows / seconds).toLocaleString('en')} rows/s, CPU of all threads ${cpu.toFixed(2)} s`);
  const bytes = body(0);
  console.log(`floors: ${rows} rows, ${(bytes.length / 1e6).toFixed(1)} MB of NDJSON`);

  // (a) HTTP receive, discarded.
  const server = http.createServer((req, res) => {
    let received = 0;
    req.on('data', (chunk: Buffer) => void (received += chunk.length));
    req.on('end', () => res.end(JSON.stringify({ received })));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  for (let round = 0; round < 2; round += 1) {
    const copy = new Uint8Array(bytes).buffer;
    const cpu = process.cpuUsage();
    const upload = await uploadFromThread<{ received: number }>(url, { 'content-type': 'application/x-ndjson' }, copy);
    const used = process.cpuUsage(cpu);
    if (upload.answer.received !== bytes.length) throw new Error(`received ${upload.answer.received}`);
    report(`(a) HTTP receive and discard, round ${round + 1}`, { seconds: (upload.ended - upload.started) / 1000, cpu: (used.user + used.system) / 1e6 });
  }
  server.close();

  // (b), (c): the engine alone, no validation.
  const client = createClient({
    connection: createChdbConnection({ path: dataDir }) as unknown as ClickHouseClientConfigOptions['connection'],
  });
  await client.command({ query: 'CREATE TABLE IF NOT EXISTS floor_visits_no_views AS portal_visits' });
  const file = path.join(dataDir, 'floor-body.ndjson');
  let offset = rows;
  for (const [label, table] of [
    ['(b) with the rollups', 'portal_visits'],
    ['(c) no views', 'floor_visits_no_views'],
  ] as const) {
    for (let round = 0; round < 2; round += 1) {
      if (round === 0 && process.env.INGEST_BENCH_FLOORS_INLINE === '1') {
        // Minutes on chDB: the client appends the data to the query text, which the engine parses slowly.
        const data = body((offset += rows));
        report(`${label}, INSERT … FORMAT JSONEachRow through the client (data in the query text)`, await timed(() =>
          client.insert({ table, values: Readable.from([data]), format: 'JSONEachRow', clickhouse_settings: { date_time_input_format: 'best_effort' } }),
        ));
      }
      const data2 = body((offset += rows));
      fs.writeFileSync(file, data2);
      report(`${label}, INSERT … SELECT * FROM file(…, JSONEachRow), round ${round + 1}`, await timed(() =>
        client.command({ query: `INSERT INTO ${table} (ts, amanah, channel, visitor_id, session_id, page, device, source) SELECT * FROM file('${file}', JSONEachRow, 'ts DateTime(\\'Asia/Riyadh\\'), amanah String, channel String, visitor_id String, session_id String, page String, device String, source String') SETTINGS date_time_input_format = 'best_effort'` }),
      ));
    }
  }
  // The same rows already typed (Native, no parsing): what inserting them and feeding the rollups costs by itself.
  const native = path.join(dataDir, 'floor-rows.native');
  await client.command({ query: `INSERT INTO FUNCTION file('${native}', Native) SELECT ts, amanah, channel, visitor_id, session_id, page, device, source FROM floor_visits_no_views LIMIT ${rows}` });
  for (const [label, table] of [
    ['(b) with the rollups', 'portal_visits'],
    ['(c) no views', 'floor_visits_no_views'],
  ] as const) {
    for (let round = 0; round < 2; round += 1) {
      report(`${label}, typed rows from a Native file (no parsing), round ${round + 1}`, await timed(() =>
        client.command({ query: `INSERT INTO ${table} (ts, amanah, channel, visitor_id, session_id, page, device, source) SELECT * FROM file('${native}', Native) SETTINGS insert_deduplicate = 0` }),
      ));
    }
  }
  fs.rmSync(native, { force: true });
  fs.rmSync(file, { force: true });
  await client.command({ query: 'DROP TABLE floor_visits_no_views' });
  await client.close();

  // (d) the current stage and check, (e) its commit.
  const { schema, encoding } = compileIngestSchema('portal_visits', columns);
  const ledger = new Ledger(store);
  for (let round = 0; round < 2; round += 1) {
    const batchId = `${'f'.repeat(31)}${round}`;
    const stager = new LineStager(store, { dataset: 'portal_visits', schema, encoding, scope: undefined, columns }, {
      chunkRows: MAX_CHUNK_ROWS, stage: (chunk) => stageTable(batchId, chunk),
    });
    const data = body((offset += rows));
    let chunks = 0;
    report(`(d) stage and check (LineStager), no commit, round ${round + 1}`, await timed(async () => {
      chunks = await stager.stageBody(pieces(data));
      await stager.checkRest(chunks, { add: () => 0, insert: true });
    }));
    const row = { dataset: 'portal_visits', idempotency_key: `floor-${round}`, batch_id: batchId, state: 'committing' as const, body_sha256: '', rows, chunks, principal_key_id: 'floor' };
    report(`(e) commit alone, round ${round + 1}`, await timed(() => commitBatch(store, ledger, row)));
  }
}
