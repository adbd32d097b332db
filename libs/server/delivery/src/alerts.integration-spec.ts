import { createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, type Caller } from '@amanah/access';
import { AnalyticsError, createAnalytics, DashboardRegistry } from '@amanah/analytics';
import { todayInRiyadh } from '@amanah/calendar';
// The test commits a real ingest batch, as the API does, to see the alerts follow it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { Ingestor } from '@amanah/ingest';
import { openTestStore } from '@amanah/store/testing';
import { registry } from '@amanah/telemetry';
import { DeliveryService } from './delivery.service.js';
import { SmtpMailer } from './mailer.js';
import { startMailCatcher, startWebhookReceiver, testDashboardsDir, TestClock, waitUntil } from './testing/loopback.js';

// Real parts: a chDB store, the ingestor's commit path, the analytics service, an HTTP receiver and an SMTP server
// on loopback.
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let catcher: Awaited<ReturnType<typeof startMailCatcher>>;
let delivery: DeliveryService;
let ingestor: Ingestor;
const clock = new TestClock(new Date('2024-02-05T06:00:00Z'));
const settings = { smtpUrl: '', mailFrom: 'kpi@example.sa', webhookAllowedHosts: ['127.0.0.1'] };
// A real key in the store: alerts check their creator's key again when they are evaluated and sent.
let analyst: Caller;

async function ingestVisits(amanah: string, count: number, day: string, batch: string): Promise<void> {
  const rows = Array.from({ length: count }, (_, i) => JSON.stringify({ ts: `${day} 09:${String(i).padStart(2, '0')}:00`, amanah, office: 'main', with_appointment: false, service: 'other' }));
  const outcome = await ingestor.ingest({
    dataset: 'office_visits', format: 'ndjson', body: Readable.from([rows.join('\n')]),
    principal: { keyId: 'pipeline', role: 'ingest', amanahs: 'all' }, idempotencyKey: batch, maxBytes: 1_000_000,
  });
  expect(outcome.kind).toBe('committed');
}

beforeAll(async () => {
  store = await openTestStore();
  const { record } = await createApiKey(store, { label: 'analyst', role: 'analyst', amanahs: 'all' });
  analyst = { keyId: record.id, label: 'analyst', role: 'analyst', amanahs: 'all' };
  receiver = await startWebhookReceiver();
  catcher = await startMailCatcher();
  settings.smtpUrl = catcher.url;
  const dashboardsDir = testDashboardsDir();
  const { analytics, press } = createAnalytics({ store, dashboardsDir, today: () => todayInRiyadh(clock.now()) });
  delivery = new DeliveryService({
    store, analytics, press, dashboards: new DashboardRegistry(dashboardsDir), clock,
    settings,
    mailer: new SmtpMailer(catcher.url, 'kpi@example.sa'),
    retryBaseMs: 50,
  });
  // As the API wires it: the commit has recorded the change of the data (answers read it), then the alerts are evaluated.
  ingestor = new Ingestor(store);
  ingestor.addWriteListener(() => delivery.dataChanged());
});

afterAll(async () => {
  await delivery?.close();
  await ingestor?.close();
  await receiver?.close();
  await catcher?.close();
  await store?.dispose();
});

const settled = async () => {
  await delivery.alertsSettled();
  await delivery.idle();
};

