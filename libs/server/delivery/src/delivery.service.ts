import { randomUUID } from 'node:crypto';
import { ADMIN_KEY_ID, findApiKey, scopeOf, type Caller } from '@amanah/access';
import { AnalyticsError, type AnalyticsService, type DashboardRegistry, type PressService } from '@amanah/analytics';
import { todayInRiyadh } from '@amanah/calendar';
import { AMANAH_IDS, AMANAHS, isAmanahId, type Comparison } from '@amanah/domain';
import { evaluateRule, type AlertCondition } from './alert-conditions.js';
import { SYSTEM_CLOCK, type Clock } from './clock.js';
import {
  DeliveryStore, type AlertRuleRecord, type DeliveryKind, type DeliveryRecord, type DeliveryStatus, type FiringRecord, type SubscriptionRecord,
} from './delivery-store.js';
import type { DeliverySettings } from './delivery.settings.js';
import { alertRuleInputSchema, parseInput, subscriptionInputSchema, type AlertRuleInput, type SubscriptionInput } from './inputs.js';
import { Lease } from './lease.js';
import type { MailSender } from './mailer.js';
import { NO_ATTACHMENTS, reportMail, type ReportAttachments, type ReportRequest } from './report-mail.js';
import { defaultPeriod, latestSlot, nextSlot } from './schedule.js';
import { checkWebhookUrl, newWebhookSecret, postWebhook, WebhookRefused } from './webhooks.js';
import { outsideRequests, runWithWork, type Store } from '@amanah/store';
import { alertFirings, deliveryOutcomes } from '@amanah/telemetry';

export interface DeliveryLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface DeliveryOptions {
  store: Store;
  analytics: AnalyticsService;
  press: PressService;
  dashboards: DashboardRegistry;
  settings: DeliverySettings;
  mailer: MailSender;
  attachments?: ReportAttachments;
  clock?: Clock;
  logger?: DeliveryLogger;
  /** This process in lease and claims; default a random id. */
  instanceId?: string;
  /** How long a lease term lasts unless renewed. */
  leaseMs?: number;
  /** Attempts of one delivery before it is FAILED, and the wait before attempt n+1 (base × 4^(n-1)). */
  maxAttempts?: number;
  retryBaseMs?: number;
  /** Deliveries sent at once by this process, and waiting in it; more stay PENDING in the store for a later tick. */
  concurrency?: number;
  maxQueued?: number;
  webhookTimeoutMs?: number;
  /** Subscriptions and alert rules one key may have. */
  maxPerKey?: number;
  /** Test seam: after a delivery is recorded and before it is queued (a crash test throws here). */
  recorded?(delivery: DeliveryRecord): void | Promise<void>;
}

/** What `evaluateAlerts` answers for each rule that fired: the firing as recorded. */
export type AlertEvent = FiringRecord;

export interface SubscriptionView extends Omit<SubscriptionRecord, 'creator' | 'deleted' | 'version'> {
  createdBy: string;
  nextRunAt: Date;
}

export interface AlertRuleView extends Omit<AlertRuleRecord, 'creator' | 'deleted' | 'version' | 'webhookSecret'> {
  createdBy: string;
  /** Only in the answer of createAlertRule; null afterwards. */
  webhookSecret: string | null;
  breached: boolean;
}

/** Counters since start, for logs and the UI. */
export interface DeliveryCounters {
  sent: number;
  failed: number;
  retried: number;
  queued: number;
}

const DEFAULTS = { leaseMs: 60_000, maxAttempts: 4, retryBaseMs: 5_000, concurrency: 2, maxQueued: 500, webhookTimeoutMs: 10_000, maxPerKey: 50 };
/** A SENDING row older than this belongs to a process that died mid-send: marked FAILED, never resent. */
const SENDING_ABANDONED_MS = 10 * 60_000;
const CLOSE_WAIT_MS = 20_000;
/** The longest one report's or one rule's queries may take (a request's is KPI_QUERY_TIMEOUT_SECONDS). */
const BACKGROUND_DEADLINE_MS = 60_000;

