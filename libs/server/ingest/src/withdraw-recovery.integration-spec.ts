import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetName } from '@amanah/domain';
import { rollupViewsOf } from '@amanah/store';
import { openTestStore, rollupsAgainstRaw } from '@amanah/store/testing';
import type { WithdrawStep } from './batches.js';
import { Ingestor } from './ingestor.js';
import { replyOf } from './outcomes.js';

// Recovery of a withdrawal leaves every rollup equal to its raw rows, whatever state the killed run left a rollup in.
// Once, after a SIGKILL mid-withdrawal, recovery left portal_visits_monthly at 60,000 visits for 40,000 raw ones: the
// months the batch did not touch, in the year partition it did, counted twice. Here a withdrawal stops at a step as a
// killed one would (status WITHDRAWING, its copy and work tables left), a rollup partition is then put wrong on
// purpose (a duplicate state row for a month, inside and outside the batch's months), and recovery must end with every
// rollup of the dataset equal to what its view makes of the raw rows.
let store: Awaited<ReturnType<typeof openTestStore>>;
const principal = { keyId: 'withdraw-recovery-test', role: 'admin' as const, amanahs: 'all' as const };
const STOPPED = 'stopped here, as if killed';

beforeAll(async () => {
  store = await openTestStore();
});
afterAll(() => store?.dispose());

function body(records: readonly object[]): Readable {
  return Readable.from([Buffer.from(records.map((r) => JSON.stringify(r)).join('\n') + '\n')]);
}

