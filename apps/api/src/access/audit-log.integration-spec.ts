import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_RANGES } from '@amanah/seed';
import { openSeededTestStore, type SeededTestStore } from '@amanah/seed/testing';
import { ADMIN_KEY, startApi, type ApiUnderTest } from '../analytics/testing.js';

// The audit log through the real API on the seeded store: each audited action, made over HTTP or GraphQL as a
// client makes it, leaves one row naming who, what, which object and the outcome; only admins with every amanah
// read it (a failed audit write never fails the action: libs/server/access audit-log.integration-spec.ts).
let store: SeededTestStore;
let api: ApiUnderTest;

beforeAll(async () => {
  store = await openSeededTestStore();
  api = await startApi(store, { today: () => '2024-12-31' });
}, 180_000);
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

interface Entry {
  at: string;
  actorId: string;
  actorLabel: string;
  actorRole: string;
  action: string;
  objectType: string;
  objectId: string;
  outcome: string;
  detail: string;
}
const ENTRY_FIELDS = 'at actorId actorLabel actorRole action objectType objectId outcome detail';
const AUDIT = `query Audit($action: AuditAction, $since: String, $limit: Int) { auditLog(action: $action, since: $since, limit: $limit) { ${ENTRY_FIELDS} } }`;

async function auditLog(variables: Record<string, unknown> = {}, key: string = ADMIN_KEY) {
  return api.graphql<{ auditLog: Entry[] }>(AUDIT, variables, key);
}

/** The entries for one object (newest first), once `count` of them have landed: writes follow the action. */
async function entriesFor(objectId: string, count = 1): Promise<Entry[]> {
  let found: Entry[] = [];
  await expect
    .poll(async () => {
      const { data, errors } = await auditLog({ limit: 1000 });
      expect(errors).toBeUndefined();
      found = data!.auditLog.filter((entry) => entry.objectId === objectId);
      return found.length;
    }, { timeout: 5000 })
    .toBe(count);
  return found;
}

const ADMIN = { actorId: 'bootstrap-admin', actorLabel: 'KPI_ADMIN_KEY (bootstrap)', actorRole: 'admin' };

