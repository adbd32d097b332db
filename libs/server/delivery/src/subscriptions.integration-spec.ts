import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import readXlsxFile from 'read-excel-file/node';
import { ADMIN_KEY_ID, createApiKey, revokeApiKey, type Caller } from '@amanah/access';
import { createAnalytics, DashboardRegistry, AnalyticsError } from '@amanah/analytics';
import { todayInRiyadh } from '@amanah/calendar';
import { PdfRenderer } from '@amanah/reports';
import { pdfLines } from '@amanah/reports/testing';
import { openTestStore } from '@amanah/store/testing';
import { DeliveryService, type DeliveryOptions } from './delivery.service.js';
import { SmtpMailer } from './mailer.js';
import { reportFiles } from './report-files.js';
import { startMailCatcher, testDashboardsDir, TestClock, waitUntil } from './testing/loopback.js';

// Real parts: a chDB store, the analytics and press services, nodemailer to a real SMTP server on loopback.
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let catcher: Awaited<ReturnType<typeof startMailCatcher>>;
let renderer: PdfRenderer;
const clock = new TestClock(new Date('2024-02-01T07:00:00Z'));
const services: DeliveryService[] = [];

// Real keys in the store: a delivery checks its creator's key again when it sends.
let analyst: Caller;
let jeddahAnalyst: Caller;
const keyOf = async (label: string, amanahs: 'all' | string[]): Promise<Caller> => {
  const { record } = await createApiKey(store, { label, role: 'analyst', amanahs });
  return { keyId: record.id, label, role: 'analyst', amanahs };
};
const JANUARY = { from: '2024-01-01', to: '2024-01-31' };

const visits = (amanah: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({ ts: `2024-01-${String(10 + i).padStart(2, '0')} 10:00:00`, amanah, office: 'main', with_appointment: false, service: 'other' }));

function deliveryService(overrides: Partial<DeliveryOptions> = {}): DeliveryService {
  const dashboardsDir = testDashboardsDir();
  const { analytics, press } = createAnalytics({ store, dashboardsDir, today: () => todayInRiyadh(clock.now()) });
  const service = new DeliveryService({
    store,
    analytics,
    press,
    dashboards: new DashboardRegistry(dashboardsDir),
    settings: { smtpUrl: catcher.url, mailFrom: 'KPI <kpi@example.sa>', webhookAllowedHosts: [] },
    mailer: new SmtpMailer(catcher.url, 'KPI <kpi@example.sa>'),
    attachments: reportFiles({ analytics, press, renderer }),
    clock,
    ...overrides,
  });
  services.push(service);
  return service;
}

beforeAll(async () => {
  store = await openTestStore();
  await store.insert('office_visits', [...visits('riyadh', 9), ...visits('jeddah', 4)]);
  analyst = await keyOf('analyst', 'all');
  jeddahAnalyst = await keyOf('jeddah analyst', ['jeddah']);
  catcher = await startMailCatcher();
  renderer = new PdfRenderer();
});

afterAll(async () => {
  for (const service of services) await service.close();
  await catcher?.close();
  await renderer?.close();
  await store?.dispose();
});

