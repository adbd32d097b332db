import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from './testing.js';
import { runWithWork } from './work-context.js';

// Writes run on a connection and in a slot of their own (EngineScheduler, store.ts): an ingest's statements must not
// wait for a slow read, and neither answer may be touched by the other running beside it.
let store: Awaited<ReturnType<typeof openTestStore>>;

beforeAll(async () => {
  store = await openTestStore({ migrated: false });
  await store.command('CREATE TABLE written (n UInt64) ENGINE = MergeTree ORDER BY n');
});
afterAll(async () => {
  await store?.dispose();
});

/** A read with parameters that takes about `ms` milliseconds of engine time and answers `rows`. */
const slowRead = (rows: number, ms: number) =>
  runWithWork({ lane: 'reader', kind: 'read' }, () =>
    store.select<{ c: number; s: number }>(
      'SELECT count() AS c, sum(number) + sum(sleepEachRow({pause:Float64})) AS s FROM numbers({rows:UInt64}) SETTINGS max_block_size = 1',
      { rows, pause: ms / 1000 / rows },
    ),
  );

/** n UInt64 values in RowBinary (8 bytes little-endian each), from `first`. */
function block(first: number, n: number): Buffer {
  const body = Buffer.alloc(8 * n);
  for (let i = 0; i < n; i++) body.writeBigUInt64LE(BigInt(first + i), 8 * i);
  return body;
}

describe('writes beside a slow read', () => {
  it('land while the read runs, and both answers are their own', async () => {
    const started = performance.now();
    let readEnded = 0;
    const read = slowRead(400, 1_500).then((rows) => ((readEnded = performance.now() - started), rows));
    const writeTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      await runWithWork({ lane: 'ingest', kind: 'write' }, () => store.insertRowBinary('written', block(i * 10_000, 10_000)));
      writeTimes.push(performance.now() - started);
    }
    const counted = await runWithWork({ lane: 'ingest', kind: 'write' }, () =>
      store.select<{ c: number; s: number }>('SELECT count() AS c, sum(n) AS s FROM written'),
    );
    const countedAt = performance.now() - started;
    expect(await read).toEqual([{ c: 400, s: (399 * 400) / 2 }]);
    expect(counted).toEqual([{ c: 50_000, s: (49_999 * 50_000) / 2 }]);
    // Every write, and the count after them, finished before the read did.
    expect(Math.max(...writeTimes, countedAt)).toBeLessThan(readEnded);
  });

  it('a write with parameters still waits for the read running (chDB runs those one at a time per process)', async () => {
    const started = performance.now();
    let readEnded = 0;
    const read = slowRead(200, 800).then(() => (readEnded = performance.now() - started));
    await new Promise((r) => setTimeout(r, 50));
    const [row] = await store.select<{ n: number }>('SELECT {n:UInt32} AS n', { n: 7 });
    const writeEnded = performance.now() - started;
    await read;
    expect(row).toEqual({ n: 7 });
    expect(writeEnded).toBeGreaterThanOrEqual(readEnded - 5);
  });
});
