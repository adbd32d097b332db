import { describe, expect, it } from 'vitest';
import { EngineScheduler } from './engine-scheduler.js';
import { WorkRefusedError } from './refusals.js';
import { currentWork, runWithWork, type WorkContext } from './work-context.js';

/** A statement that records when it started and finishes when the test says so. */
function recorder() {
  const started: string[] = [];
  const finishers: Array<() => void> = [];
  const statement = (name: string) => () =>
    new Promise<string>((resolve) => {
      started.push(name);
      finishers.push(() => resolve(name));
    });
  /** Lets the statement started first (and not yet finished) finish, and the scheduler start the next. */
  const finishNext = async () => {
    finishers.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { started, statement, finishNext };
}

const inLane = <T>(lane: string, kind: WorkContext['kind'], run: () => T, deadline?: number) => runWithWork({ lane, kind, deadline }, run);

describe('EngineScheduler', () => {
  it('takes lanes in turn: one key with thirty queries waiting does not hold another key’s one query', async () => {
    const scheduler = new EngineScheduler({ slots: { read: 1, write: 1 }, maxWaitingPerLane: 100 });
    const { started, statement, finishNext } = recorder();
    const heavy = Array.from({ length: 30 }, (_, i) => inLane('heavy', 'read', () => scheduler.run(statement(`heavy${i}`))));
    const light = inLane('light', 'read', () => scheduler.run(statement('light')));
    await finishNext(); // heavy0 was running when light arrived; light has not been served yet, so it goes next
    expect(started).toEqual(['heavy0', 'light']);
    for (let i = 0; i < 30; i++) await finishNext();
    expect(await light).toBe('light');
    expect(await Promise.all(heavy)).toHaveLength(30);
  });

  it('runs writes in slots of their own: ingest does not wait for reads, however many wait', async () => {
    const scheduler = new EngineScheduler({ slots: { read: 1, write: 1 }, maxWaitingPerLane: 100 });
    const { started, statement, finishNext } = recorder();
    const kinds: string[] = [];
    const all: Promise<string>[] = [];
    for (let key = 0; key < 10; key++) for (let i = 0; i < 3; i++) all.push(inLane(`reader${key}`, 'read', () => scheduler.run(statement(`r${key}.${i}`))));
    all.push(inLane('ingest', 'write', () => scheduler.run((kind) => (kinds.push(kind), statement('w0')()))));
    await new Promise((r) => setImmediate(r));
    // The first read runs, and the write beside it, on the write slot.
    expect(started).toEqual(['r0.0', 'w0']);
    expect(kinds).toEqual(['write']);
    for (let i = 0; i < 31; i++) await finishNext();
    await Promise.all(all);
    // The readers take turns (each key's first query before anyone's second).
    expect(started.slice(2, 6)).toEqual(['r1.0', 'r2.0', 'r3.0', 'r4.0']);
  });

  it('counts work outside requests (start-up, migrations, the CLI) as writes', async () => {
    const scheduler = new EngineScheduler({ slots: { read: 1, write: 1 }, maxWaitingPerLane: 100 });
    expect(await scheduler.run(async (kind) => kind)).toBe('write');
    expect(await inLane('a', 'read', () => scheduler.run(async (kind) => kind))).toBe('read');
  });

  it('within a lane, runs the oldest request’s statement first: a request half done is not queued behind newer ones', async () => {
    const scheduler = new EngineScheduler({ slots: { read: 1, write: 1 }, maxWaitingPerLane: 100 });
    const { started, statement, finishNext } = recorder();
    const deadline = Date.now() + 60_000;
    const blocker = inLane('other', 'read', () => scheduler.run(statement('blocker')));
    const newer = [1, 2, 3].map((i) => inLane('key', 'read', () => scheduler.run(statement(`new${i}`)), deadline + i * 1000));
    // The oldest request's second statement arrives last, and still goes first in its lane.
    const second = inLane('key', 'read', () => scheduler.run(statement('old.2')), deadline);
    for (let i = 0; i < 5; i++) await finishNext();
    await Promise.all([blocker, second, ...newer]);
    expect(started).toEqual(['blocker', 'old.2', 'new1', 'new2', 'new3']);
  });

  it('runs each statement in its own request’s context, not in that of the statement whose end started it', async () => {
    const scheduler = new EngineScheduler({ slots: { read: 1, write: 1 }, maxWaitingPerLane: 100 });
    const { statement, finishNext } = recorder();
    const first = inLane('a', 'read', () => scheduler.run(statement('a')));
    const seen = inLane('b', 'read', () => scheduler.run(async () => currentWork()?.lane));
    await finishNext(); // a's end starts b's statement
    await first;
    expect(await seen).toBe('b');
  });

  it('refuses a statement whose request ran out of time while it waited, without running it', async () => {
    const scheduler = new EngineScheduler({ slots: { read: 1, write: 1 }, maxWaitingPerLane: 100 });
    const { started, statement, finishNext } = recorder();
    const first = inLane('a', 'read', () => scheduler.run(statement('first')));
    const late = inLane('b', 'read', () => scheduler.run(statement('late')), Date.now() + 20).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 40));
    await finishNext();
    expect(await late).toMatchObject({ code: 'QUERY_TIMEOUT' });
    expect(started).toEqual(['first']);
    await first;
  });

  it('refuses at once when a lane already has too much waiting (OVERLOADED, with a retry hint)', async () => {
    const scheduler = new EngineScheduler({ slots: { read: 1, write: 1 }, maxWaitingPerLane: 2 });
    const { statement, finishNext } = recorder();
    const accepted = [0, 1, 2].map((i) => inLane('greedy', 'read', () => scheduler.run(statement(`g${i}`))));
    const refused = await inLane('greedy', 'read', () => scheduler.run(statement('g3')).catch((e: unknown) => e));
    expect(refused).toBeInstanceOf(WorkRefusedError);
    expect(refused).toMatchObject({ code: 'OVERLOADED', retryAfterSeconds: 1 });
    // Another lane is not affected.
    const other = inLane('other', 'read', () => scheduler.run(statement('other')));
    for (let i = 0; i < 4; i++) await finishNext();
    expect(await Promise.all([...accepted, other])).toEqual(['g0', 'g1', 'g2', 'other']);
  });

  it('runs an exclusive section alone: after what was running, before what waits, with nothing in between', async () => {
    const scheduler = new EngineScheduler({ slots: { read: 2, write: 1 }, maxWaitingPerLane: 100 });
    const { started, statement, finishNext } = recorder();
    const before = [inLane('a', 'read', () => scheduler.run(statement('running1'))), inLane('b', 'read', () => scheduler.run(statement('running2')))];
    const section = scheduler.exclusive(async (lane) =>
      runWithWork({ lane: 'ingest', kind: 'write', exclusive: lane }, async () => {
        await scheduler.run(statement('chunk0'));
        await scheduler.run(statement('chunk1'));
        return 'committed';
      }),
    );
    const reader = inLane('c', 'read', () => scheduler.run(statement('reader')));
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual(['running1', 'running2']);
    await finishNext();
    await finishNext();
    expect(started).toEqual(['running1', 'running2', 'chunk0']);
    await finishNext();
    expect(started).toEqual(['running1', 'running2', 'chunk0', 'chunk1']);
    await finishNext();
    expect(await section).toBe('committed');
    await new Promise((r) => setImmediate(r));
    expect(started.at(-1)).toBe('reader');
    await finishNext();
    await Promise.all([...before, reader]);
  });
});
