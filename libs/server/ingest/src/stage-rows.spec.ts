import { describe, expect, it } from 'vitest';
import { StageRowsWriter, compileStageEncoding } from './stage-rows.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('StageRowsWriter (RowBinary)', () => {
  it('writes each type as RowBinary lays it out and records where each row ends', () => {
    const encoding = compileStageEncoding([
      { name: 's', type: 'LowCardinality(String)' },
      { name: 'at', type: "DateTime('Asia/Riyadh')" },
      { name: 'end', type: "Nullable(DateTime('Asia/Riyadh'))" },
      { name: 'n', type: 'UInt32' },
      { name: 'big', type: 'UInt64' },
      { name: 'ok', type: 'Bool' },
      { name: 'day', type: 'Date' },
      { name: 'amount', type: 'Decimal(18, 2)' },
    ]);
    const writer = new StageRowsWriter(encoding, 4);
    // Values in column order: s, at, end, n, big, ok, day, amount.
    writer.append(['جدة', 1, null, 258, '18446744073709551615', true, '1970-01-02', '-1.5']);
    writer.append(['', 2 ** 32 - 1, 7, 0, 2 ** 40 + 3, false, '2024-02-29', '12']);
    const { bytes, rowEnds } = writer.finish();
    const first =
      '06' + Buffer.from('جدة').toString('hex') + // varint length 6, then UTF-8
      '01000000' + '01' + '02010000' + 'ffffffffffffffff' + '01' + '0100' + // Nullable null is a single 1
      Buffer.from(new BigInt64Array([-150n]).buffer).toString('hex');
    const second =
      '00' + 'ffffffff' + '00' + '07000000' + '00000000' + '0300000000010000' + '00' +
      Buffer.from(new Uint16Array([19_782]).buffer).toString('hex') + 'b004000000000000';
    expect(hex(bytes)).toBe(first + second);
    expect([...rowEnds]).toEqual([first.length / 2, (first.length + second.length) / 2]);
  });

  it('writes lengths of 128 bytes and more as multi-byte varints, ASCII or not, and grows as needed', () => {
    const writer = new StageRowsWriter(compileStageEncoding([{ name: 's', type: 'String' }]), 8);
    const ascii = 'x'.repeat(300);
    const arabic = 'ب'.repeat(100); // 200 bytes
    writer.append([ascii]);
    writer.append([arabic]);
    const { bytes } = writer.finish();
    expect(hex(bytes.subarray(0, 2))).toBe('ac02'); // 300
    expect(Buffer.from(bytes.subarray(2, 302)).toString()).toBe(ascii);
    expect(hex(bytes.subarray(302, 304))).toBe('c801'); // 200
    expect(Buffer.from(bytes.subarray(304)).toString()).toBe(arabic);
  });

  it('writes Decimal(P ≤ 9) in 4 bytes and refuses more decimals than the column keeps', () => {
    const writer = new StageRowsWriter(compileStageEncoding([{ name: 'd', type: 'Decimal(9, 1)' }]), 4);
    writer.append(['-2.5']);
    expect(hex(writer.finish().bytes)).toBe(Buffer.from(new Int32Array([-25]).buffer).toString('hex'));
    expect(() => new StageRowsWriter(compileStageEncoding([{ name: 'd', type: 'Decimal(9, 1)' }])).append(['1.25'])).toThrow(/more than 1 decimals/);
  });

  it('refuses a column type it cannot encode, naming the column', () => {
    expect(() => compileStageEncoding([{ name: 'x', type: 'Float64' }])).toThrow(/column x: no stage encoding for the type Float64/);
  });
});
