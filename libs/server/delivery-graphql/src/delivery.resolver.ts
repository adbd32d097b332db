import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AccessOperation, callerOf } from '@amanah/access';
import { DeliveryService, type AlertEvent as AlertEventAnswer, type AlertRuleView, type DeliveryRecord, type FiringRecord, type SubscriptionView } from '@amanah/delivery';
import { AlertEvent, AlertRule, AlertRuleInput, Delivery, DeliveryCounts, RangeSpec, ReportSubscription, SubscriptionInput } from './delivery-types.js';

const iso = (date: Date) => date.toISOString();
const limitArg = { type: () => Int, nullable: true, description: 'At most this many (1–1000, default 100), newest first.' } as const;

/**
 * Report subscriptions, alert rules, their firings and deliveries: the `analysis` operation (analysts and admins).
 * Arguments in, DeliveryService (@amanah/delivery) out; errors mapped to GraphQL codes by the API's one error
 * formatter (errorAnswer in @amanah/analytics). A key sees and manages what it created; an admin key sees everything.
 */
@AccessOperation('analysis')
@Resolver()
export class DeliveryResolver {
  constructor(private readonly delivery: DeliveryService) {}

  @Query(() => [ReportSubscription], { description: 'Report subscriptions (the key’s own; an admin: all).' })
  async subscriptions(@Context('req') req: unknown): Promise<ReportSubscription[]> {
    return (await this.delivery.subscriptions(callerOf(req))).map(subscriptionOf);
  }

  @Query(() => [Delivery], { description: 'Deliveries, newest first: of one subscription, of one rule, or all the key may see.' })
  async deliveries(
    @Args('subscriptionId', { type: () => ID, nullable: true, description: 'Only this subscription’s.' }) subscriptionId: string | null,
    @Args('ruleId', { type: () => ID, nullable: true, description: 'Only this alert rule’s.' }) ruleId: string | null,
    @Args('limit', limitArg) limit: number | null,
    @Context('req') req: unknown,
  ): Promise<Delivery[]> {
    return (await this.delivery.deliveries(callerOf(req), { subscriptionId, ruleId, limit: limit ?? undefined })).map(deliveryOf);
  }

  @Query(() => [AlertRule], { description: 'Alert rules (the key’s own; an admin: all), with whether each is breached.' })
  async alertRules(@Context('req') req: unknown): Promise<AlertRule[]> {
    return (await this.delivery.alertRules(callerOf(req))).map(ruleOf);
  }

  @Query(() => [AlertEvent], { description: 'Alert firings, newest first.' })
  async alertFirings(
    @Args('ruleId', { type: () => ID, nullable: true, description: 'Only this rule’s.' }) ruleId: string | null,
    @Args('limit', limitArg) limit: number | null,
    @Context('req') req: unknown,
  ): Promise<AlertEvent[]> {
    return (await this.delivery.firings(callerOf(req), ruleId, limit ?? 100)).map(eventOf);
  }

  @Query(() => DeliveryCounts, { description: 'What this API process has sent, failed and retried since it started.' })
  deliveryCounts(): DeliveryCounts {
    return { ...this.delivery.counters, smtpConfigured: this.delivery.smtpConfigured };
  }

  @Mutation(() => ReportSubscription, { description: 'Subscribes recipients to a dashboard view or fact sheet on a schedule.' })
  async createSubscription(@Args('input', { type: () => SubscriptionInput }) input: SubscriptionInput, @Context('req') req: unknown): Promise<ReportSubscription> {
    return subscriptionOf(await this.delivery.createSubscription(callerOf(req), input));
  }

  @Mutation(() => Delivery, { description: 'Sends a subscription now, outside its schedule (recorded, then sent in the background).' })
  async deliverSubscription(@Args('id', { type: () => ID }) id: string, @Context('req') req: unknown): Promise<Delivery> {
    return deliveryOf(await this.delivery.deliverSubscription(callerOf(req), id));
  }

  @Mutation(() => Boolean, { description: 'Deletes a subscription (its deliveries stay listed).' })
  deleteSubscription(@Args('id', { type: () => ID }) id: string, @Context('req') req: unknown): Promise<boolean> {
    return this.delivery.deleteSubscription(callerOf(req), id);
  }

  @Mutation(() => AlertRule, { description: 'Creates an alert rule; its webhookSecret is answered here, once.' })
  async createAlertRule(@Args('input', { type: () => AlertRuleInput }) input: AlertRuleInput, @Context('req') req: unknown): Promise<AlertRule> {
    return ruleOf(await this.delivery.createAlertRule(callerOf(req), input));
  }

  @Mutation(() => Boolean, { description: 'Deletes an alert rule (its firings stay listed).' })
  deleteAlertRule(@Args('id', { type: () => ID }) id: string, @Context('req') req: unknown): Promise<boolean> {
    return this.delivery.deleteAlertRule(callerOf(req), id);
  }

  @Mutation(() => [AlertEvent], { description: 'Evaluates the key’s alert rules now (an admin: every rule); answers the events that fired.' })
  async evaluateAlerts(@Context('req') req: unknown): Promise<AlertEvent[]> {
    const caller = callerOf(req);
    // An analyst's call evaluates only the analyst's rules: one key cannot make the engine evaluate everyone's.
    const own = caller.role === 'admin' ? undefined : (await this.delivery.alertRules(caller)).map((r) => r.id);
    if (own?.length === 0) return [];
    return (await this.delivery.evaluateAlerts(own)).map(eventOf);
  }
}

function subscriptionOf(view: SubscriptionView): ReportSubscription {
  return {
    ...view,
    range: view.range ? rangeSpecOf(view.range) : null,
    createdAt: iso(view.createdAt),
    nextRunAt: iso(view.nextRunAt),
  };
}

function deliveryOf(record: DeliveryRecord): Delivery {
  return {
    ...record,
    slot: record.slot ? iso(record.slot) : null,
    nextAttemptAt: iso(record.nextAttemptAt),
    createdAt: iso(record.createdAt),
    updatedAt: iso(record.updatedAt),
  };
}

function ruleOf(view: AlertRuleView): AlertRule {
  return {
    ...view,
    range: rangeSpecOf(view.range),
    createdAt: iso(view.createdAt),
  };
}

function rangeSpecOf(range: NonNullable<SubscriptionView['range']>): RangeSpec {
  return { from: range.from ?? null, to: range.to ?? null, preset: range.preset ?? null, hijriYear: range.hijriYear ?? null };
}

function eventOf(event: AlertEventAnswer | FiringRecord): AlertEvent {
  return { ...event, firedAt: iso(event.firedAt) };
}
