import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ValidatedPiece } from './record-validator.js';
import { compileIngestSchema } from './schema.js';
import { bundleValidationWorker } from './testing/validation-worker-bundle.js';
import { ValidationPool } from './validation-pool.js';

const COLUMNS = {
  ts: "DateTime('Asia/Riyadh')", amanah: 'LowCardinality(String)', channel: 'LowCardinality(String)', visitor_id: 'String',
  session_id: 'String', page: 'String', device: 'LowCardinality(String)', source: 'LowCardinality(String)',
};
const job = { ...compileIngestSchema('portal_visits', COLUMNS), columns: COLUMNS, scope: new Set(['riyadh', 'jeddah']) };

/** 2,000 lines: mostly good rows, a blank line, bad JSON, an unknown amanah and one outside the scope. */
function body(): string {
  const lines: string[] = [];
  for (let i = 0; i < 2000; i += 1) {
    const amanah = i === 1500 ? 'atlantis' : i === 1700 ? 'makkah' : i % 2 ? 'riyadh' : 'jeddah';
    lines.push(i === 700 ? '' : i === 900 ? '{"ts":' : JSON.stringify({
      ts: `2024-05-${String(1 + (i % 28)).padStart(2, '0')}T10:30:00Z`, amanah, channel: 'web', visitor_id: `v${i}`,
      session_id: `s${i}`, page: `/صفحة/${i}`, device: 'mobile', source: 'search',
    }));
  }
  return lines.join('\n') + '\n';
}

/** Everything a pool answered for a body, with lines made absolute as the ingestor does. */
async function validateAll(pool: ValidationPool, text: string, format: 'ndjson' | 'csv' = 'ndjson') {
  const pieces: ValidatedPiece[] = [];
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = []; // as the network delivers a body: chunks that end anywhere, mid-line, mid-character
  for (let offset = 0; offset < bytes.length; offset += 1000) chunks.push(bytes.subarray(offset, offset + 1000));
  for await (const piece of pool.validateBody(format, Readable.from(chunks), job, () => true)) pieces.push(piece);
  let offset = 0;
  const problems = pieces.flatMap((piece) => {
    const absolute = piece.problems.map((problem) => ({ ...problem, line: problem.line + offset }));
    offset += piece.lines;
    return absolute;
  });
  return {
    pieces: pieces.length,
    lines: offset,
    rows: pieces.reduce((sum, piece) => sum + piece.rowsReceived, 0),
    staged: Buffer.concat(pieces.map((piece) => piece.bytes)).toString('hex'),
    problems,
  };
}

let worker: Awaited<ReturnType<typeof bundleValidationWorker>>;
beforeAll(async () => {
  worker = await bundleValidationWorker();
});
afterAll(() => worker?.remove());

describe('ValidationPool', () => {
  it('answers in threads exactly as on the event loop, pieces back in the order of the body', async () => {
    const text = body();
    const threads = new ValidationPool({ workerScript: worker.script, threads: 2, pieceBytes: 4096 });
    try {
      const inline = await validateAll(new ValidationPool({ pieceBytes: 4096 }), text);
      const parallel = await validateAll(threads, text);
      expect(parallel.pieces).toBeGreaterThan(20);
      expect(parallel).toEqual(inline);
      expect(parallel.lines).toBe(2000);
      expect(parallel.rows).toBe(1998);
      expect(parallel.problems.map(({ line, field }) => [line, field])).toEqual([[901, ''], [1501, 'amanah'], [1701, 'amanah']]);
    } finally {
      await threads.close();
    }
  });

  it('reads a CSV body in pieces on threads exactly as on the event loop: quoted line breaks, lines, wrong rows', async () => {
    // 600 rows after the header; every 50th has a note spanning two lines, so the file has more lines than rows.
    const lines = ['ts,amanah,channel,visitor_id,session_id,page,device,source'];
    for (let i = 0; i < 600; i += 1) {
      const page = i % 50 === 0 ? `"/a, ""quoted""${i % 100 === 0 ? "\r\n" : "\n"}page ${i}"` : `/p/${i}`; // Excel writes CRLF inside cells too
      const amanah = i === 300 ? 'atlantis' : 'riyadh';
      lines.push(i === 450 ? `2024-05-01T10:30:00Z,riyadh,web,v${i}` : `2024-05-01T10:30:00Z,${amanah},web,v${i},s${i},${page},mobile,search`);
    }
    const text = lines.join('\r\n') + '\r\n';
    const threads = new ValidationPool({ workerScript: worker.script, threads: 2, pieceBytes: 2048 });
    try {
      const inline = await validateAll(new ValidationPool({ pieceBytes: 2048 }), text, 'csv');
      const parallel = await validateAll(threads, text, 'csv');
      expect(parallel.pieces).toBeGreaterThan(10);
      expect(parallel).toEqual(inline);
      expect(parallel.rows).toBe(599); // the short row is not a row
      // The header is line 1; rows 0–300 take 301 lines plus one per quoted line break (7 of them before row 300).
      expect(parallel.problems).toEqual([
        { line: 1 + 301 + 7, field: 'amanah', message: expect.stringMatching(/atlantis/) },
        { line: 1 + 451 + 9, field: '', message: 'CSV: 4 fields where the header has 8' }, // row 450 itself has no break
      ]);
    } finally {
      await threads.close();
    }
  });

  it('fails the pieces of a thread that dies instead of waiting for them, and starts a new thread for the next', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amanah-dying-thread-'));
    const script = path.join(dir, 'dies.mjs');
    fs.writeFileSync(script, "import { parentPort } from 'node:worker_threads'; parentPort.on('message', () => process.exit(3));\n");
    const pool = new ValidationPool({ workerScript: script, threads: 1 });
    try {
      await expect(pool.validate(Buffer.from('{}\n'), { ...job, format: 'ndjson', staging: true })).rejects.toThrow(/exited with code 3/);
      await expect(pool.validate(Buffer.from('{}\n'), { ...job, format: 'ndjson', staging: true })).rejects.toThrow(/exited with code 3/);
    } finally {
      await pool.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses at start-up a worker script that is not there', () => {
    expect(() => new ValidationPool({ workerScript: '/nonexistent/ingest-validation-worker.js' })).toThrow(/is missing: rebuild/);
  });
});
