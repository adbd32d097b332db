import type { Caller } from '@amanah/access';
import type { Role } from '@amanah/domain';
import type { Store } from '@amanah/store';
import type { ScheduleEvery } from './schedule.js';

/**
 * The delivery tables (migration 0050) and nothing else: rows in, rows out. Nothing is updated in place: a change
 * is a new version of the row (ReplacingMergeTree, read with FINAL); races are settled by claims (see `claim`).
 */
export interface StoredView {
  from?: string | null;
  to?: string | null;
  preset?: string | null;
  /** A season preset's Hijri year; absent in rows written before it was kept. */
  hijriYear?: number | null;
}

export interface SubscriptionRecord {
  id: string;
  creator: Caller;
  dashboard: string | null;
  factSheet: string | null;
  amanah: string | null;
  range: StoredView | null;
  compare: string;
  recipients: string[];
  schedule: { every: ScheduleEvery; at: string; weekday: number | null; dayOfMonth: number | null };
  lang: 'AR' | 'EN';
  digits: 'LATN' | 'ARAB';
  createdAt: Date;
  deleted: boolean;
  version: number;
}

export interface AlertRuleRecord {
  id: string;
  creator: Caller;
  metric: string;
  amanah: string | null;
  filters: Array<{ dimension: string; values: string[] }>;
  range: StoredView;
  condition: string;
  threshold: number;
  recipients: string[];
  webhookUrl: string | null;
  webhookSecret: string;
  createdAt: Date;
  deleted: boolean;
  version: number;
}

export interface AlertState {
  ruleId: string;
  breached: boolean;
  firings: number;
  value: number | null;
  evaluatedAt: Date;
}

export interface FiringRecord {
  id: string;
  ruleId: string;
  metric: string;
  amanah: string | null;
  condition: string;
  value: number;
  threshold: number;
  firedAt: Date;
}