describe('scheduled reports by e-mail', () => {
  it('a weekly report goes out at the Riyadh time on its weekday, once; a missed week is sent once', async () => {
    clock.set('2024-02-01T07:00:00Z'); // Thursday 10:00 in Riyadh
    const delivery = deliveryService();
    const subscription = await delivery.createSubscription(analyst, {
      dashboard: 'offices', amanah: 'riyadh', range: JANUARY, recipients: ['Minister.Office@example.sa'],
      schedule: { every: 'WEEK', at: '07:30', weekday: 1 }, lang: 'EN',
    });
    expect(subscription.nextRunAt.toISOString()).toBe('2024-02-04T04:30:00.000Z'); // Sunday 07:30 Riyadh

    clock.set('2024-02-04T04:29:00Z');
    expect((await delivery.tick()).recorded).toEqual([]);
    clock.set('2024-02-04T04:30:00Z');
    const { leader, recorded } = await delivery.tick();
    expect(leader).toBe(true);
    expect(recorded.map((d) => d.slot?.toISOString())).toEqual(['2024-02-04T04:30:00.000Z']);
    await delivery.idle();
    await catcher.waitFor(1);
    clock.set('2024-02-04T05:30:00Z');
    expect((await delivery.tick()).recorded).toEqual([]);

    const mail = catcher.mails[0]!;
    expect(mail.to && 'value' in mail.to ? mail.to.value.map((a) => a.address) : []).toEqual(['minister.office@example.sa']);
    expect(mail.subject).toBe('Office visits — Riyadh Region Municipality — 2024-01-01 – 2024-01-31');
    // The body's sentence is the press figure the API answers for the same question.
    const { press } = createAnalytics({ store, dashboardsDir: testDashboardsDir(), today: () => '2024-02-04' });
    const [figure] = await press.figures({ amanah: 'riyadh', range: JANUARY, figures: [{ metric: 'office.visits' }], compare: 'PREVIOUS_PERIOD', lang: 'EN', precision: 'AUTO', digits: 'LATN' }, analyst);
    expect(figure!.value).toBe(9);
    expect(mail.text).toContain(figure!.sentence);

    // The attachments: the dashboard view as PDF (its extracted text names the amanah and has the KPI's value) and
    // as XLSX (read back, the same number).
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['offices_riyadh_2024-01-01_2024-01-31.pdf', 'application/pdf'],
      ['offices_riyadh_2024-01-01_2024-01-31.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ]);
    const pdfText = (await pdfLines(new Uint8Array(mail.attachments[0]!.content))).map((line) => line.text).join('\n');
    expect(pdfText).toContain('Riyadh Region Municipality');
    expect(pdfText).toMatch(new RegExp(`\\b${figure!.value}\\b`));
    const cells = (await readXlsxFile(mail.attachments[1]!.content)).flatMap((sheet) => sheet.data.flat());
    expect(cells).toContain(figure!.value);
    expect(cells.some((cell) => typeof cell === 'string' && cell.includes('Riyadh Region Municipality'))).toBe(true);

    // Down for three weeks (slots on the 11th, 18th and 25th missed): the latest is sent, once.
    clock.set('2024-02-26T09:00:00Z');
    const missed = await delivery.tick();
    expect(missed.recorded.map((d) => d.slot?.toISOString())).toEqual(['2024-02-25T04:30:00.000Z']);
    await delivery.idle();
    await catcher.waitFor(2);
    expect((await delivery.tick()).recorded).toEqual([]);
    await delivery.idle();
    expect(catcher.mails).toHaveLength(2);
    const history = await delivery.deliveries(analyst, { subscriptionId: subscription.id });
    expect(history.map((d) => [d.slot?.toISOString(), d.status, d.attempts])).toEqual([
      ['2024-02-25T04:30:00.000Z', 'SENT', 1],
      ['2024-02-04T04:30:00.000Z', 'SENT', 1],
    ]);
    await delivery.deleteSubscription(analyst, subscription.id);
  });

  it('a Hijri-month report goes out on the first day of the Umm al-Qura month at the Riyadh time, once', async () => {
    clock.set('2024-03-01T09:00:00Z');
    const delivery = deliveryService();
    const subscription = await delivery.createSubscription(jeddahAnalyst, {
      dashboard: 'offices', range: JANUARY, recipients: ['pr@example.sa'], schedule: { every: 'HIJRI_MONTH', at: '08:00' },
    });
    expect(subscription.amanah).toBe('jeddah'); // a key of one amanah subscribes to it without naming it
    clock.set('2024-03-11T04:59:00Z');
    expect((await delivery.tick()).recorded).toEqual([]);
    clock.set('2024-03-11T05:00:00Z'); // 1 Ramaḍān 1445, 08:00 in Riyadh
    expect((await delivery.tick()).recorded.map((d) => d.slot?.toISOString())).toEqual(['2024-03-11T05:00:00.000Z']);
    await delivery.idle();
    await catcher.waitFor(3);
    clock.set('2024-03-20T05:00:00Z');
    expect((await delivery.tick()).recorded).toEqual([]);

    // A scoped subscription's mail holds its amanah only (Arabic, the default), never another's figures.
    const mail = catcher.mails.at(-1)!;
    expect(mail.subject).toContain('أمانة محافظة جدة');
    const { press } = createAnalytics({ store, dashboardsDir: testDashboardsDir(), today: () => '2024-03-11' });
    const [figure] = await press.figures({ amanah: 'jeddah', range: JANUARY, figures: [{ metric: 'office.visits' }], compare: 'PREVIOUS_PERIOD', lang: 'AR', precision: 'AUTO', digits: 'LATN' }, jeddahAnalyst);
    expect(figure!.value).toBe(4);
    expect(mail.text).toContain(figure!.sentence);
    expect(mail.text).not.toMatch(/الرياض|Riyadh/);
    // Its files too: the ranking widget, which compares amanahs, ranks only the key's amanah.
    const pdfText = (await pdfLines(new Uint8Array(mail.attachments[0]!.content))).map((line) => line.text).join('\n');
    expect(pdfText).toContain('جدة');
    expect(pdfText).not.toMatch(/الرياض|Riyadh/);
    const cells = (await readXlsxFile(mail.attachments[1]!.content)).flatMap((sheet) => sheet.data.flat());
    expect(cells).toContain(4);
    expect(cells).not.toContain(9);
    expect(cells.some((cell) => typeof cell === 'string' && /الرياض|riyadh/i.test(cell))).toBe(false);
    await delivery.deleteSubscription(jeddahAnalyst, subscription.id);
  });

  it("a season preset keeps its Hijri year: Eid al-Fitr 1444 is reported at every send, not the latest Eid", async () => {
    // Three Riyadh visits during the holiday of 1444 (21–24 April 2023, Intl's Umm al-Qura days), none in 1445's.
    await store.insert('office_visits', [1, 2, 3].map((i) => ({ ts: `2023-04-22 0${i}:00:00`, amanah: 'riyadh', office: 'main', with_appointment: false, service: 'other' })));
    clock.set('2024-05-01T09:00:00Z');
    const delivery = deliveryService();
    const eid1444 = { preset: 'eid_al_fitr', hijriYear: 1444 };
    const subscription = await delivery.createSubscription(analyst, {
      dashboard: 'offices', amanah: 'riyadh', range: eid1444, recipients: ['eid@example.sa'], schedule: { every: 'DAY', at: '13:00' }, lang: 'EN',
    });
    expect(subscription.range).toEqual(eid1444);
    const before = catcher.mails.length;
    clock.set('2024-05-01T10:00:00Z');
    expect((await delivery.tick()).recorded).toHaveLength(1);
    await delivery.idle();
    await catcher.waitFor(before + 1);
    const mail = catcher.mails.at(-1)!;
    expect(mail.subject).toBe('Office visits — Riyadh Region Municipality — 2023-04-21 – 2023-04-24');
    const { press } = createAnalytics({ store, dashboardsDir: testDashboardsDir(), today: () => '2024-05-01' });
    const [figure] = await press.figures({ amanah: 'riyadh', range: eid1444, figures: [{ metric: 'office.visits' }], compare: 'PREVIOUS_PERIOD', lang: 'EN', precision: 'AUTO', digits: 'LATN' }, analyst);
    expect(figure!.value).toBe(3);
    expect(mail.text).toContain(figure!.sentence);
    expect(mail.attachments[0]!.filename).toBe('offices_riyadh_2023-04-21_2023-04-24.pdf');
    const cells = (await readXlsxFile(mail.attachments[1]!.content)).flatMap((sheet) => sheet.data.flat());
    expect(cells).toContain(3);
    await delivery.deleteSubscription(analyst, subscription.id);

    // A year goes with a season only.
    const refused = await delivery.createSubscription(analyst, { dashboard: 'offices', amanah: 'riyadh', range: { preset: 'last_month', hijriYear: 1444 }, recipients: ['eid@example.sa'], schedule: { every: 'DAY', at: '13:00' } })
      .then(() => expect.unreachable(), (error: AnalyticsError) => error);
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.range.hijriYear' });
  });

  it('two processes sharing the store: one runs the schedule; a restart after recording sends the delivery once', async () => {
    clock.set('2024-04-01T09:00:00Z');
    const first = deliveryService({
      instanceId: 'first',
      recorded: () => {
        throw new Error('killed after recording, before sending');
      },
    });
    const second = deliveryService({ instanceId: 'second' });
    const daily = await first.createSubscription(analyst, { dashboard: 'offices', amanah: 'riyadh', range: JANUARY, recipients: ['ops@example.sa'], schedule: { every: 'DAY', at: '06:00' } });
    const before = catcher.mails.length;
    clock.set('2024-04-02T03:00:00Z');
    // The earlier tests' services stop; each service here stands for one API process.
    await Promise.all(services.slice(0, -2).map((s) => s.close()));
    await expect(first.tick()).rejects.toThrow('killed after recording');
    expect((await second.tick()).leader).toBe(false); // the first still holds the lease
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(catcher.mails.length).toBe(before); // recorded, never sent

    clock.set('2024-04-02T03:02:00Z'); // the first's lease has expired
    const resumed = await second.tick();
    expect(resumed).toMatchObject({ leader: true, recorded: [] }); // the slot is not recorded again…
    await second.idle();
    await catcher.waitFor(before + 1); // …and its PENDING delivery is sent, once
    expect((await second.tick()).recorded).toEqual([]);
    expect((await first.tick()).leader).toBe(false);
    await second.idle();
    expect(catcher.mails.length).toBe(before + 1);
    await second.deleteSubscription(analyst, daily.id);
  });

  it('a process that dies while sending: its delivery is marked FAILED by the next holder, never sent twice', async () => {
    clock.set('2024-05-01T09:00:00Z');
    let die: ((error: Error) => void) | undefined;
    const stuck = deliveryService({ instanceId: 'stuck', mailer: { send: () => new Promise((_, reject) => (die = reject)), close: () => undefined } });
    const next = deliveryService({ instanceId: 'next' });
    await Promise.all(services.slice(0, -2).map((s) => s.close()));
    const subscription = await stuck.createSubscription(analyst, { dashboard: 'offices', amanah: 'riyadh', range: JANUARY, recipients: ['ops@example.sa'], schedule: { every: 'DAY', at: '06:00' } });
    const before = catcher.mails.length;
    clock.set('2024-05-02T03:00:00Z');
    const recorded = (await stuck.tick()).recorded.find((d) => d.subscriptionId === subscription.id);
    const status = async () => (await next.deliveries(analyst, { subscriptionId: subscription.id }))[0]!;
    await waitUntil(async () => (await status()).status === 'SENDING', 'the attempt to start');
    expect(await status()).toMatchObject({ id: recorded!.id, status: 'SENDING', attempts: 1 });

    clock.set('2024-05-02T03:11:00Z'); // the stuck process's lease and its attempt are long past
    expect((await next.tick()).leader).toBe(true);
    expect(await status()).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect((await status()).lastError).toContain('interrupted while sending');
    await waitUntil(() => die !== undefined, 'the stuck process to reach its SMTP server');
    die!(new Error('the stuck process finally fails'));
    await stuck.idle();
    await next.tick();
    await next.idle();
    expect(await status()).toMatchObject({ status: 'FAILED', attempts: 1 }); // not retried
    expect(catcher.mails.length).toBe(before);
    await next.deleteSubscription(analyst, subscription.id);
  });

  it('an SMTP server that accepts and never answers holds no request: the attempt times out, is retried, then FAILED', async () => {
    const silent = net.createServer(() => undefined); // accepts connections, never greets
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `smtp://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    try {
      clock.set('2024-06-01T09:00:00Z');
      const delivery = deliveryService({ mailer: new SmtpMailer(url, 'kpi@example.sa', 300), maxAttempts: 2, retryBaseMs: 50 });
      const subscription = await delivery.createSubscription(analyst, { dashboard: 'offices', amanah: 'riyadh', range: JANUARY, recipients: ['ops@example.sa'], schedule: { every: 'DAY', at: '06:00' } });
      const started = performance.now();
      const recorded = await delivery.deliverSubscription(analyst, subscription.id);
      const answeredMs = performance.now() - started;
      expect(recorded).toMatchObject({ status: 'PENDING', attempts: 0 });
      expect(answeredMs).toBeLessThan(2_000); // recorded and answered; the send runs behind it
      const status = async () => (await delivery.deliveries(analyst, { subscriptionId: subscription.id }))[0]!;
      await waitUntil(async () => (await status()).status === 'FAILED', 'two timed-out attempts');
      expect(await status()).toMatchObject({ attempts: 2 });
      expect((await status()).lastError).toMatch(/timeout|greeting never received/i); // nodemailer's greeting or socket timeout
      expect(delivery.counters).toMatchObject({ retried: 1, failed: 1, sent: 0 });
      await delivery.deleteSubscription(analyst, subscription.id);
    } finally {
      silent.close();
    }
  });

  it('a certified fact sheet subscription mails the sheet: its sentences, its amanah, its PDF and XLSX', async () => {
    clock.set('2024-07-01T09:00:00Z');
    const delivery = deliveryService();
    const { press } = createAnalytics({ store, dashboardsDir: testDashboardsDir(), today: () => '2024-07-01' });
    const sheet = await press.lock('Jeddah, January', {
      amanah: 'jeddah', range: JANUARY, metrics: ['office.visits'], compare: 'NONE', lang: 'AR', precision: 'AUTO', digits: 'LATN',
    }, analyst);
    const subscription = await delivery.createSubscription(analyst, { factSheet: sheet.id, recipients: ['press@example.sa'], schedule: { every: 'MONTH', at: '09:00', dayOfMonth: 1 }, lang: 'EN' });
    expect(subscription.amanah).toBe('jeddah'); // the sheet's
    const before = catcher.mails.length;
    await delivery.deliverSubscription(analyst, subscription.id);
    await delivery.idle();
    await catcher.waitFor(before + 1);
    const mail = catcher.mails.at(-1)!;
    expect(mail.subject).toBe('Jeddah, January — Jeddah Municipality — 2024-01-01 – 2024-01-31');
    expect(mail.text).toContain(sheet.figures[0]!.sentences.en);
    expect(mail.attachments.map((a) => a.filename)).toEqual([`fact-sheet_${sheet.id}_jeddah_2024-01-01_2024-01-31.pdf`, `fact-sheet_${sheet.id}_jeddah_2024-01-01_2024-01-31.xlsx`]);
    const cells = (await readXlsxFile(mail.attachments[1]!.content)).flatMap((s) => s.data.flat());
    expect(cells).toContain(4);
    await delivery.deleteSubscription(analyst, subscription.id);
  });

  it('refuses bad input with the argument named, and another amanah for a scoped key', async () => {
    const delivery = deliveryService();
    const failure = async (run: () => Promise<unknown>) => run().then(() => expect.unreachable(), (error: AnalyticsError) => error);
    const base = { dashboard: 'offices', amanah: 'riyadh', recipients: ['a@example.sa'], schedule: { every: 'DAY' as const, at: '07:00' } };
    expect(await failure(() => delivery.createSubscription(analyst, { ...base, recipients: ['not-an-address'] }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.recipients.0' });
    expect(await failure(() => delivery.createSubscription(analyst, { ...base, schedule: { every: 'WEEK', at: '07:00' } }))).toMatchObject({ argument: 'input.schedule.weekday' });
    expect(await failure(() => delivery.createSubscription(analyst, { ...base, schedule: { every: 'DAY', at: '25:00' } }))).toMatchObject({ argument: 'input.schedule.at' });
    expect(await failure(() => delivery.createSubscription(analyst, { ...base, dashboard: 'nope' }))).toMatchObject({ argument: 'input.dashboard' });
    expect(await failure(() => delivery.createSubscription(jeddahAnalyst, base))).toMatchObject({ code: 'FORBIDDEN', argument: 'input.amanah' });
  });

  it('stops when the key that created it is revoked: the delivery fails, naming why, and nothing is mailed', async () => {
    const delivery = deliveryService();
    const creator = await keyOf('soon revoked', 'all');
    const subscription = await delivery.createSubscription(creator, {
      dashboard: 'offices', amanah: 'riyadh', range: JANUARY, recipients: ['revoked@example.sa'], schedule: { every: 'DAY', at: '07:00' },
    });
    await revokeApiKey(store, creator.keyId);
    const mailsBefore = catcher.mails.length;
    const admin: Caller = { keyId: ADMIN_KEY_ID, label: 'admin', role: 'admin', amanahs: 'all' };
    const sent = await delivery.deliverSubscription(admin, subscription.id);
    await delivery.idle();
    const [record] = await delivery.deliveries(admin, { subscriptionId: subscription.id });
    expect(record?.id).toBe(sent.id);
    expect(record).toMatchObject({ status: 'FAILED' });
    expect(record!.lastError).toMatch(/revoked/);
    expect(catcher.mails.slice(mailsBefore).some((mail) => mail.to?.toString().includes('revoked@example.sa'))).toBe(false);
  });
});
