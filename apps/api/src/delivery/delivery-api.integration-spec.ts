import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, startWebhookReceiver, testDashboardsDir, waitUntil } from '@amanah/delivery/testing';
import { pdfLines } from '@amanah/reports/testing';
import { openTestStore } from '@amanah/store/testing';
import { startApi, type ApiUnderTest } from '../analytics/testing.js';

// Delivery inside the whole app, over real HTTP: keys and roles, GraphQL, a real SMTP server and webhook receiver on
// loopback, and alerts evaluated after an ingest through POST /api/ingest.
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let api: ApiUnderTest;
let catcher: Awaited<ReturnType<typeof startMailCatcher>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const JANUARY = { from: '2024-01-01', to: '2024-01-31' };

const visits = (amanah: string, count: number, day = 10) =>
  Array.from({ length: count }, (_, i) => ({ ts: `2024-01-${String(day + i).padStart(2, '0')} 10:00:00`, amanah, office: 'main', with_appointment: false, service: 'other' }));

beforeAll(async () => {
  store = await openTestStore();
  await store.insert('office_visits', [...visits('riyadh', 9), ...visits('jeddah', 4)]);
  catcher = await startMailCatcher();
  receiver = await startWebhookReceiver();
  api = await startApi(store, {
    today: () => '2024-02-04',
    dashboardsDir: testDashboardsDir(),
    delivery: { smtpUrl: catcher.url, mailFrom: 'KPI <kpi@example.sa>', webhookAllowedHosts: ['127.0.0.1'] },
    deliveryTickSeconds: 0,
  });
});
afterAll(async () => {
  await api?.close();
  await catcher?.close();
  await receiver?.close();
  await store?.dispose();
});

const CREATE = `mutation($input: SubscriptionInput!) { createSubscription(input: $input) { id amanah recipients schedule { every at weekday } lang nextRunAt } }`;
const DELIVER = `mutation($id: ID!) { deliverSubscription(id: $id) { id kind status attempts } }`;
const DELIVERIES = `query($id: ID) { deliveries(subscriptionId: $id) { id status attempts lastError } }`;
const RULE = `mutation($input: AlertRuleInput!) { createAlertRule(input: $input) { id webhookSecret condition threshold } }`;

