import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestBatches } from '@amanah/ingest';
import { METRICS, type MetricDefinition } from '@amanah/metrics';
import { planQuery, QueryRunner, type MetricQuery } from '@amanah/query';
import { runWithWork } from '@amanah/store';
import { openSeededTestStore, type SeededTestStore } from '@amanah/seed/testing';
import { ADMIN_KEY, startApi, type ApiUnderTest } from '../analytics/testing.js';

// Withdrawing a batch on the seeded store: every metric, by the rollups and by the raw rows, at every granularity,
// comes back to exactly what it was before the batch; readers see the store before or after a withdrawal, never
// half-way; the history lists each batch with its effect; a certified sheet shows a restatement naming the batch.
let store: SeededTestStore;
let api: ApiUnderTest;
let runner: QueryRunner;

beforeAll(async () => {
  store = await openSeededTestStore();
  api = await startApi(store, { today: () => '2024-12-31' });
  runner = new QueryRunner(store, { cache: false });
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

const MONTHS = { from: '2024-04-01', to: '2024-05-31' };
const DAYS = { from: '2024-04-10', to: '2024-05-20' };
const YEAR = { from: '2024-01-01', to: '2024-12-31' };

const rollupMetrics = [...METRICS.values()].filter(
  (metric) => planQuery({ metric, range: { from: '2024-01-01', to: '2024-01-31' }, filters: [] }, { kind: 'total' }).source === 'rollup',
);

/**
 * Every metric of the datasets withdrawn from, by the rollups and by the raw rows: totals over whole months (monthly
 * rollups) and over days (daily rollups, duration tables), series by day, month and year, a breakdown by amanah,
 * approximate medians (histograms). Also checks rollup = raw on each rollup metric; a metric no rollup holds is read
 * from the raw rows.
 */
async function everyMetric(): Promise<Record<string, unknown>> {
  const answers: Record<string, unknown> = {};
  for (const metric of [...METRICS.values()].filter((m) => m.dataset in BATCHES)) {
    const both = async (name: string, read: (forceRaw: boolean) => Promise<unknown>) => {
      if (!rollupMetrics.includes(metric)) {
        answers[name] = await read(true);
        return;
      }
      const [rollup, raw] = [await read(false), await read(true)];
      expect(rollup, `${name}: rollup = raw`).toEqual(raw);
      answers[name] = rollup;
    };
    const query = (range: { from: string; to: string }, forceRaw: boolean): MetricQuery & { range: typeof range } => ({
      metric: metric as MetricDefinition, range, filters: [], forceRaw,
    });
    const value = (n: number | null) => (n === null ? null : Number(n.toFixed(9)));
    await both(`${metric.id} months`, async (raw) => value((await runner.kpi(query(MONTHS, raw), 'NONE')).value));
    await both(`${metric.id} days`, async (raw) => value((await runner.kpi(query(DAYS, raw), 'NONE')).value));
    for (const [granularity, range] of [['DAY', DAYS], ['MONTH', MONTHS], ['YEAR', YEAR]] as const) {
      await both(`${metric.id} by ${granularity}`, async (raw) =>
        (await runner.series(query(range, raw), granularity)).series[0]!.points.map((p) => value(p.value)));
    }
    await both(`${metric.id} by amanah`, async (raw) =>
      (await runner.breakdown(query(MONTHS, raw), 'amanah')).items.map((item) => [item.key, value(item.value)]));
    if (metric.aggregate.fn === 'median_hours') {
      answers[`${metric.id} approximate`] = value((await runner.kpi({ ...query(MONTHS, false), approximate: true }, 'NONE')).value);
    }
  }
  return answers;
}

const pad = (n: number) => String(n).padStart(2, '0');
const at = (i: number) => `2024-0${4 + (i % 2)}-${pad(1 + (i % 28))}T${pad(i % 24)}:${pad(i % 60)}:00+03:00`;
const later = (i: number) => `2024-0${4 + (i % 2)}-${pad(1 + (i % 28))}T23:59:00+03:00`;
const amanah = (i: number) => (i % 3 === 0 ? 'hail' : 'riyadh');

const BATCHES: Record<string, () => object[]> = {
  portal_visits: () => Array.from({ length: 300 }, (_, i) => ({
    ts: at(i), amanah: amanah(i), channel: i % 2 ? 'web' : 'mobile_app', visitor_id: `wv${i}`, session_id: `ws${i}`, page: '/', device: 'mobile', source: 'direct',
  })),
  service_requests: () => Array.from({ length: 120 }, (_, i) => ({
    request_id: `wr${i}`, submitted_at: at(i), amanah: amanah(i), service: 'payment', channel: 'portal',
    status: i % 4 ? 'completed' : 'submitted', completed_at: i % 4 ? later(i) : null,
  })),
  citizen_reports: () => Array.from({ length: 80 }, (_, i) => ({
    report_id: `wc${i}`, received_at: at(i), amanah: amanah(i), city: 'Hail', channel: 'app', category: 'roads', priority: 'urgent',
    status: i % 2 ? 'resolved' : 'open', resolved_at: i % 2 ? later(i) : null,
  })),
  notifications: () => Array.from({ length: 40 }, (_, i) => ({ sent_at: at(i), amanah: amanah(i), kind: 'sms', count: 1000 + i })),
  office_visits: () => Array.from({ length: 60 }, (_, i) => ({ ts: at(i), amanah: amanah(i), office: 'main', with_appointment: i % 2 === 0, service: 'other' })),
};

async function ingest(dataset: string, rows: object[], headers: Record<string, string> = {}, query = '') {
  const response = await fetch(`${api.url}/api/ingest/${dataset}${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/x-ndjson', ...headers },
    body: rows.map((row) => JSON.stringify(row)).join('\n'),
  });
  return { status: response.status, body: (await response.json()) as { batchId?: string; rowsInserted: number; message?: string } };
}

const BATCH_FIELDS = 'id dataset rows status rowsByAmanah { amanah rows } eventFrom eventTo committedAt keyId keyLabel idempotencyKey sourceFile withdrawnAt withdrawnBy withdrawReason replacedBy';
const withdraw = (id: string, reason: string, key?: string) =>
  api.graphql(`mutation($id: ID!, $reason: String!) { withdrawBatch(id: $id, reason: $reason) { ${BATCH_FIELDS} } }`, { id, reason }, key);

describe('withdrawing a batch', () => {
  it('leaves every metric, by rollups and raw rows at every granularity, exactly as it was before the batch', async () => {
    const before = await everyMetric();
    const ids: string[] = [];
    for (const [dataset, rows] of Object.entries(BATCHES)) {
      const answer = await ingest(dataset, rows(), { 'idempotency-key': `wrong-${dataset}`, 'x-source-filename': encodeURIComponent(`تصحيح ${dataset}.csv`) });
      expect(answer.status, answer.body.message).toBe(200);
      expect(answer.body.batchId).toMatch(/^[0-9a-f]{32}$/);
      ids.push(answer.body.batchId!);
    }
    const during = await everyMetric();
    const changed = Object.keys(before).filter((name) => JSON.stringify(before[name]) !== JSON.stringify(during[name]));
    expect(changed.length).toBeGreaterThan(30);

    const { data } = await api.graphql(`{ ingestBatches(dataset: "portal_visits") { ${BATCH_FIELDS} } }`);
    expect(data!.ingestBatches[0]).toMatchObject({
      id: ids[0], dataset: 'portal_visits', rows: 300, status: 'COMMITTED', idempotencyKey: 'wrong-portal_visits',
      sourceFile: 'تصحيح portal_visits.csv', keyLabel: expect.any(String), rowsByAmanah: [{ amanah: 'hail', rows: 100 }, { amanah: 'riyadh', rows: 200 }],
      eventFrom: '2024-04-01 00:00:00', withdrawnAt: null,
    });

    for (const id of ids) {
      const started = performance.now();
      const { data: done, errors } = await withdraw(id, 'counted twice by the sender');
      expect(errors).toBeUndefined();
      expect(done!.withdrawBatch).toMatchObject({ id, status: 'WITHDRAWN', withdrawReason: 'counted twice by the sender' });
      console.info(`withdrew ${done!.withdrawBatch.dataset} (${done!.withdrawBatch.rows} rows): ${Math.round(performance.now() - started)} ms`);
    }
    expect(await everyMetric()).toEqual(before);
    // Kept for audit until purged.
    const [kept] = await store.select<{ n: number }>('SELECT count() AS n FROM withdrawn_portal_visits WHERE ingest_batch = {id:String}', { id: ids[0] });
    expect(kept!.n).toBe(300);
    expect((await withdraw(ids[0]!, 'once more')).errors?.[0]?.message).toMatch(/already withdrawn/);

    // The admin's purge (`kpi batches purge`) deletes the kept rows for good; the figures do not move.
    expect(await new IngestBatches(store).purge({ batchIds: [ids[0]!] })).toEqual([{ id: ids[0], rows: 300 }]);
    const [purged] = await store.select<{ n: number }>('SELECT count() AS n FROM withdrawn_portal_visits WHERE ingest_batch = {id:String}', { id: ids[0] });
    expect(purged!.n).toBe(0);
    expect(await new IngestBatches(store).purge({ batchIds: [ids[0]!] })).toEqual([]);
    // Every metric of five datasets, both paths, three times over, and five withdrawals: minutes on a busy 2-core host.
  }, 300_000);

  it('is seen by a reader polling during it all at once: before or after, never in between', async () => {
    const { body } = await ingest('portal_visits', BATCHES.portal_visits!().slice(0, 250), { 'idempotency-key': 'polled' });
    const counts = async () => {
      const [row] = await store.select<{ raw: number; daily: number; monthly: number }>(
        `SELECT (SELECT count() FROM portal_visits WHERE ts >= '2024-04-01' AND ts < '2024-06-01') AS raw,
                (SELECT sum(visits) FROM portal_visits_daily WHERE day >= '2024-04-01' AND day < '2024-06-01') AS daily,
                (SELECT sum(visits) FROM portal_visits_monthly WHERE month >= '2024-04-01' AND month < '2024-06-01') AS monthly`,
      );
      return `${row!.raw}/${row!.daily}/${row!.monthly}`;
    };
    const withBatch = await counts();
    const seen: string[] = [];
    let done = false;
    const reader = runWithWork({ lane: 'reader', kind: 'read' }, async () => {
      while (!done) seen.push(await counts());
    });
    await withdraw(body.batchId!, 'polled withdrawal');
    done = true;
    await reader;
    const withoutBatch = await counts();
    const [raw] = withBatch.split('/').map(Number);
    expect(withoutBatch).toBe(`${raw! - 250}/${raw! - 250}/${raw! - 250}`);
    expect(seen.length).toBeGreaterThan(1);
    expect([...new Set(seen)].every((s) => s === withBatch || s === withoutBatch), `reader saw ${[...new Set(seen)].join(', ')}`).toBe(true);
  });

  it('lets an ingest key withdraw only its own batches within its scope, and lists only its amanahs’ batches', async () => {
    const hail = await api.key('ingest', ['hail']);
    const other = await api.key('ingest', ['hail']);
    const response = await fetch(`${api.url}/api/ingest/notifications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hail}`, 'content-type': 'application/x-ndjson' },
      body: JSON.stringify({ sent_at: '2024-06-01T10:00:00+03:00', amanah: 'hail', kind: 'sms', count: 5 }),
    });
    const { batchId } = (await response.json()) as { batchId: string };
    const listed = await api.graphql('{ ingestBatches { id rowsByAmanah { amanah } } }', {}, hail);
    expect(listed.data!.ingestBatches.map((b: { id: string }) => b.id)).toContain(batchId);
    expect(listed.data!.ingestBatches.every((b: { rowsByAmanah: Array<{ amanah: string }> }) => b.rowsByAmanah.every((r) => r.amanah === 'hail'))).toBe(true);
    expect((await withdraw(batchId, 'not mine to withdraw', other)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await withdraw(batchId, 'x', hail)).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const viewer = await api.key('viewer', 'all');
    expect((await api.graphql('{ ingestBatches { id } }', {}, viewer)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await withdraw(batchId, 'sent the wrong day', hail)).data!.withdrawBatch.status).toBe('WITHDRAWN');
  });

  it('replaces a batch with a corrected file in one action', async () => {
    const wrong = await ingest('office_visits', BATCHES.office_visits!().slice(0, 10), { 'idempotency-key': 'office-wrong' });
    const fixed = await ingest('office_visits', BATCHES.office_visits!().slice(0, 7), { 'idempotency-key': 'office-fixed' },
      `?replaces=${wrong.body.batchId}&reason=${encodeURIComponent('three rows were test data')}`);
    expect(fixed.status, fixed.body.message).toBe(200);
    const { data } = await api.graphql(`{ ingestBatches(dataset: "office_visits", limit: 2) { ${BATCH_FIELDS} } }`);
    expect(data!.ingestBatches).toEqual([
      expect.objectContaining({ id: fixed.body.batchId, status: 'COMMITTED', rows: 7 }),
      expect.objectContaining({ id: wrong.body.batchId, status: 'WITHDRAWN', replacedBy: fixed.body.batchId, withdrawReason: 'three rows were test data' }),
    ]);
    const refused = await ingest('office_visits', BATCHES.office_visits!().slice(0, 3), {}, `?replaces=${wrong.body.batchId}&reason=again`);
    expect(refused.status).toBe(400);
  });
});

describe('a certified fact sheet', () => {
  it('gets a restatement naming the withdrawn batch and the reason', async () => {
    const { body } = await ingest('portal_visits', BATCHES.portal_visits!().filter((row) => (row as { amanah: string }).amanah === 'hail'), {
      'idempotency-key': 'hail-visits-certified',
    });
    const lock = await api.graphql(
      `mutation($range: DateRangeInput!) { lockFactSheet(title: "Hail visits", amanah: "hail", range: $range, metrics: ["portal.visits"]) {
        id figures { lockedValue } } }`,
      { range: MONTHS },
    );
    expect(lock.errors).toBeUndefined();
    const sheet = lock.data!.lockFactSheet;
    await withdraw(body.batchId!, 'visits of a test server');
    const { data } = await api.graphql(
      `query($id: ID!) { factSheet(id: $id) { restatedCount figures { lockedValue currentValue
         restatement { old new why { ar en } withdrawnBatches { id reason rows } } } } }`,
      { id: sheet.id },
    );
    const [figure] = data!.factSheet.figures;
    expect(data!.factSheet.restatedCount).toBe(1);
    expect(figure.currentValue).toBe(sheet.figures[0].lockedValue - 100);
    expect(figure.restatement.withdrawnBatches).toEqual([{ id: body.batchId, reason: 'visits of a test server', rows: 100 }]);
    expect(figure.restatement.why.en).toContain(`${body.batchId} (visits of a test server)`);
    expect(figure.restatement.why.ar).toContain(body.batchId);
  });
});
