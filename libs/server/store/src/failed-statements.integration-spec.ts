import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkRefusedError } from './refusals.js';
import { openTestStore } from './testing.js';
import { runWithWork } from './work-context.js';

// chDB keeps what a statement had produced when it failed in its connection, and hands it to the next statement as
// the start of that one's result (measured on chDB 26.7: a SELECT after a failed one answered 498,001 rows of the
// failed query before its own). These tests make statements fail half-way, for real, and check that the next answer
// is exactly its own, whatever came before it.
let store: Awaited<ReturnType<typeof openTestStore>>;

beforeAll(async () => {
  store = await openTestStore({ migrated: false });
});
afterAll(async () => {
  await store?.dispose();
});

const probe = (n: number) => store.select<{ n: number }>('SELECT {n:UInt32} AS n', { n });

describe('a statement that fails after producing rows', () => {
  it('leaves nothing behind for the next statement (an error thrown half-way through the rows)', async () => {
    await expect(
      store.select("SELECT number, throwIf(number = 500000, 'half-way') AS t FROM numbers(1000000) SETTINGS max_block_size = 1000"),
    ).rejects.toThrow(/half-way/);
    expect(await probe(1)).toEqual([{ n: 1 }]);
  });

  it('leaves nothing behind after the engine timeout, with a branch that had finished (a batched query)', async () => {
    const batched = `SELECT 0 AS q, toString(c) AS row FROM (SELECT count() AS c FROM numbers({few:UInt64}))
      UNION ALL SELECT 1 AS q, toString(u) AS row FROM (SELECT uniqExact(number % {m:UInt64}) AS u FROM numbers(5000000000))`;
    const error = await runWithWork({ lane: 'heavy', kind: 'read', deadline: Date.now() + 1_000 }, () =>
      store.select(batched, { few: 10, m: 100_000_000 }).then(() => undefined, (e: unknown) => e),
    );
    expect(error).toBeInstanceOf(WorkRefusedError);
    expect((error as WorkRefusedError).code).toBe('QUERY_TIMEOUT');
    expect(await probe(2)).toEqual([{ n: 2 }]);
    expect(await store.select<{ c: number }>('SELECT count() AS c FROM numbers(3)')).toEqual([{ c: 3 }]);
  });

  it('leaves nothing behind for statements already waiting behind it', async () => {
    const failing = store.select("SELECT number, throwIf(number = 200000, 'boom') FROM numbers(400000) SETTINGS max_block_size = 1000");
    const waiting = Array.from({ length: 20 }, (_, i) => probe(100 + i));
    await expect(failing).rejects.toThrow(/boom/);
    expect(await Promise.all(waiting)).toEqual(Array.from({ length: 20 }, (_, i) => [{ n: 100 + i }]));
  });
});

describe('the engine timeout', () => {
  it('stops a request at its deadline, and the request learns it as a refusal, not a failure', async () => {
    const started = Date.now();
    const error = await runWithWork({ lane: 'heavy', kind: 'read', deadline: Date.now() + 700 }, () =>
      store.select('SELECT uniqExact(number) FROM numbers(10000000000)').then(() => undefined, (e: unknown) => e),
    );
    expect(error).toBeInstanceOf(WorkRefusedError);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('does not bound work outside a request (start-up, seeding, the CLI)', async () => {
    expect(await store.select<{ c: number }>('SELECT count() AS c FROM numbers(200000000)')).toEqual([{ c: 200000000 }]);
  });
});

describe("a statement's own settings", () => {
  // chDB applies a call's settings as SET on its connection's session: without PER_CALL_NEUTRAL the 1 s limit of a
  // write request's SELECT stayed on the write connection and stopped the 4 s INSERT after it, which has no deadline.
  it('stay with it: a time limit does not stop the next statement on the same connection', async () => {
    await store.command('CREATE TABLE IF NOT EXISTS time_limit_probe (n UInt64) ENGINE = Memory');
    await runWithWork({ lane: 'uploads', kind: 'write', deadline: Date.now() + 1_000 }, () => store.select('SELECT 1 AS one'));
    await store.command('INSERT INTO time_limit_probe SELECT number FROM numbers(8) WHERE sleepEachRow(0.5) = 0 SETTINGS max_block_size = 1');
    expect(await store.select<{ c: number }>('SELECT count() AS c FROM time_limit_probe')).toEqual([{ c: 8 }]);
  });

  it('stay with it: a batch read on one thread leaves the next read its threads', async () => {
    const threads = (settings = {}) =>
      runWithWork({ lane: 'viewer', kind: 'read', deadline: Date.now() + 10_000 }, () =>
        store.select<{ t: string }>("SELECT toString(getSetting('max_threads')) AS t", {}, settings),
      );
    const usual = await threads();
    expect(await threads({ max_threads: 1 })).toEqual([{ t: '1' }]);
    expect(await threads()).toEqual(usual);
  });
});