/**
 * Scheduled reports, alert rules and their deliveries. No transport: a GraphQL adapter and the API's timer call it;
 * a bad argument is an AnalyticsError with a code. Deliveries are recorded in the store before they are sent and
 * sent from a bounded in-process queue, so neither a slow SMTP server nor a webhook ever holds a request.
 */
export class DeliveryService {
  readonly store: DeliveryStore;
  readonly counters: DeliveryCounters = { sent: 0, failed: 0, retried: 0, queued: 0 };
  /** Whether e-mail can be sent at all (KPI_SMTP_URL is set). */
  readonly smtpConfigured: boolean;
  private readonly clock: Clock;
  private readonly options: DeliveryOptions & typeof DEFAULTS;
  private readonly lease: Lease;
  private readonly instanceId: string;
  private readonly queue: string[] = [];
  private readonly inFlight = new Set<string>();
  private running = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private alertChain: Promise<unknown> = Promise.resolve();
  private evaluationWaiting = false;
  private closed = false;

  constructor(options: DeliveryOptions) {
    this.options = { ...DEFAULTS, ...stripUndefined(options) } as DeliveryOptions & typeof DEFAULTS;
    this.store = new DeliveryStore(options.store);
    this.clock = options.clock ?? SYSTEM_CLOCK;
    this.smtpConfigured = Boolean(options.settings.smtpUrl);
    this.instanceId = options.instanceId ?? `process-${randomUUID()}`;
    this.lease = new Lease(this.store, 'schedule', this.instanceId, this.clock, this.options.leaseMs);
  }

  // --- subscriptions ---

  async createSubscription(caller: Caller, input: SubscriptionInput): Promise<SubscriptionView> {
    const parsed = parseInput(subscriptionInputSchema, input);
    if (parsed.dashboard && !this.options.dashboards.find(parsed.dashboard)) {
      const ids = this.options.dashboards.dashboards.map((d) => d.id);
      throw new AnalyticsError('BAD_USER_INPUT', `Unknown dashboard "${parsed.dashboard}". Allowed: ${ids.join(', ')}`, 'input.dashboard', ids);
    }
    // A fact sheet is of one amanah: the subscription's.
    const sheet = parsed.factSheet ? await this.options.press.find(parsed.factSheet, caller) : null;
    if (parsed.factSheet && !sheet) throw new AnalyticsError('NOT_FOUND', `No fact sheet ${parsed.factSheet} in this key's amanahs`, 'input.factSheet');
    if (sheet && parsed.amanah && parsed.amanah !== sheet.amanah) {
      throw new AnalyticsError('BAD_USER_INPUT', `Fact sheet ${sheet.id} is of ${sheet.amanah}, not ${parsed.amanah}`, 'input.amanah');
    }
    const amanah = this.amanahFor(sheet?.amanah ?? parsed.amanah ?? null, caller);
    const own = await this.store.subscriptions({ createdBy: caller.keyId });
    if (own.length >= this.options.maxPerKey) {
      throw new AnalyticsError('BAD_USER_INPUT', `A key may have at most ${this.options.maxPerKey} subscriptions; delete one first`, 'input');
    }
    const record: SubscriptionRecord = {
      id: randomUUID(),
      creator: { keyId: caller.keyId, label: caller.label, role: caller.role, amanahs: caller.amanahs },
      dashboard: parsed.dashboard ?? null,
      factSheet: parsed.factSheet ?? null,
      amanah,
      range: parsed.range ?? null,
      compare: parsed.compare ?? 'PREVIOUS_PERIOD',
      recipients: [...new Set(parsed.recipients.map((r) => r.toLowerCase()))],
      schedule: { every: parsed.schedule.every, at: parsed.schedule.at, weekday: parsed.schedule.weekday ?? null, dayOfMonth: parsed.schedule.dayOfMonth ?? null },
      lang: parsed.lang ?? 'AR',
      digits: parsed.digits ?? 'LATN',
      createdAt: this.clock.now(),
      deleted: false,
      version: 1,
    };
    await this.store.saveSubscription(record);
    return this.subscriptionView(record);
  }

  /** The subscriptions a caller may see: an admin every one, anyone else those of its own key. */
  async subscriptions(caller: Caller): Promise<SubscriptionView[]> {
    const records = await this.store.subscriptions(caller.role === 'admin' ? {} : { createdBy: caller.keyId });
    return records.map((r) => this.subscriptionView(r));
  }

