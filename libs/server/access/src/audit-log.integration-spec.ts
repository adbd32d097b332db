import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '@amanah/store/testing';
import { registry } from '@amanah/telemetry';
import { AUDIT_BATCH_ROWS, AUDIT_FLUSH_MS, AuditLog, listAuditEntries, writeAuditEntry } from './audit-log.js';
import { graphql, startAccessTestApp, type TestApp } from './testing/access-test-app.js';

// The audit log's own rules, on a real store: what a query gives back, and that a failed write (a real one: the
// table dropped) neither fails nor delays the audited action, and is counted.
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let api: TestApp;
const adminKey = randomBytes(24).toString('hex');

beforeAll(async () => {
  store = await openTestStore();
  api = await startAccessTestApp(store, { adminKey });
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

describe('listAuditEntries', () => {
  it('newest first, filtered by action and time, bounded', async () => {
    const actor = { keyId: 'k1', label: 'Reader', role: 'press' as const };
    await writeAuditEntry(store, { actor, action: 'fact_sheet_read', objectType: 'fact_sheet', objectId: 's1', outcome: 'ok' }, new Date('2026-01-01T10:00:00Z'));
    await writeAuditEntry(store, { actor, action: 'exported', objectType: 'fact_sheet', objectId: 's1', outcome: 'ok', detail: 'pdf' }, new Date('2026-01-02T10:00:00Z'));
    await writeAuditEntry(store, { actor: undefined, action: 'sign_in', objectType: 'session', objectId: '', outcome: 'refused', detail: 'x'.repeat(900) }, new Date('2026-01-03T10:00:00.123Z'));

    const all = await listAuditEntries(store, { since: '2026-01-01', limit: 10 });
    expect(all.map((e) => [e.at, e.action])).toEqual([
      ['2026-01-03T10:00:00.123Z', 'sign_in'],
      ['2026-01-02T10:00:00.000Z', 'exported'],
      ['2026-01-01T10:00:00.000Z', 'fact_sheet_read'],
    ]);
    expect(all[0]).toMatchObject({ actorId: '', actorLabel: '', actorRole: '', outcome: 'refused' });
    expect(all[0]!.detail).toHaveLength(500);
    expect(all[1]).toMatchObject({ actorId: 'k1', actorLabel: 'Reader', actorRole: 'press', objectType: 'fact_sheet', objectId: 's1', detail: 'pdf' });
    expect((await listAuditEntries(store, { action: 'exported', since: '2026-01-01' })).map((e) => e.objectId)).toEqual(['s1']);
    expect((await listAuditEntries(store, { since: '2026-01-02T10:00:00Z' })).length).toBe(2);
    expect((await listAuditEntries(store, { since: '2026-01-01', limit: 1 })).map((e) => e.action)).toEqual(['sign_in']);
  });

  it('refuses a limit out of 1–1000, an unknown action and a since that is not a date', async () => {
    await expect(listAuditEntries(store, { limit: 0 })).rejects.toThrow('limit must be a whole number from 1 to 1000, got 0.');
    await expect(listAuditEntries(store, { limit: 1001 })).rejects.toThrow(/limit/);
    await expect(listAuditEntries(store, { limit: 2.5 })).rejects.toThrow(/limit/);
    await expect(listAuditEntries(store, { action: 'deleted' as never })).rejects.toThrow(/action must be one of sign_in, key_created/);
    await expect(listAuditEntries(store, { since: 'yesterday' })).rejects.toThrow(/since must be an ISO 8601 date/);
  });
});

describe('AuditLog.record', () => {
  /** Inserts the engine has run so far (ProfileEvents; this test file's own engine when embedded). */
  const inserts = async () => Number((await store.select<{ value: string }>("SELECT value FROM system.events WHERE event = 'InsertQuery'"))[0]?.value ?? 0);

  it('writes entries in batches: 250 entries in a moment are three inserts, not 250, and record never waits', async () => {
    const audit = new AuditLog(store);
    const actor = { keyId: 'batch', label: 'Batch reader', role: 'press' as const };
    const before = await inserts();
    const started = performance.now();
    for (let i = 0; i < 250; i++) audit.record({ actor, action: 'fact_sheet_read', objectType: 'fact_sheet', objectId: `sheet-${i}`, outcome: 'ok' });
    expect(performance.now() - started).toBeLessThan(100);
    await audit.settled();
    expect(await inserts()).toBe(before + Math.ceil(250 / AUDIT_BATCH_ROWS));
    const rows = await store.select<{ n: string }>("SELECT count() AS n FROM audit_log WHERE actor_id = 'batch'");
    expect(Number(rows[0]!.n)).toBe(250);
  });

  it('writes at most once per AUDIT_FLUSH_MS: the first entry at once, the next ones together after the interval', async () => {
    const audit = new AuditLog(store);
    const count = async () => Number((await store.select<{ n: string }>("SELECT count() AS n FROM audit_log WHERE actor_id = 'paced'"))[0]!.n);
    const entry = (id: string) => ({ actor: { keyId: 'paced', label: 'Paced', role: 'admin' as const }, action: 'exported' as const, objectType: 'dashboard', objectId: id, outcome: 'ok' as const });
    audit.record(entry('first'));
    await expect.poll(count, { timeout: AUDIT_FLUSH_MS / 2 }).toBe(1);
    const before = await inserts();
    const startedAt = performance.now();
    for (const id of ['a', 'b', 'c']) audit.record(entry(id));
    await expect.poll(count, { timeout: AUDIT_FLUSH_MS * 3, interval: 50 }).toBe(4);
    expect(performance.now() - startedAt).toBeGreaterThan(AUDIT_FLUSH_MS / 2);
    expect(await inserts()).toBe(before + 1);
  });

  it('writes what is waiting when the app closes', async () => {
    const closing = await startAccessTestApp(store, {});
    const since = new Date().toISOString();
    const audit = closing.app.get(AuditLog);
    const ids = async () => (await listAuditEntries(store, { action: 'sign_in', since })).map((e) => e.objectId);
    audit.record({ actor: undefined, action: 'sign_in', objectType: 'session', objectId: 'first', outcome: 'refused' });
    await expect.poll(ids).toEqual(['first']);
    // Within the interval after that write: it waits for the timer, or for the close.
    audit.record({ actor: undefined, action: 'sign_in', objectType: 'session', objectId: 'at-close', outcome: 'refused' });
    expect(await ids()).toEqual(['first']);
    await closing.close();
    expect(await ids()).toEqual(['at-close', 'first']);
  });
});

describe('a failed audit write', () => {
  it('does not fail the action; it is logged and counted', async () => {
    const created = () => graphql<{ createApiKey: { id: string } }>(api.baseUrl, 'mutation { createApiKey(label: "despite the audit", role: VIEWER, allAmanahs: true) { id } }', { key: adminKey });
    const failures = async () => Number(/action="key_created"} (\d+)/.exec(await registry.getSingleMetricAsString('amanah_audit_write_failures_total'))?.[1] ?? 0);

    const before = await failures();
    expect((await created()).errors).toBeUndefined();
    // Recorded: the table is there.
    await expect.poll(async () => (await listAuditEntries(store, { action: 'key_created' })).length).toBe(1);
    expect(await failures()).toBe(before);

    // A real failure: without its table every audit insert fails in the engine.
    await store.command('DROP TABLE audit_log');
    const answer = await created();
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.createApiKey.id).toMatch(/^[0-9a-f]{16}$/);
    await expect.poll(failures, { timeout: 5000 }).toBe(before + 1);
  });
});
