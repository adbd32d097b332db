import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BatchStager } from './batch-stager.js';
import { bodyPieces } from './formats.js';
import { validateNdjsonPiece, type ValidationTarget } from './record-validator.js';
import { compileIngestSchema } from './schema.js';

const COLUMNS = {
  ts: "DateTime('Asia/Riyadh')", amanah: 'LowCardinality(String)', channel: 'LowCardinality(String)', visitor_id: 'String',
  session_id: 'String', page: 'String', device: 'LowCardinality(String)', source: 'LowCardinality(String)',
};
const target = (scope?: string[]): ValidationTarget => ({
  ...compileIngestSchema('portal_visits', COLUMNS), scope: scope ? new Set(scope) : undefined,
});
const visit = (visitor: string, amanah = 'riyadh') => JSON.stringify({
  ts: '2024-05-01T10:30:00Z', amanah, channel: 'web', visitor_id: visitor, session_id: 's', page: '/', device: 'mobile', source: 'search',
});

async function piecesOf(chunks: string[], pieceBytes: number, format: 'ndjson' | 'csv' = 'ndjson'): Promise<string[]> {
  const pieces: string[] = [];
  for await (const piece of bodyPieces(Readable.from(chunks.map((chunk) => Buffer.from(chunk))), format, pieceBytes)) pieces.push(piece.toString());
  return pieces;
}

describe('bodyPieces', () => {
  it('cuts a body only after a newline, into pieces of about the size asked, losing nothing', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `{"n":${i}}\n`).join('');
    const chunks = lines.match(/.{1,7}/gs)!; // network chunks that end mid-line
    const pieces = await piecesOf(chunks, 50);
    expect(pieces.join('')).toBe(lines);
    expect(pieces.length).toBeGreaterThan(5);
    for (const piece of pieces) expect(piece.endsWith('\n')).toBe(true);
    // A piece ends at the last newline of the chunk (7 bytes) that took it past 50 bytes.
    for (const piece of pieces.slice(0, -1)) expect(piece.length).toBeGreaterThan(50 - 7);
  });

  it('keeps a line longer than a piece whole, and gives the last line even without a newline', async () => {
    const long = `{"page":"${'x'.repeat(300)}"}`;
    expect(await piecesOf(['{"a":1}\n', long.slice(0, 100), long.slice(100), '\n{"b":2}'], 20)).toEqual([
      `{"a":1}\n${long}\n`, '{"b":2}',
    ]);
  });
});

describe('bodyPieces (CSV)', () => {
  it('cuts only at newlines outside quotes, whatever chunk the quotes and newlines arrive in', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => (i % 7 === 3 ? `${i},"two\nlines, ""quoted"""\r\n` : `${i},plain\r\n`));
    const body = `id,text\r\n${rows.join('')}`;
    for (const size of [1, 3, 7, 50]) {
      const chunks = body.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g'))!;
      const pieces = await piecesOf(chunks, 40, 'csv');
      expect(pieces.join('')).toBe(body);
      expect(pieces.length).toBeGreaterThan(5);
      for (const piece of pieces) {
        expect(piece.endsWith('\r\n')).toBe(true);
        expect((piece.match(/"/g) ?? []).length % 2).toBe(0); // every piece starts and ends outside quotes
      }
    }
  });

  it('after a quote that never closes, still cuts at line ends once the held text is far too long', async () => {
    const body = 'id,text\n1,"broken\n' + '2,row\n'.repeat(2000);
    const pieces = await piecesOf(body.match(/[\s\S]{1,100}/g)!, 40, 'csv');
    expect(pieces.join('')).toBe(body);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces.slice(0, -1)) expect(piece.length).toBeLessThanOrEqual(64 * 40 + 100);
  });
});

describe('validateNdjsonPiece', () => {
  it('numbers lines within the piece, blank ones included, and reads CRLF', () => {
    const piece = Buffer.from(`${visit('a')}\r\n\n${visit('b')}\r\nnot json\n`);
    const result = validateNdjsonPiece(piece, target(), true);
    expect(result.lines).toBe(4);
    expect(result.rowsReceived).toBe(2);
    expect(result.problems).toEqual([{ line: 4, field: '', message: expect.stringMatching(/^not valid JSON/) }]);
    expect(result.problemsTotal).toBe(1);
  });

  it('encodes rows until the first problem and none after it; counts rows outside the scope apart', () => {
    const piece = Buffer.from([visit('a'), visit('b'), visit('c', 'makkah'), visit('d')].join('\n'));
    const scoped = validateNdjsonPiece(piece, target(['riyadh']), true);
    expect(scoped.rowEnds.length).toBe(2);
    expect(scoped.rowsReceived).toBe(4);
    expect(scoped.scopeViolations).toBe(1);
    expect(scoped.problems).toEqual([{ line: 3, field: 'amanah', message: 'amanah makkah is outside the scope of this key' }]);
    const checkedOnly = validateNdjsonPiece(piece, target(), false);
    expect(checkedOnly.rowEnds.length).toBe(0);
    expect(checkedOnly.rowsReceived).toBe(4);
    expect(validateNdjsonPiece(piece, target(), true).rowEnds.length).toBe(4);
  });
});

describe('BatchStager', () => {
  it('never lets a stage insert span two commit chunks, and counts the chunks', async () => {
    const inserts: Array<{ chunk: number; rows: string; first: boolean }> = [];
    const stager = new BatchStager({
      chunkRows: 3,
      insert: async (chunk, body, first) => void inserts.push({ chunk, rows: body.toString(), first }),
    });
    // Rows of one byte each, arriving in pieces of 2 and 5 rows.
    const rows = (text: string) => ({ bytes: Buffer.from(text), rowEnds: Uint32Array.from(text, (_, i) => i + 1) });
    await stager.add(rows('ab'));
    await stager.add(rows('cdefg'));
    expect(await stager.finish()).toBe(3);
    expect(inserts).toEqual([
      { chunk: 0, rows: 'abc', first: true },
      { chunk: 1, rows: 'def', first: true },
      { chunk: 2, rows: 'g', first: true },
    ]);
  });
});