describe('the audit log', () => {
  it('records a sign-in with a key', async () => {
    const { key, record } = await createKey('viewer', ['tabuk'], 'Tabuk wall screen');
    const response = await fetch(`${api.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key }) });
    expect(response.status).toBe(200);
    const [signIn] = (await entriesFor(record.id, 2)).filter((entry) => entry.action === 'SIGN_IN');
    expect(signIn).toMatchObject({ actorId: record.id, actorLabel: 'Tabuk wall screen', actorRole: 'viewer', objectType: 'session', outcome: 'ok', detail: 'api key' });
    expect(Date.parse(signIn!.at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('records keys created and revoked through GraphQL, and a revocation of an unknown key as refused', async () => {
    const { record } = await createKey('press', 'all', 'Press office');
    const revoked = await api.graphql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: record.id });
    expect(revoked.errors).toBeUndefined();
    const entries = await entriesFor(record.id, 2);
    expect(entries.map((e) => [e.action, e.outcome])).toEqual([['KEY_REVOKED', 'ok'], ['KEY_CREATED', 'ok']]);
    expect(entries[1]).toMatchObject({ ...ADMIN, objectType: 'api_key', detail: 'press, amanahs all: Press office' });

    const unknown = await api.graphql(`mutation { revokeApiKey(id: "0000000000000000") { id } }`);
    expect(unknown.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(await entriesFor('0000000000000000')).toMatchObject([{ action: 'KEY_REVOKED', outcome: 'refused', detail: 'no such key' }]);
  });

  it('records a fact sheet certified and read, and exports of it and of a dashboard', async () => {
    const locked = await api.graphql<{ lockFactSheet: { id: string } }>(
      `mutation($range: DateRangeInput!) { lockFactSheet(title: "Audit sheet", amanah: "tabuk", range: $range, metrics: ["office.visits"]) { id } }`,
      { range: ARTICLE_RANGES.tabukFirstHalf2024 },
    );
    expect(locked.errors).toBeUndefined();
    const id = locked.data!.lockFactSheet.id;
    expect((await api.graphql(`query($id: ID!) { factSheet(id: $id) { id } }`, { id })).errors).toBeUndefined();
    const sheetFile = await fetch(`${api.url}/api/export/fact-sheet/${id}.xlsx`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(sheetFile.status).toBe(200);
    await sheetFile.arrayBuffer();
    const entries = await entriesFor(id, 3);
    expect(entries.map((e) => [e.action, e.objectType, e.outcome, e.detail])).toEqual([
      ['EXPORTED', 'fact_sheet', 'ok', 'xlsx'],
      ['FACT_SHEET_READ', 'fact_sheet', 'ok', 'tabuk'],
      ['FACT_SHEET_CERTIFIED', 'fact_sheet', 'ok', 'tabuk: Audit sheet'],
    ]);
    for (const entry of entries) expect(entry).toMatchObject(ADMIN);

    const viewer = await api.key('viewer', ['tabuk']);
    const dashboardFile = await fetch(`${api.url}/api/export/dashboard/executive.xlsx?amanah=tabuk&from=2024-01-01&to=2024-06-30`, {
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(dashboardFile.status).toBe(200);
    await dashboardFile.arrayBuffer();
    const exported = (await entriesFor('executive')).at(0)!;
    expect(exported).toMatchObject({ action: 'EXPORTED', objectType: 'dashboard', actorRole: 'viewer', actorLabel: 'test viewer', outcome: 'ok', detail: 'xlsx, amanah tabuk' });
  });

  it('records a batch withdrawn, and a refused withdrawal', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ sent_at: `2024-04-0${i + 1}T10:00:00+03:00`, amanah: 'hail', kind: 'sms', count: 10 }));
    const ingest = await fetch(`${api.url}/api/ingest/notifications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/x-ndjson' },
      body: rows.map((row) => JSON.stringify(row)).join('\n'),
    });
    const { batchId } = (await ingest.json()) as { batchId: string };
    expect(ingest.status).toBe(200);
    const withdraw = (key?: string) =>
      api.graphql(`mutation($id: ID!) { withdrawBatch(id: $id, reason: "sent twice") { id status } }`, { id: batchId }, key);

    // An ingest key of the amanah that did not send it may not withdraw it: refused, and recorded as refused.
    const other = await withdraw(await api.key('ingest', ['hail']));
    expect(other.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await withdraw()).errors).toBeUndefined();
    const entries = await entriesFor(batchId, 2);
    expect(entries.map((e) => [e.action, e.actorRole, e.outcome])).toEqual([
      ['BATCH_WITHDRAWN', 'admin', 'ok'],
      ['BATCH_WITHDRAWN', 'ingest', 'refused'],
    ]);
    expect(entries[0]!.detail).toBe('sent twice');
  });

  it('filters by action and time, newest first, with a bounded limit', async () => {
    const { data } = await auditLog({ action: 'KEY_CREATED', limit: 2 });
    expect(data!.auditLog.length).toBe(2);
    expect(data!.auditLog.every((e) => e.action === 'KEY_CREATED')).toBe(true);
    expect(Date.parse(data!.auditLog[0]!.at)).toBeGreaterThanOrEqual(Date.parse(data!.auditLog[1]!.at));
    expect((await auditLog({ since: new Date(Date.now() + 3_600_000).toISOString() })).data!.auditLog).toEqual([]);
    for (const limit of [0, 1001]) {
      const refused = await auditLog({ limit });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'limit' });
    }
    expect((await auditLog({ since: 'last tuesday' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'since' });
  });

  it('is refused to every role but admin, and to an admin limited to some amanahs', async () => {
    for (const [role, amanahs] of [['viewer', 'all'], ['press', 'all'], ['analyst', 'all'], ['ingest', 'all'], ['admin', ['riyadh']]] as const) {
      const refused = await auditLog({}, await api.key(role, amanahs === 'all' ? 'all' : [...amanahs]));
      expect(refused.data).toBeNull();
      expect(refused.errors?.[0]?.extensions.code, `${role} ${String(amanahs)}`).toBe('FORBIDDEN');
    }
    expect((await auditLog({}, await api.key('admin', 'all'))).errors).toBeUndefined();
  });
});

async function createKey(role: string, amanahs: string[] | 'all', label: string) {
  const { data, errors } = await api.graphql<{ createApiKey: { id: string; key: string } }>(
    `mutation($label: String!, $role: ApiKeyRole!, $amanahs: [ID!], $all: Boolean!) { createApiKey(label: $label, role: $role, amanahs: $amanahs, allAmanahs: $all) { id key } }`,
    { label, role: role.toUpperCase(), amanahs: amanahs === 'all' ? null : amanahs, all: amanahs === 'all' },
  );
  expect(errors).toBeUndefined();
  return { key: data!.createApiKey.key, record: { id: data!.createApiKey.id } };
}