describe('alerts on KPIs, delivered by signed webhook and e-mail', () => {
  it('an ingest that breaches a rule sends one signed webhook; again only after recovery and a new breach', async () => {
    const rule = await delivery.createAlertRule(analyst, {
      metric: 'office.visits', amanah: 'jeddah', range: { preset: 'today' }, condition: 'ABOVE', threshold: 5,
      webhookUrl: `${receiver.url}/hooks/kpi`, recipients: ['it@example.sa'],
    });
    expect(rule.webhookSecret).toMatch(/^[\w-]{40,}$/); // shown once…
    expect((await delivery.alertRules(analyst)).find((r) => r.id === rule.id)?.webhookSecret).toBeNull(); // …then never

    await ingestVisits('jeddah', 3, '2024-02-05', 'a');
    await settled();
    expect(receiver.hooks).toHaveLength(0); // 3 is not above 5

    await ingestVisits('jeddah', 4, '2024-02-05', 'b'); // 7 today
    await settled();
    await waitUntil(() => receiver.hooks.length === 1 && catcher.mails.length === 1, 'the webhook and the e-mail');
    const [hook] = receiver.hooks;
    const expected = `sha256=${createHmac('sha256', rule.webhookSecret!).update(hook!.body).digest('hex')}`;
    expect(hook!.headers['x-amanah-signature']).toBe(expected);
    expect(hook!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(hook!.body)).toMatchObject({ rule: rule.id, metric: 'office.visits', amanah: 'jeddah', value: 7, threshold: 5, time: '2024-02-05T06:00:00.000Z' });
    expect(catcher.mails[0]!.subject).toContain('7');

    // Still breached: nothing more.
    expect(await delivery.evaluateAlerts()).toEqual([]);
    await ingestVisits('jeddah', 1, '2024-02-05', 'c');
    await settled();
    expect(receiver.hooks).toHaveLength(1);

    // The next day has no visits yet: recovered. A new breach fires again.
    clock.set('2024-02-06T06:00:00Z');
    expect(await delivery.evaluateAlerts()).toEqual([]);
    await ingestVisits('jeddah', 6, '2024-02-06', 'd');
    await settled();
    await waitUntil(() => receiver.hooks.length === 2, 'the second webhook');
    expect(JSON.parse(receiver.hooks[1]!.body)).toMatchObject({ value: 6, id: `${rule.id}#2` });

    const firings = await delivery.firings(analyst, rule.id);
    expect(firings.map((f) => [f.id, f.value, f.threshold])).toEqual([[`${rule.id}#2`, 6, 5], [`${rule.id}#1`, 7, 5]]);
    const sent = await delivery.deliveries(analyst, { ruleId: rule.id });
    expect(sent.map((d) => d.status)).toEqual(['SENT', 'SENT', 'SENT', 'SENT']);
    // …and /metrics counts them (this file's process: the first test, so the counts are this rule's).
    const metrics = await registry.metrics();
    expect(metrics).toContain('amanah_alert_firings_total{condition="ABOVE"} 2');
    expect(metrics).toContain('amanah_deliveries_total{kind="WEBHOOK",outcome="sent"} 2');
    expect(metrics).toContain('amanah_deliveries_total{kind="ALERT_EMAIL",outcome="sent"} 2');
    await delivery.deleteAlertRule(analyst, rule.id);
  });

  it('a failing webhook is retried with backoff, then marked FAILED; a redirect is a failure, not followed', async () => {
    receiver.status.code = 302;
    receiver.status.location = 'http://169.254.169.254/latest/meta-data';
    const before = receiver.hooks.length;
    const rule = await delivery.createAlertRule(analyst, {
      metric: 'office.visits', amanah: 'riyadh', range: { preset: 'today' }, condition: 'BELOW', threshold: 1, webhookUrl: `${receiver.url}/moved`,
    });
    const [event] = await delivery.evaluateAlerts();
    expect(event).toMatchObject({ ruleId: rule.id, value: 0, threshold: 1 });
    await waitUntil(() => receiver.hooks.length === before + 4, 'four attempts', 10_000);
    await waitUntil(() => delivery.counters.failed >= 1, 'the delivery to fail');
    const [webhook] = await delivery.deliveries(analyst, { ruleId: rule.id });
    expect(webhook).toMatchObject({ kind: 'WEBHOOK', status: 'FAILED', attempts: 4 });
    expect(webhook!.lastError).toContain('302');
    receiver.status.code = 204;
    delete receiver.status.location;
    await delivery.deleteAlertRule(analyst, rule.id);
  });

  it('a webhook to a host off the allow-list is refused', async () => {
    const refused = await delivery
      .createAlertRule(analyst, { metric: 'office.visits', range: { preset: 'today' }, amanah: 'jeddah', condition: 'ABOVE', threshold: 1, webhookUrl: 'http://localhost:9/hook' })
      .then(() => expect.unreachable(), (error: AnalyticsError) => error);
    expect(refused).toMatchObject({ code: 'FORBIDDEN', argument: 'input.webhookUrl' });
    expect(refused.message).toContain('KPI_WEBHOOK_ALLOWED_HOSTS');

    // Checked again at send: a host taken off the list after the rule was made gets no request.
    const before = receiver.hooks.length;
    const rule = await delivery.createAlertRule(analyst, {
      metric: 'office.visits', amanah: 'makkah', range: { preset: 'today' }, condition: 'BELOW', threshold: 1, webhookUrl: `${receiver.url}/hook`,
    });
    settings.webhookAllowedHosts = [];
    expect(await delivery.evaluateAlerts()).toHaveLength(1);
    await delivery.idle();
    const [webhook] = await delivery.deliveries(analyst, { ruleId: rule.id });
    expect(webhook).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(webhook!.lastError).toContain('not allowed');
    expect(receiver.hooks.length).toBe(before);
  });
});