const day = (month: number, i: number) => `2024-${String(month).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;

const visits = (prefix: string, rows: number, months: readonly number[]) => Array.from({ length: rows }, (_, i) => ({
  ts: `${day(months[i % months.length]!, i)}T${String(i % 24).padStart(2, '0')}:00:00+03:00`, amanah: i % 3 ? 'riyadh' : 'hail',
  channel: i % 2 ? 'web' : 'mobile_app', visitor_id: `${prefix}${i % 700}`, session_id: `${prefix}s${i}`, page: '/', device: i % 4 ? 'mobile' : 'desktop', source: 'direct',
}));

const requests = (prefix: string, rows: number, months: readonly number[]) => Array.from({ length: rows }, (_, i) => {
  const submitted = `${day(months[i % months.length]!, i)}T10:00:00+03:00`;
  return {
    request_id: `${prefix}${i}`, submitted_at: submitted, amanah: i % 3 ? 'jeddah' : 'riyadh', service: i % 2 ? 'registration' : 'payment',
    channel: 'portal', status: i % 4 ? 'completed' : 'submitted', completed_at: i % 4 ? `${day(months[i % months.length]!, i)}T${10 + (i % 12)}:30:00+03:00` : null,
  };
});

const reports = (prefix: string, rows: number, months: readonly number[]) => Array.from({ length: rows }, (_, i) => ({
  report_id: `${prefix}${i}`, received_at: `${day(months[i % months.length]!, i)}T08:00:00+03:00`, amanah: i % 3 ? 'hail' : 'riyadh', city: 'Hail',
  channel: 'app', category: 'roads', priority: 'urgent', status: i % 2 ? 'resolved' : 'open',
  resolved_at: i % 2 ? `${day(months[i % months.length]!, i)}T${9 + (i % 12)}:00:00+03:00` : null,
}));

/** A withdrawal stopped after `step` (as a process killed there leaves it), or run to the end. */
async function stoppedWithdrawal(dataset: DatasetName, base: object[], wrong: object[], step: WithdrawStep | 'none'): Promise<void> {
  const ingestor = new Ingestor(store, {
    hooks: { withdrawStep: (at) => { if (at === step) throw new Error(STOPPED); } },
  });
  const ingest = async (key: string, records: object[]) => {
    const reply = replyOf(dataset, await ingestor.ingest({ dataset, format: 'ndjson', body: body(records), principal, idempotencyKey: key, maxBytes: 1e9 }));
    expect(reply.status, JSON.stringify(reply.answer)).toBe(200);
    return reply.answer.batchId!;
  };
  await ingest(`${dataset}-base`, base);
  const id = await ingest(`${dataset}-wrong`, wrong);
  if (step === 'none') await ingestor.withdraw(principal, id, 'sent twice by the test');
  else await expect(ingestor.withdraw(principal, id, 'sent twice by the test')).rejects.toThrow(STOPPED);
  const [status] = await store.select<{ status: string }>('SELECT status FROM ingest_batch_log FINAL WHERE batch_id = {id:String}', { id });
  expect(status?.status).toBe(step === 'none' ? 'WITHDRAWN' : 'WITHDRAWING');
  await ingestor.close();
}

/** One more copy of the rollup's rows of a month, as a doubled part would leave: the month's figures counted twice. */
async function doubleMonth(table: string, month: string): Promise<void> {
  const [{ time } = { time: '' }] = await store.select<{ time: string }>(
    "SELECT name AS time FROM system.columns WHERE database = currentDatabase() AND table = {table:String} AND name IN ('day', 'month')",
    { table },
  );
  expect(time, `${table} has a day or month column`).not.toBe('');
  await store.command(
    `INSERT INTO ${table} SELECT * FROM ${table} WHERE toStartOfMonth(${time}) = {month:Date} SETTINGS insert_deduplicate = 0, deduplicate_insert = 'disable'`,
    { month },
  );
}

async function expectRollupsEqualRaw(dataset: string): Promise<void> {
  const tables = await rollupsAgainstRaw(store, dataset);
  expect(Object.keys(tables).sort()).toEqual(rollupViewsOf(dataset).map((v) => v.table).sort());
  for (const [table, { rollup, raw }] of Object.entries(tables)) {
    expect(raw.rows, `${table} has rows`).toBeGreaterThan(0);
    expect(rollup, `${table} = its view over the raw rows`).toEqual(raw);
  }
}

describe('recovery of a withdrawal stopped half-way', () => {
  it('portal_visits, stopped once the copy is made: every rollup ends equal to raw, a doubled month outside the batch\'s months included', async () => {
    // The batch to withdraw touches February and March; January and April share the 2024 partition.
    await stoppedWithdrawal('portal_visits', visits('b', 4_000, [1, 2, 3, 4]), visits('w', 600, [2, 3]), 'withdrawing');
    await doubleMonth('portal_visits_monthly', '2024-01-01');
    await doubleMonth('portal_visits_monthly', '2024-02-01');
    await doubleMonth('portal_visits_daily', '2024-04-01');
    const wrong = await rollupsAgainstRaw(store, 'portal_visits');
    expect(wrong.portal_visits_monthly!.rollup).not.toEqual(wrong.portal_visits_monthly!.raw);

    await new Ingestor(store).recover();
    await expectRollupsEqualRaw('portal_visits');
    const [counts] = await store.select<{ raw: number; monthly: number; kept: number; copies: number }>(
      `SELECT (SELECT count() FROM portal_visits) AS raw, (SELECT sum(visits) FROM portal_visits_monthly) AS monthly,
        (SELECT count() FROM withdrawn_portal_visits) AS kept,
        (SELECT count() FROM system.tables WHERE database = currentDatabase() AND startsWith(name, 'ingest_withdraw_')) AS copies`,
    );
    expect(counts).toEqual({ raw: 4_000, monthly: 4_000, kept: 600, copies: 0 });
  });

  it('service_requests (daily, monthly, lean monthly, durations, histogram), stopped after a rollup was replaced', async () => {
    await stoppedWithdrawal('service_requests', requests('b', 3_000, [1, 2, 3, 5]), requests('w', 500, [3]), 'rollup1:replaced');
    for (const view of rollupViewsOf('service_requests')) await doubleMonth(view.table, '2024-05-01');
    await new Ingestor(store).recover();
    await expectRollupsEqualRaw('service_requests');
    const [raw] = await store.select<{ n: number }>('SELECT count() AS n FROM service_requests');
    expect(Number(raw!.n)).toBe(3_000);
  });

  it('a withdrawal run to the end (the copied months refilled, not whole years) leaves every rollup equal to raw too', async () => {
    await stoppedWithdrawal('citizen_reports', reports('b', 2_000, [1, 6, 7, 12]), reports('w', 300, [6, 7]), 'none');
    await expectRollupsEqualRaw('citizen_reports');
    const [raw] = await store.select<{ n: number }>('SELECT count() AS n FROM citizen_reports');
    expect(Number(raw!.n)).toBe(2_000);
  });
});
