import { describe, expect, it } from 'vitest';
import { StageBuffers, encodeStageRow } from './stage-buffer.js';

describe('StageBuffers', () => {
  it('hands out the lines appended since the last take, one per line, in UTF-8', () => {
    const buffers = new StageBuffers(16);
    buffers.append('["a"]');
    buffers.append('["جدة"]');
    expect(buffers.rows).toBe(2);
    const first = buffers.take();
    expect(first.toString('utf8')).toBe('["a"]\n["جدة"]\n');
    expect(buffers.rows).toBe(0);
    expect(buffers.bytes).toBe(0);
  });

  it('grows past its initial size and leaves the body taken before untouched while the other buffer fills', () => {
    const buffers = new StageBuffers(8);
    const long = 'x'.repeat(5000);
    buffers.append(long);
    const first = buffers.take();
    buffers.append('second');
    expect(first.toString('utf8')).toBe(`${long}\n`);
    expect(buffers.take().toString('utf8')).toBe('second\n');
  });
});

describe('encodeStageRow', () => {
  it('writes the chunk first, then the fields in order, absent ones as null, text JSON-escaped', () => {
    expect(encodeStageRow(3, ['a', 'b', 'c'], { a: 'say "hi"\n', c: 1 })).toBe('[3,"say \\"hi\\"\\n",null,1]');
  });
});
