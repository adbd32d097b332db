import { describe, expect, it } from 'vitest';
import { chunksOf, formatOfFileName, inFile } from './upload-client.js';

describe('chunksOf', () => {
  it('cuts CSV by records, repeats the header, and keeps a quoted newline inside its record', () => {
    const csv = 'a,b\n1,x\n2,"two\nlines"\n\n3,y\n4,z\n';
    const chunks = chunksOf(csv, 'csv', 2);
    expect(chunks.map((c) => c.body)).toEqual(['a,b\n1,x\n2,"two\nlines"\n', 'a,b\n\n3,y\n4,z\n']);
    expect(chunks.map((c) => c.firstLine)).toEqual([2, 5]);
    // Line 3 of the second chunk (after its header and the blank line) is line 6 of the file: "3,y".
    expect(inFile(chunks[1]!, { line: 3, field: 'b', message: 'bad' }).line).toBe(6);
    expect(csv.split('\n')[5]).toBe('3,y');
    expect(inFile(chunks[1]!, { line: 1, field: 'c', message: 'unknown column' }).line).toBe(1);
  });

  it('cuts NDJSON by lines, without a header; a file without a final newline keeps its last line', () => {
    const ndjson = '{"a":1}\n{"a":2}\n{"a":3}';
    const chunks = chunksOf(ndjson, 'ndjson', 2);
    expect(chunks.map((c) => c.body)).toEqual(['{"a":1}\n{"a":2}\n', '{"a":3}\n']);
    expect(inFile(chunks[1]!, { line: 1, field: 'a', message: 'bad' }).line).toBe(3);
  });

  it('gives one chunk for a small file, and one (the header) for a CSV without rows', () => {
    expect(chunksOf('a,b\n1,2\n', 'csv')).toHaveLength(1);
    expect(chunksOf('a,b\n', 'csv').map((c) => c.body)).toEqual(['a,b\n\n']);
  });
});

describe('formatOfFileName', () => {
  it('knows the formats the API reads, by extension', () => {
    expect(['x.CSV', 'x.ndjson', 'x.jsonl', 'x.json', 'x.xlsx', 'x.xls', 'x'].map(formatOfFileName)).toEqual(['csv', 'ndjson', 'ndjson', 'json', 'xlsx', undefined, undefined]);
  });
});