export const DELIVERY_KINDS = ['REPORT', 'ALERT_EMAIL', 'WEBHOOK'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];
export const DELIVERY_STATUSES = ['PENDING', 'SENDING', 'SENT', 'FAILED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryRecord {
  id: string;
  kind: DeliveryKind;
  subscriptionId: string | null;
  ruleId: string | null;
  firingId: string | null;
  /** The schedule's slot this report is for; null when sent on demand or for an alert. */
  slot: Date | null;
  /** Recipients (comma-separated) or the webhook URL. */
  target: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string;
  nextAttemptAt: Date;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const ms = (value: string | number): Date => new Date(typeof value === 'number' ? value : Number(value));
/** A DateTime64(3, 'UTC') value as inserted: 'YYYY-MM-DD hh:mm:ss.mmm' in UTC (the column's zone). */
const at = (date: Date) => date.toISOString().replace('T', ' ').replace('Z', '');

interface CreatorColumns {
  created_by_key_id: string;
  created_by_label: string;
  creator_role: string;
  creator_all_amanahs: boolean;
  creator_amanahs: string[];
}

function creatorColumns(caller: Caller): CreatorColumns {
  return {
    created_by_key_id: caller.keyId,
    created_by_label: caller.label,
    creator_role: caller.role,
    creator_all_amanahs: caller.amanahs === 'all',
    creator_amanahs: caller.amanahs === 'all' ? [] : [...caller.amanahs],
  };
}

function creatorOf(row: CreatorColumns): Caller {
  return {
    keyId: row.created_by_key_id,
    label: row.created_by_label,
    role: row.creator_role as Role,
    amanahs: row.creator_all_amanahs ? 'all' : row.creator_amanahs,
  };
}

const CREATED = 'toUnixTimestamp64Milli(created_at) AS created_ms';

export class DeliveryStore {
  constructor(private readonly store: Store) {}

  async saveSubscription(record: SubscriptionRecord): Promise<void> {
    await this.store.insert('delivery_subscriptions', [
      {
        id: record.id,
        ...creatorColumns(record.creator),
        dashboard: record.dashboard ?? '',
        fact_sheet: record.factSheet ?? '',
        amanah: record.amanah ?? '',
        range_json: record.range ? JSON.stringify(record.range) : '',
        compare: record.compare,
        recipients: record.recipients,
        schedule_every: record.schedule.every,
        schedule_at: record.schedule.at,
        schedule_weekday: record.schedule.weekday ?? 0,
        schedule_day_of_month: record.schedule.dayOfMonth ?? 0,
        lang: record.lang,
        digits: record.digits,
        created_at: at(record.createdAt),
        deleted: record.deleted,
        version: record.version,
      },
    ]);
  }

  /** Live rows (not deleted) of a versioned table, oldest first; `id` picks one, `createdBy` one key's. */
  private liveRows(table: 'delivery_subscriptions' | 'delivery_alert_rules', options: { id?: string; createdBy?: string }) {
    return this.store.select<Record<string, unknown>>(
      `SELECT *, ${CREATED} FROM ${table} FINAL
       WHERE NOT deleted AND ({id:String} = '' OR id = {id:String}) AND ({by:String} = '' OR created_by_key_id = {by:String})
       ORDER BY created_at, id`,
      { id: options.id ?? '', by: options.createdBy ?? '' },
    );
  }

  /** Live subscriptions (not deleted), oldest first; `createdBy` limits them to one key's. */
  async subscriptions(options: { id?: string; createdBy?: string } = {}): Promise<SubscriptionRecord[]> {
    const rows = await this.liveRows('delivery_subscriptions', options);
    return rows.map((row) => ({
      id: row.id as string,
      creator: creatorOf(row as unknown as CreatorColumns),
      dashboard: (row.dashboard as string) || null,
      factSheet: (row.fact_sheet as string) || null,
      amanah: (row.amanah as string) || null,
      range: row.range_json ? (JSON.parse(row.range_json as string) as StoredView) : null,
      compare: row.compare as string,
      recipients: row.recipients as string[],
      schedule: {
        every: row.schedule_every as ScheduleEvery,
        at: row.schedule_at as string,
        weekday: (row.schedule_weekday as number) || null,
        dayOfMonth: (row.schedule_day_of_month as number) || null,
      },
      lang: row.lang as 'AR' | 'EN',
      digits: row.digits as 'LATN' | 'ARAB',
      createdAt: ms(row.created_ms as number),
      deleted: false,
      version: Number(row.version),
    }));
  }

  async saveRule(record: AlertRuleRecord): Promise<void> {
    await this.store.insert('delivery_alert_rules', [
      {
        id: record.id,
        ...creatorColumns(record.creator),
        metric: record.metric,
        amanah: record.amanah ?? '',
        filters_json: JSON.stringify(record.filters),
        range_json: JSON.stringify(record.range),
        condition: record.condition,
        threshold: record.threshold,
        recipients: record.recipients,
        webhook_url: record.webhookUrl ?? '',
        webhook_secret: record.webhookSecret,
        created_at: at(record.createdAt),
        deleted: record.deleted,
        version: record.version,
      },
    ]);
  }

  async rules(options: { id?: string; createdBy?: string } = {}): Promise<AlertRuleRecord[]> {
    const rows = await this.liveRows('delivery_alert_rules', options);
    return rows.map((row) => ({
      id: row.id as string,
      creator: creatorOf(row as unknown as CreatorColumns),
      metric: row.metric as string,
      amanah: (row.amanah as string) || null,
      filters: JSON.parse(row.filters_json as string) as AlertRuleRecord['filters'],
      range: JSON.parse(row.range_json as string) as StoredView,
      condition: row.condition as string,
      threshold: Number(row.threshold),
      recipients: row.recipients as string[],
      webhookUrl: (row.webhook_url as string) || null,
      webhookSecret: row.webhook_secret as string,
      createdAt: ms(row.created_ms as number),
      deleted: false,
      version: Number(row.version),
    }));
  }

  async alertStates(ruleIds: readonly string[]): Promise<Map<string, AlertState>> {
    if (ruleIds.length === 0) return new Map();
    const rows = await this.store.select<{ rule_id: string; breached: boolean; firings: number; value: number | null; evaluated_ms: number }>(
      `SELECT rule_id, breached, firings, value, toUnixTimestamp64Milli(evaluated_at) AS evaluated_ms
       FROM delivery_alert_state FINAL WHERE rule_id IN {ids:Array(String)}`,
      { ids: ruleIds },
    );
    return new Map(
      rows.map((row) => [row.rule_id, { ruleId: row.rule_id, breached: row.breached, firings: Number(row.firings), value: row.value, evaluatedAt: ms(row.evaluated_ms) }]),
    );
  }

  /** A new state row; `version` is the evaluation's instant, so the latest evaluation wins. */
  async saveAlertState(state: AlertState): Promise<void> {
    await this.store.insert('delivery_alert_state', [
      {
        rule_id: state.ruleId,
        breached: state.breached,
        firings: state.firings,
        value: state.value,
        evaluated_at: at(state.evaluatedAt),
        version: state.evaluatedAt.getTime() * 1000 + state.firings,
      },
    ]);
  }

  async saveFiring(firing: FiringRecord): Promise<void> {
    await this.store.insert('delivery_alert_firings', [
      {
        id: firing.id,
        rule_id: firing.ruleId,
        metric: firing.metric,
        amanah: firing.amanah ?? '',
        condition: firing.condition,
        value: firing.value,
        threshold: firing.threshold,
        fired_at: at(firing.firedAt),
      },
    ]);
  }

  /** Firings, newest first; `ruleIds` limits them (an empty list: none). */
  /** The rules' firings, newest first; `id` picks one firing. */
  async firings(ruleIds: readonly string[], limit: number, id = ''): Promise<FiringRecord[]> {
    if (ruleIds.length === 0) return [];
    const rows = await this.store.select<Record<string, unknown>>(
      `SELECT id, rule_id, metric, amanah, condition, value, threshold, toUnixTimestamp64Milli(fired_at) AS fired_ms
       FROM delivery_alert_firings WHERE rule_id IN {ids:Array(String)} AND ({id:String} = '' OR id = {id:String})
       ORDER BY fired_at DESC, id DESC LIMIT {limit:UInt32}`,
      { ids: ruleIds, limit, id },
    );
    return rows.map((row) => ({
      id: row.id as string,
      ruleId: row.rule_id as string,
      metric: row.metric as string,
      amanah: (row.amanah as string) || null,
      condition: row.condition as string,
      value: Number(row.value),
      threshold: Number(row.threshold),
      firedAt: ms(row.fired_ms as number),
    }));
  }

  async saveDelivery(delivery: DeliveryRecord): Promise<void> {
    await this.store.insert('delivery_deliveries', [
      {
        id: delivery.id,
        kind: delivery.kind,
        subscription_id: delivery.subscriptionId ?? '',
        rule_id: delivery.ruleId ?? '',
        firing_id: delivery.firingId ?? '',
        slot: delivery.slot ? at(delivery.slot) : null,
        target: delivery.target,
        status: delivery.status,
        attempts: delivery.attempts,
        last_error: delivery.lastError.slice(0, 500),
        next_attempt_at: at(delivery.nextAttemptAt),
        created_at: at(delivery.createdAt),
        updated_at: at(delivery.updatedAt),
        version: delivery.version,
      },
    ]);
  }

  /**
   * Deliveries, newest first. Filters: by id, by subscription(s), by rule(s), by status(es); `slotOf` finds the one
   * recorded for a subscription's slot.
   */
  async deliveries(filter: {
    id?: string;
    subscriptionIds?: readonly string[];
    ruleIds?: readonly string[];
    statuses?: readonly DeliveryStatus[];
    limit?: number;
  }): Promise<DeliveryRecord[]> {
    const rows = await this.store.select<Record<string, unknown>>(
      `SELECT id, kind, subscription_id, rule_id, firing_id, toUnixTimestamp64Milli(slot) AS slot_ms, target, status, attempts,
              last_error, toUnixTimestamp64Milli(next_attempt_at) AS next_ms, ${CREATED}, toUnixTimestamp64Milli(updated_at) AS updated_ms, version
       FROM delivery_deliveries FINAL
       WHERE ({id:String} = '' OR id = {id:String})
         AND ({bySubscription:Bool} = false OR subscription_id IN {subscriptions:Array(String)})
         AND ({byRule:Bool} = false OR rule_id IN {rules:Array(String)})
         AND ({byStatus:Bool} = false OR status IN {statuses:Array(String)})
       ORDER BY created_at DESC, id DESC LIMIT {limit:UInt32}`,
      {
        id: filter.id ?? '',
        bySubscription: filter.subscriptionIds !== undefined,
        subscriptions: filter.subscriptionIds ?? [],
        byRule: filter.ruleIds !== undefined,
        rules: filter.ruleIds ?? [],
        byStatus: filter.statuses !== undefined,
        statuses: filter.statuses ?? [],
        limit: filter.limit ?? 1000,
      },
    );
    return rows.map((row) => ({
      id: row.id as string,
      kind: row.kind as DeliveryKind,
      subscriptionId: (row.subscription_id as string) || null,
      ruleId: (row.rule_id as string) || null,
      firingId: (row.firing_id as string) || null,
      slot: row.slot_ms === null ? null : ms(row.slot_ms as number),
      target: row.target as string,
      status: row.status as DeliveryStatus,
      attempts: Number(row.attempts),
      lastError: row.last_error as string,
      nextAttemptAt: ms(row.next_ms as number),
      createdAt: ms(row.created_ms as number),
      updatedAt: ms(row.updated_ms as number),
      version: Number(row.version),
    }));
  }

  /** The latest slot a subscription has a scheduled delivery for (any status), or null. */
  async lastSlots(subscriptionIds: readonly string[]): Promise<Map<string, Date>> {
    if (subscriptionIds.length === 0) return new Map();
    const rows = await this.store.select<{ subscription_id: string; slot_ms: number }>(
      `SELECT subscription_id, toUnixTimestamp64Milli(max(slot)) AS slot_ms FROM delivery_deliveries FINAL
       WHERE subscription_id IN {ids:Array(String)} AND slot IS NOT NULL GROUP BY subscription_id`,
      { ids: subscriptionIds },
    );
    return new Map(rows.map((row) => [row.subscription_id, ms(row.slot_ms)]));
  }

  /**
   * Claims `key` for `claimant` and answers whether it holds it: insert, then read back every claim of the key. The
   * earliest claim (engine time, then claimant) wins, so every process that claimed reads the same winner; a
   * claimant may repeat its claim (the lease's renewal or release) with another `expiresAt`.
   */
  async claim(key: string, claimant: string, expiresAt: Date): Promise<boolean> {
    await this.store.insert('delivery_claims', [{ key, claimant, expires_at: at(expiresAt) }]);
    return (await this.claimOf(key))?.claimant === claimant;
  }

  /** The winner of a key and the expiry it wrote last (a release writes a past one). */
  async claimOf(key: string): Promise<{ claimant: string; expiresAt: Date } | null> {
    const [row] = await this.store.select<{ claimant: string; expires_ms: number }>(
      `SELECT claimant, toUnixTimestamp64Milli(argMax(expires_at, claimed_at)) AS expires_ms FROM delivery_claims
       WHERE key = {key:String}
         AND claimant = (SELECT argMin(claimant, (claimed_at, claimant)) FROM delivery_claims WHERE key = {key:String})
       GROUP BY claimant`,
      { key },
    );
    return row ? { claimant: row.claimant, expiresAt: ms(row.expires_ms) } : null;
  }

  /** The highest term claimed for a lease (0 when none). */
  async leaseTerm(name: string): Promise<number> {
    const [row] = await this.store.select<{ term: number }>(
      `SELECT max(toUInt64OrZero(substring(key, length({prefix:String}) + 1))) AS term FROM delivery_claims WHERE startsWith(key, {prefix:String})`,
      { prefix: `lease:${name}:` },
    );
    return Number(row?.term ?? 0);
  }
}