  async deleteSubscription(caller: Caller, id: string): Promise<boolean> {
    const record = await this.ownSubscription(caller, id);
    await this.store.saveSubscription({ ...record, deleted: true, version: record.version + 1 });
    return true;
  }

  /** Sends a subscription now, outside its schedule: recorded PENDING and queued; the answer is that delivery. */
  async deliverSubscription(caller: Caller, id: string): Promise<DeliveryRecord> {
    const record = await this.ownSubscription(caller, id);
    return this.record({ id: randomUUID(), kind: 'REPORT', subscriptionId: record.id, target: record.recipients.join(', ') });
  }

  async deliveries(caller: Caller, filter: { subscriptionId?: string | null; ruleId?: string | null; limit?: number }): Promise<DeliveryRecord[]> {
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
    if (filter.subscriptionId) return this.store.deliveries({ subscriptionIds: [(await this.ownSubscription(caller, filter.subscriptionId)).id], limit });
    if (filter.ruleId) return this.store.deliveries({ ruleIds: [(await this.ownRule(caller, filter.ruleId)).id], limit });
    if (caller.role === 'admin') return this.store.deliveries({ limit });
    const [subscriptions, rules] = await Promise.all([this.store.subscriptions({ createdBy: caller.keyId }), this.store.rules({ createdBy: caller.keyId })]);
    const [bySubscription, byRule] = await Promise.all([
      this.store.deliveries({ subscriptionIds: subscriptions.map((s) => s.id), limit }),
      this.store.deliveries({ ruleIds: rules.map((r) => r.id), limit }),
    ]);
    return [...bySubscription, ...byRule].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, limit);
  }

  // --- alert rules ---

  async createAlertRule(caller: Caller, input: AlertRuleInput): Promise<AlertRuleView> {
    const parsed = parseInput(alertRuleInputSchema, input);
    const amanah = parsed.amanah ? this.amanahFor(parsed.amanah, caller) : scopeOf(caller)?.length === 1 ? scopeOf(caller)![0]! : null;
    if (parsed.filters?.some((f) => f.dimension === 'amanah')) {
      throw new AnalyticsError('BAD_USER_INPUT', 'input.filters may not filter by amanah: the amanah is input.amanah', 'input.filters');
    }
    if (parsed.webhookUrl) {
      try {
        checkWebhookUrl(parsed.webhookUrl, this.options.settings.webhookAllowedHosts);
      } catch (error) {
        if (error instanceof WebhookRefused) throw new AnalyticsError('FORBIDDEN', error.message, 'input.webhookUrl');
        throw error;
      }
    }
    const own = await this.store.rules({ createdBy: caller.keyId });
    if (own.length >= this.options.maxPerKey) {
      throw new AnalyticsError('BAD_USER_INPUT', `A key may have at most ${this.options.maxPerKey} alert rules; delete one first`, 'input');
    }
    const record: AlertRuleRecord = {
      id: randomUUID(),
      creator: { keyId: caller.keyId, label: caller.label, role: caller.role, amanahs: caller.amanahs },
      metric: parsed.metric,
      amanah,
      filters: (parsed.filters ?? []).map((f) => ({ dimension: f.dimension, values: [...f.values] })),
      range: parsed.range,
      condition: parsed.condition,
      threshold: parsed.threshold,
      recipients: [...new Set((parsed.recipients ?? []).map((r) => r.toLowerCase()))],
      webhookUrl: parsed.webhookUrl ?? null,
      webhookSecret: newWebhookSecret(),
      createdAt: this.clock.now(),
      deleted: false,
      version: 1,
    };
    // The metric, filters and range are checked by the question itself: a rule that cannot be asked is refused now.
    await evaluateRule(this.options.analytics, record, caller, todayInRiyadh(this.clock.now()));
    await this.store.saveRule(record);
    return { ...this.ruleView(record, false), webhookSecret: record.webhookSecret };
  }

  async alertRules(caller: Caller): Promise<AlertRuleView[]> {
    const records = await this.store.rules(caller.role === 'admin' ? {} : { createdBy: caller.keyId });
    const states = await this.store.alertStates(records.map((r) => r.id));
    return records.map((r) => this.ruleView(r, states.get(r.id)?.breached ?? false));
  }

  async deleteAlertRule(caller: Caller, id: string): Promise<boolean> {
    const record = await this.ownRule(caller, id);
    await this.store.saveRule({ ...record, deleted: true, version: record.version + 1 });
    return true;
  }

  async firings(caller: Caller, ruleId: string | null, limit = 100): Promise<FiringRecord[]> {
    const rules = ruleId ? [await this.ownRule(caller, ruleId)] : await this.store.rules(caller.role === 'admin' ? {} : { createdBy: caller.keyId });
    return this.store.firings(rules.map((r) => r.id), Math.min(Math.max(limit, 1), 1000));
  }

  /**
   * Evaluates every rule now (or those given) and answers the events that fired. A rule fires when it becomes
   * breached and again only after it has recovered; each firing is recorded, then its e-mail and webhook are
   * recorded PENDING and queued. One evaluation at a time in this process; across processes, a firing is claimed
   * (`firing:<rule>#<n>`), so two evaluations of one change fire it once.
   */
  evaluateAlerts(ruleIds?: readonly string[]): Promise<AlertEvent[]> {
    const run = this.alertChain.catch(() => undefined).then(() => this.evaluateNow(ruleIds));
    this.alertChain = run;
    return run;
  }

  /**
   * After an ingest commit (the ingestor's write listener): evaluates the rules in the background. A burst of
   * commits while an evaluation waits adds nothing: the one waiting reads the data as it is when it runs.
   */
  dataChanged(): void {
    if (this.closed || this.evaluationWaiting) return;
    this.evaluationWaiting = true;
    // Not the ingest request's work (its lane, its budget): see asCreator.
    const run = outsideRequests(() =>
      this.alertChain.catch(() => undefined).then(() => {
        this.evaluationWaiting = false;
        return this.evaluateNow();
      }),
    );
    this.alertChain = run;
    run.catch((error: unknown) => this.options.logger?.warn('alert evaluation after ingest failed', { error: (error as Error).message }));
  }

  /** Resolves when the evaluations queued so far have run. */
  async alertsSettled(): Promise<void> {
    await this.alertChain.catch(() => undefined);
  }

  private async evaluateNow(ruleIds?: readonly string[]): Promise<AlertEvent[]> {
    const rules = (await this.store.rules()).filter((r) => !ruleIds || ruleIds.includes(r.id));
    const states = await this.store.alertStates(rules.map((r) => r.id));
    const now = this.clock.now();
    const today = todayInRiyadh(now);
    const events: AlertEvent[] = [];
    for (const rule of rules) {
      let evaluation;
      try {
        const creator = await this.currentCreator(rule.creator);
        if (!creator) {
          this.options.logger?.info('alert rule skipped: the key that created it is revoked', { rule: rule.id });
          continue;
        }
        evaluation = await this.asCreator(creator, () => evaluateRule(this.options.analytics, rule, creator, today));
      } catch (error) {
        this.options.logger?.warn('alert rule could not be evaluated', { rule: rule.id, error: (error as Error).message });
        continue;
      }
      const state = states.get(rule.id) ?? { ruleId: rule.id, breached: false, firings: 0, value: null, evaluatedAt: now };
      if (evaluation.breached && !state.breached) {
        const number = state.firings + 1;
        const firing: FiringRecord = {
          id: `${rule.id}#${number}`,
          ruleId: rule.id,
          metric: rule.metric,
          amanah: rule.amanah,
          condition: rule.condition,
          value: evaluation.value!,
          threshold: rule.threshold,
          firedAt: now,
        };
        if (await this.store.claim(`firing:${firing.id}`, this.instanceId, now)) {
          await this.store.saveFiring(firing);
          alertFirings.inc({ condition: rule.condition });
          events.push({ ...firing });
          this.options.logger?.info('alert fired', { rule: rule.id, metric: rule.metric, amanah: rule.amanah, value: firing.value, threshold: rule.threshold });
          if (rule.recipients.length > 0) {
            await this.record({ id: `${firing.id}:mail`, kind: 'ALERT_EMAIL', ruleId: rule.id, firingId: firing.id, target: rule.recipients.join(', ') });
          }
          if (rule.webhookUrl) await this.record({ id: `${firing.id}:webhook`, kind: 'WEBHOOK', ruleId: rule.id, firingId: firing.id, target: rule.webhookUrl });
        }
        await this.store.saveAlertState({ ruleId: rule.id, breached: true, firings: number, value: evaluation.value, evaluatedAt: now });
      } else if (!evaluation.breached && state.breached) {
        this.options.logger?.info('alert recovered', { rule: rule.id, value: evaluation.value });
        await this.store.saveAlertState({ ruleId: rule.id, breached: false, firings: state.firings, value: evaluation.value, evaluatedAt: now });
      }
    }
    return events;
  }

  // --- the schedule ---

  /**
   * One turn of the schedule, run by whichever process holds the lease: for each subscription whose latest slot
   * (at or before now, after its creation) has no delivery yet, one delivery, claimed and recorded before it is
   * queued — after downtime only the latest missed slot is sent; deliveries left PENDING (by a restart, or a full
   * queue) whose time has come are queued again; SENDING ones abandoned by a dead process are marked FAILED; then
   * the alert rules are evaluated. Answers whether this process held the lease and the deliveries it recorded.
   */
  async tick(): Promise<{ leader: boolean; recorded: DeliveryRecord[] }> {
    if (this.closed || !(await this.lease.acquire())) return { leader: false, recorded: [] };
    const now = this.clock.now();
    const subscriptions = await this.store.subscriptions();
    const lastSlots = await this.store.lastSlots(subscriptions.map((s) => s.id));
    const recorded: DeliveryRecord[] = [];
    for (const subscription of subscriptions) {
      const slot = latestSlot(subscription.schedule, now);
      if (!slot || slot.getTime() < subscription.createdAt.getTime()) continue;
      const last = lastSlots.get(subscription.id);
      if (last && last.getTime() >= slot.getTime()) continue;
      const id = `${subscription.id}@${slot.toISOString()}`;
      if (!(await this.store.claim(`slot:${id}`, this.instanceId, slot))) continue;
      recorded.push(await this.record({ id, kind: 'REPORT', subscriptionId: subscription.id, slot, target: subscription.recipients.join(', ') }));
    }
    for (const delivery of await this.store.deliveries({ statuses: ['PENDING', 'SENDING'] })) {
      if (delivery.status === 'PENDING' && delivery.nextAttemptAt.getTime() <= now.getTime()) this.enqueue(delivery.id);
      if (delivery.status === 'SENDING' && now.getTime() - delivery.updatedAt.getTime() > SENDING_ABANDONED_MS && !this.inFlight.has(delivery.id)) {
        await this.save(delivery, { status: 'FAILED', lastError: 'interrupted while sending (the process stopped); not sent again, as it may have arrived' });
        this.count(delivery.kind, 'failed');
      }
    }
    await this.evaluateAlerts();
    return { leader: true, recorded };
  }

  /** Resolves when nothing is queued or being sent in this process (retries waiting on a timer excepted). */
  idle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops sending (what is being sent finishes), cancels retry timers, lets another process take the schedule. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.queue.length = 0;
    // Sends have their own timeouts; this bound only keeps a shutdown from waiting on one that never ends.
    await Promise.race([this.idle(), new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]);
    await this.lease.release().catch(() => undefined);
  }

  // --- deliveries ---

  private async record(fields: { id: string; kind: DeliveryKind; subscriptionId?: string; ruleId?: string; firingId?: string; slot?: Date; target: string }): Promise<DeliveryRecord> {
    const now = this.clock.now();
    const delivery: DeliveryRecord = {
      id: fields.id,
      kind: fields.kind,
      subscriptionId: fields.subscriptionId ?? null,
      ruleId: fields.ruleId ?? null,
      firingId: fields.firingId ?? null,
      slot: fields.slot ?? null,
      target: fields.target,
      status: 'PENDING',
      attempts: 0,
      lastError: '',
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await this.store.saveDelivery(delivery);
    await this.options.recorded?.(delivery);
    this.enqueue(delivery.id);
    return delivery;
  }

  private enqueue(id: string): void {
    if (this.closed || this.inFlight.has(id) || this.queue.includes(id)) return;
    // Beyond the bound the delivery stays PENDING in the store, and a later tick queues it.
    if (this.queue.length >= this.options.maxQueued) return;
    this.queue.push(id);
    this.counters.queued++;
    this.pump();
  }

  private pump(): void {
    while (this.running < this.options.concurrency && this.queue.length > 0) {
      const id = this.queue.shift()!;
      this.running++;
      this.inFlight.add(id);
      // A delivery is nobody's request, even when a request (send now) queued it: see asCreator.
      void outsideRequests(() => this.attempt(id))
        .catch((error: unknown) => this.options.logger?.warn('delivery attempt failed to run', { delivery: id, error: (error as Error).message }))
        .finally(() => {
          this.running--;
          this.inFlight.delete(id);
          this.pump();
          if (this.running === 0 && this.queue.length === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
        });
    }
  }

  /** One outcome of a delivery attempt: in the counters the UI shows, and in /metrics. */
  private count(kind: string, outcome: 'sent' | 'failed' | 'retried'): void {
    this.counters[outcome]++;
    deliveryOutcomes.inc({ kind, outcome });
  }

  /** One attempt: claimed (`attempt:<id>:<n>`, so two processes never send one attempt), SENDING, then SENT, PENDING again or FAILED. */
  private async attempt(id: string): Promise<void> {
    const [delivery] = await this.store.deliveries({ id });
    if (!delivery || delivery.status !== 'PENDING') return;
    const attempt = delivery.attempts + 1;
    if (!(await this.store.claim(`attempt:${id}:${attempt}`, this.instanceId, this.clock.now()))) return;
    const sending = await this.save(delivery, { status: 'SENDING', attempts: attempt });
    try {
      await this.send(sending);
      // Sent is the truth even if another process meanwhile gave the attempt up as abandoned: written above it.
      const [current] = await this.store.deliveries({ id });
      await this.save({ ...sending, version: Math.max(sending.version, current?.version ?? 0) }, { status: 'SENT', lastError: '' });
      this.count(delivery.kind, 'sent');
      this.options.logger?.info('delivery sent', { delivery: id, kind: delivery.kind, attempt });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const [current] = await this.store.deliveries({ id });
      if (current && current.version !== sending.version) {
        // Another process gave this attempt up (FAILED, not resent): a retry now could send it twice.
        this.options.logger?.warn('delivery attempt failed after it was given up; not retried', { delivery: id, error: message });
        return;
      }
      const final = attempt >= this.options.maxAttempts || error instanceof WebhookRefused || error instanceof AnalyticsError;
      if (final) {
        await this.save(sending, { status: 'FAILED', lastError: message });
        this.count(delivery.kind, 'failed');
        this.options.logger?.warn('delivery failed', { delivery: id, kind: delivery.kind, attempt, error: message });
        return;
      }
      const wait = this.options.retryBaseMs * 4 ** (attempt - 1);
      await this.save(sending, { status: 'PENDING', lastError: message, nextAttemptAt: new Date(this.clock.now().getTime() + wait) });
      this.count(delivery.kind, 'retried');
      this.options.logger?.warn('delivery attempt failed; retrying', { delivery: id, kind: delivery.kind, attempt, retryInMs: wait, error: message });
      const timer = setTimeout(() => {
        this.retryTimers.delete(timer);
        this.enqueue(id);
      }, wait);
      timer.unref();
      this.retryTimers.add(timer);
    }
  }

  private async save(delivery: DeliveryRecord, change: Partial<Pick<DeliveryRecord, 'status' | 'attempts' | 'lastError' | 'nextAttemptAt'>>): Promise<DeliveryRecord> {
    const next: DeliveryRecord = { ...delivery, ...change, updatedAt: this.clock.now(), version: delivery.version + 1 };
    await this.store.saveDelivery(next);
    return next;
  }

  /**
   * The creator of a subscription or rule as the key is now: a revoked key's reports and alerts stop (their delivery
   * FAILED, naming why). The bootstrap admin key (KPI_ADMIN_KEY) is not in the store and stays as recorded.
   */
  private async currentCreator(creator: Caller): Promise<Caller | undefined> {
    if (creator.keyId === ADMIN_KEY_ID) return creator;
    const key = await findApiKey(this.options.store, creator.keyId);
    if (!key || key.revokedAt !== null) return undefined;
    return { ...creator, role: key.role, amanahs: key.amanahs };
  }

  /**
   * Runs a subscription's or rule's queries as work of its own: in its creator's lane (fair turns with that key's
   * other work), priced and stopped like a request, with a deadline of its own. Never in the context of whichever
   * request happened to start it (an ingest, a "send now"): that request's budget, deadline and data version are not
   * this work's.
   */
  private asCreator<T>(creator: Caller, work: () => Promise<T>): Promise<T> {
    return outsideRequests(() =>
      runWithWork({ lane: `delivery:${creator.keyId}`, kind: 'read', deadline: Date.now() + BACKGROUND_DEADLINE_MS }, work),
    );
  }

  private async send(delivery: DeliveryRecord): Promise<void> {
    if (delivery.kind === 'REPORT') {
      const [subscription] = await this.store.subscriptions({ id: delivery.subscriptionId! });
      if (!subscription) throw new AnalyticsError('NOT_FOUND', 'the subscription was deleted');
      const creator = await this.currentCreator(subscription.creator);
      if (!creator) throw new AnalyticsError('FORBIDDEN', 'the API key that created this subscription has been revoked');
      const mail = await this.asCreator(creator, () =>
        reportMail(this.reportRequest(subscription, delivery.slot), creator, {
          press: this.options.press,
          dashboards: this.options.dashboards,
          attachments: this.options.attachments ?? NO_ATTACHMENTS,
        }),
      );
      await this.options.mailer.send(mail);
      return;
    }
    const [rule] = await this.store.rules({ id: delivery.ruleId! });
    if (!rule) throw new AnalyticsError('NOT_FOUND', 'the alert rule was deleted');
    if (!(await this.currentCreator(rule.creator))) throw new AnalyticsError('FORBIDDEN', 'the API key that created this alert rule has been revoked');
    const [firing] = delivery.firingId ? await this.store.firings([rule.id], 1, delivery.firingId) : [];
    if (!firing) throw new AnalyticsError('NOT_FOUND', `firing ${delivery.firingId} is not recorded`);
    if (delivery.kind === 'WEBHOOK') {
      await postWebhook({
        url: delivery.target,
        body: webhookBody(rule, firing),
        secret: rule.webhookSecret,
        allowedHosts: this.options.settings.webhookAllowedHosts,
        timeoutMs: this.options.webhookTimeoutMs,
      });
      return;
    }
    await this.options.mailer.send(alertMail(rule, firing));
  }

  private reportRequest(subscription: SubscriptionRecord, slot: Date | null): ReportRequest {
    return {
      dashboard: subscription.dashboard,
      factSheet: subscription.factSheet,
      amanah: subscription.amanah!,
      range: subscription.range ?? defaultPeriod(subscription.schedule.every, slot ?? this.clock.now()),
      compare: subscription.compare as Comparison,
      lang: subscription.lang,
      digits: subscription.digits,
      recipients: subscription.recipients,
    };
  }

  // --- access ---

  /**
   * The amanah of a subscription or rule: one the caller may see. A key scoped to one amanah may leave it out; a
   * report always names one amanah (its figures are that amanah's press sentences).
   */
  private amanahFor(amanah: string | null, caller: Caller): string {
    const scope = scopeOf(caller);
    const chosen = amanah ?? (scope?.length === 1 ? scope[0]! : null);
    if (!chosen) throw new AnalyticsError('BAD_USER_INPUT', `input.amanah is required. Allowed: ${(scope ?? AMANAH_IDS).join(', ')}`, 'input.amanah', scope ?? AMANAH_IDS);
    if (!isAmanahId(chosen)) throw new AnalyticsError('BAD_USER_INPUT', `Unknown amanah "${chosen}". Allowed: ${AMANAH_IDS.join(', ')}`, 'input.amanah', AMANAH_IDS);
    if (scope && !scope.includes(chosen)) throw new AnalyticsError('FORBIDDEN', `This key is limited to other amanahs and may not see ${chosen}.`, 'input.amanah');
    return chosen;
  }

  /** A subscription the caller may manage (its own; an admin's: any), else NOT_FOUND. */
  private async ownSubscription(caller: Caller, id: string): Promise<SubscriptionRecord> {
    const [record] = await this.store.subscriptions({ id });
    if (!record || (caller.role !== 'admin' && record.creator.keyId !== caller.keyId)) throw new AnalyticsError('NOT_FOUND', `No subscription ${id}`, 'id');
    return record;
  }

  private async ownRule(caller: Caller, id: string): Promise<AlertRuleRecord> {
    const [record] = await this.store.rules({ id });
    if (!record || (caller.role !== 'admin' && record.creator.keyId !== caller.keyId)) throw new AnalyticsError('NOT_FOUND', `No alert rule ${id}`, 'id');
    return record;
  }

  private subscriptionView(record: SubscriptionRecord): SubscriptionView {
    const { id, dashboard, factSheet, amanah, range, compare, recipients, schedule, lang, digits, createdAt, creator } = record;
    const nextRunAt = nextSlot(schedule, this.clock.now());
    return { id, dashboard, factSheet, amanah, range, compare, recipients, schedule, lang, digits, createdAt, createdBy: creator.label || creator.keyId, nextRunAt };
  }

  private ruleView(record: AlertRuleRecord, breached: boolean): AlertRuleView {
    const { id, metric, amanah, filters, range, condition, threshold, recipients, webhookUrl, createdAt, creator } = record;
    return { id, metric, amanah, filters, range, condition, threshold, recipients, webhookUrl, createdAt, createdBy: creator.label || creator.keyId, webhookSecret: null, breached };
  }
}

/** The webhook's JSON: the rule, metric, amanah, value, threshold and time; signed as sent (raw bytes). */
export function webhookBody(rule: AlertRuleRecord, firing: FiringRecord): string {
  return JSON.stringify({
    event: 'alert.fired',
    id: firing.id,
    rule: rule.id,
    metric: rule.metric,
    amanah: rule.amanah,
    condition: rule.condition as AlertCondition,
    value: firing.value,
    threshold: firing.threshold,
    range: rule.range,
    time: firing.firedAt.toISOString(),
  });
}

const CONDITION_WORDS: Record<AlertCondition, { ar: string; en: string }> = {
  ABOVE: { ar: 'أعلى من', en: 'above' },
  BELOW: { ar: 'أقل من', en: 'below' },
  CHANGE_PCT_ABOVE: { ar: 'تغيّر بنسبة أعلى من', en: 'changed by more than (%)' },
  CHANGE_PCT_BELOW: { ar: 'تغيّر بنسبة أقل من', en: 'changed by less than (%)' },
  ATTAINMENT_BELOW: { ar: 'تحقيق المستهدف أقل من (%)', en: 'target attainment below (%)' },
  STALE_DAYS: { ar: 'بلا بيانات جديدة منذ أيام عددها', en: 'no new data for days:' },
};

function alertMail(rule: AlertRuleRecord, firing: FiringRecord) {
  const amanah = AMANAHS.find((a) => a.id === rule.amanah);
  const words = CONDITION_WORDS[rule.condition as AlertCondition];
  const ar = `تنبيه: ${rule.metric}${amanah ? ` — ${amanah.nameAr}` : ''}: القيمة ${firing.value} ${words.ar} ${firing.threshold}`;
  const en = `Alert: ${rule.metric}${amanah ? ` — ${amanah.nameEn}` : ''}: value ${firing.value} ${words.en} ${firing.threshold}`;
  const body = [ar, en, `${rule.range.preset ?? `${rule.range.from} – ${rule.range.to}`} · ${firing.firedAt.toISOString()}`];
  return {
    to: rule.recipients,
    subject: `${ar} | ${en}`.slice(0, 250),
    text: body.join('\n'),
    html: `<div dir="rtl" lang="ar"><p>${escape(ar)}</p></div><div dir="ltr" lang="en"><p>${escape(en)}</p><p><small>${escape(body[2]!)}</small></p></div>`,
    attachments: [],
  };
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export type { DeliveryStatus };