describe('delivery over GraphQL', () => {
  it('analysts subscribe; a viewer may not; a key of one amanah gets that amanah only, and the mail has the API’s figure', async () => {
    const input = { dashboard: 'offices', range: JANUARY, recipients: ['pr@example.sa'], schedule: { every: 'WEEK', at: '07:30', weekday: 1 }, lang: 'EN' };
    const viewer = await api.graphql(CREATE, { input: { ...input, amanah: 'jeddah' } }, await api.key('viewer', 'all'));
    expect(viewer.errors?.[0]?.extensions.code).toBe('FORBIDDEN');

    const jeddahAnalyst = await api.key('analyst', ['jeddah']);
    const elsewhere = await api.graphql(CREATE, { input: { ...input, amanah: 'riyadh' } }, jeddahAnalyst);
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'input.amanah' });
    const badAddress = await api.graphql(CREATE, { input: { ...input, recipients: ['nobody'] } }, jeddahAnalyst);
    expect(badAddress.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');

    const created = await api.graphql(CREATE, { input }, jeddahAnalyst);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createSubscription).toMatchObject({ amanah: 'jeddah', schedule: { every: 'WEEK', at: '07:30', weekday: 1 }, lang: 'EN' });
    const id = created.data!.createSubscription.id;

    const sent = await api.graphql(DELIVER, { id }, jeddahAnalyst);
    expect(sent.data!.deliverSubscription).toMatchObject({ kind: 'REPORT', status: 'PENDING', attempts: 0 });
    await catcher.waitFor(1);
    const kpi = await api.graphql(`{ kpi(metric: "office.visits", range: {from: "2024-01-01", to: "2024-01-31"}) { value } }`, {}, jeddahAnalyst);
    expect(kpi.data!.kpi.value).toBe(4); // the key's scope: Jeddah's four visits, not all thirteen
    const mail = catcher.mails[0]!;
    expect(mail.subject).toBe('Office visits — Jeddah Municipality — 2024-01-01 – 2024-01-31');
    expect(mail.text).toContain('Jeddah Municipality received 4 in-person visitors');
    expect(mail.text).not.toContain('Riyadh');
    const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf')!;
    const pdfText = (await pdfLines(new Uint8Array(pdf.content))).map((line) => line.text).join('\n');
    expect(pdfText).toContain('Jeddah Municipality');
    expect(pdfText).toMatch(new RegExp(`\\b${kpi.data!.kpi.value}\\b`));
    expect(pdfText).not.toContain('Riyadh');
    const history = await api.graphql(DELIVERIES, { id }, jeddahAnalyst);
    expect(history.data!.deliveries).toMatchObject([{ status: 'SENT', attempts: 1, lastError: '' }]);

    // The dashboard's /deliveries page asks this in one request (apps/web/src/delivery/operations.ts): within the limits.
    const page = await api.graphql(`query DeliveryOverview {
      subscriptions { id dashboard factSheet amanah range { from to preset } recipients schedule { every at weekday dayOfMonth } lang digits createdBy nextRunAt }
      deliveries(limit: 100) { id kind subscriptionId ruleId slot target status attempts lastError createdAt updatedAt }
      alertRules { id metric amanah condition threshold recipients webhookUrl breached createdBy }
      alertFirings(limit: 100) { id ruleId metric amanah condition value threshold firedAt }
      deliveryCounts { sent failed retried queued smtpConfigured } }`, {}, jeddahAnalyst);
    expect(page.errors).toBeUndefined();
    expect(page.data!.subscriptions.map((s: { id: string }) => s.id)).toEqual([id]);
    expect(page.data!.deliveryCounts).toMatchObject({ sent: 1, failed: 0, smtpConfigured: true });

    // Another analyst key neither sees nor sends it.
    const other = await api.key('analyst', 'all');
    expect((await api.graphql(DELIVER, { id }, other)).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect((await api.graphql('{ subscriptions { id } }', {}, other)).data!.subscriptions).toEqual([]);
  });

  it('a subscription and an alert rule over a season keep its Hijri year, and their listings say it', async () => {
    const analyst = await api.key('analyst', 'all');
    const eid1444 = { preset: 'eid_al_fitr', hijriYear: 1444 };
    const subscription = await api.graphql(CREATE, { input: { dashboard: 'offices', amanah: 'tabuk', range: eid1444, recipients: ['eid@example.sa'], schedule: { every: 'DAY', at: '13:00' } } }, analyst);
    expect(subscription.errors).toBeUndefined();
    const rule = await api.graphql(RULE, { input: { metric: 'office.visits', amanah: 'tabuk', range: eid1444, condition: 'ABOVE', threshold: 2, recipients: ['eid@example.sa'] } }, analyst);
    expect(rule.errors).toBeUndefined();
    const listed = await api.graphql(`{ subscriptions { id range { from to preset hijriYear } } alertRules { id range { preset hijriYear } } }`, {}, analyst);
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.subscriptions).toEqual([{ id: subscription.data!.createSubscription.id, range: { from: null, to: null, ...eid1444 } }]);
    expect(listed.data!.alertRules).toEqual([{ id: rule.data!.createAlertRule.id, range: eid1444 }]);
  });

  it('an ingest through the API that breaches a rule sends one signed webhook', async () => {
    const analyst = await api.key('analyst', 'all');
    const created = await api.graphql(RULE, {
      input: { metric: 'office.visits', amanah: 'tabuk', range: JANUARY, condition: 'ABOVE', threshold: 2, webhookUrl: `${receiver.url}/kpi` },
    }, analyst);
    expect(created.errors).toBeUndefined();
    const { id, webhookSecret } = created.data!.createAlertRule;
    const offList = await api.graphql(RULE, {
      input: { metric: 'office.visits', amanah: 'tabuk', range: JANUARY, condition: 'ABOVE', threshold: 2, webhookUrl: 'https://example.com/kpi' },
    }, analyst);
    expect(offList.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'input.webhookUrl' });

    const body = visits('tabuk', 3).map((row) => JSON.stringify(row)).join('\n');
    const response = await fetch(`${api.url}/api/ingest/office_visits`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await api.key('ingest', ['tabuk'])}`, 'content-type': 'application/x-ndjson', 'idempotency-key': 'tabuk-1' },
      body,
    });
    expect(response.status).toBe(200);
    await waitUntil(() => receiver.hooks.length === 1, 'the webhook');
    const [hook] = receiver.hooks;
    expect(hook!.headers['x-amanah-signature']).toBe(`sha256=${createHmac('sha256', webhookSecret).update(hook!.body).digest('hex')}`);
    expect(JSON.parse(hook!.body)).toMatchObject({ rule: id, metric: 'office.visits', amanah: 'tabuk', value: 3, threshold: 2 });

    expect((await api.graphql('mutation { evaluateAlerts { id } }', {}, analyst)).data!.evaluateAlerts).toEqual([]);
    const firings = await api.graphql('query($id: ID) { alertFirings(ruleId: $id) { id value threshold } alertRules { id breached webhookSecret } }', { id }, analyst);
    expect(firings.data).toEqual({ alertFirings: [{ id: `${id}#1`, value: 3, threshold: 2 }], alertRules: [{ id, breached: true, webhookSecret: null }] });
    expect(receiver.hooks).toHaveLength(1);
  });
});
