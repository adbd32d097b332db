import { RIYADH_TIME_ZONE } from '@amanah/domain';
import { createWorkTable, dropWorkTable, settleWorkTable, type QueryParams, type Store } from '@amanah/store';
import { DEMO_WINDOW } from './calendar.js';
import { OFFICE_SERVICES, PARTICIPATION_CHANNELS, PORTAL_PAGES, SUPPORT_CATEGORIES, SUPPORT_CHANNELS, makeIndicatorSnapshot } from './factories.js';
import type { DemoPlan } from './plan.js';
import { AMANAH_PROFILES } from './profiles.js';

/**
 * Turns the count plan into events inside ClickHouse: the plan goes into small temporary tables (one row per
 * series, the daily counts as an array), and one INSERT … SELECT per dataset expands every count into rows whose
 * attributes come from cityHash64/intHash64 of (series, day, index) — deterministic on every machine, and fast
 * because no event row passes through JavaScript. Rows go into the raw tables only: the materialized views fill
 * the daily rollups.
 */
const PLAN = '_seed_plan';
const SOCIAL = '_seed_social';
const ARCHIVE = '_seed_archive';
const LOOKUP = 1000; // a weighted choice is a 1,000-slot lookup table indexed by a hash

/** A 1,000-slot table of 1-based indices: index k appears in proportion to weights[k-1]. */
export function lookupTable(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const table: number[] = [];
  let cumulative = 0;
  weights.forEach((w, k) => {
    cumulative += w;
    const until = k === weights.length - 1 ? LOOKUP : Math.round((cumulative / total) * LOOKUP);
    while (table.length < until) table.push(k + 1);
  });
  return table;
}

class Choices {
  readonly params: QueryParams = {};
  /** SQL for a weighted choice among names; `salt` picks an independent hash of the row. */
  pick(name: string, entries: Record<string, number>, salt: number): string {
    this.params[`${name}_names`] = Object.keys(entries);
    this.params[`${name}_lookup`] = lookupTable(Object.values(entries));
    return `{${name}_names:Array(String)}[{${name}_lookup:Array(UInt16)}[1 + intHash64(h + ${salt}) % ${LOOKUP}]]`;
  }
  /**
   * SQL for an hour of the day (0–23) drawn from weights, different on workdays and at the weekend. One table
   * holds both halves: `if()` choosing between two constant arrays would copy an array per row (100× slower).
   */
  hour(name: string, workday: readonly number[], weekend: readonly number[], salt: number): string {
    this.params[`${name}_lookup`] = [...lookupTable(workday), ...lookupTable(weekend)];
    return `(toUInt32({${name}_lookup:Array(UInt16)}[1 + if(weekend, ${LOOKUP}, 0) + intHash64(h + ${salt}) % ${LOOKUP}]) - 1)`;
  }
}

/** Uniform in [0, 1) from an independent hash of the row. */
const uniform = (salt: number): string => `((intHash64(h + ${salt}) % 1000000) / 1000000)`;
/** A time on the row's day: the hour from a profile, minutes and seconds from the hash. */
const timeOnDay = (hourSql: string, salt: number): string =>
  `toDateTime(day, '${RIYADH_TIME_ZONE}') + (${hourSql} * 3600 + intHash64(h + ${salt}) % 3600)`;

// Hours of the day (0–23). Online: a late-morning and a late-evening peak; later at the weekend.
const ONLINE_WORKDAY = [2, 1, 0.6, 0.4, 0.3, 0.4, 1, 2.5, 4.5, 6, 6.5, 6.5, 6, 5.5, 5, 4.5, 4.5, 5, 5.5, 6, 6.5, 6.5, 5.5, 4];
const ONLINE_WEEKEND = [4, 3, 2, 1, 0.6, 0.5, 0.6, 1, 2, 3, 4, 4.5, 5, 5.5, 5.5, 5, 5, 5.5, 6, 6.5, 7, 7, 6.5, 5.5];
// Offices open 08:00–15:00 on workdays only.
const OFFICE_HOURS = [0, 0, 0, 0, 0, 0, 0, 0, 6, 10, 11, 10, 8, 6, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];
// Reports come round the clock (the 940 centre is 24/7), mostly by day.
const REPORT_HOURS = [1.5, 1, 0.7, 0.5, 0.5, 0.8, 1.5, 3, 4.5, 5, 5, 5, 4.5, 4.5, 4.5, 4.5, 4.5, 5, 5, 5, 4.5, 4, 3, 2];

/** The plan's rows of one stream, expanded to one row per event, with a per-row hash `h`. */
const events = (stream: string): string => `
  SELECT series, amanah, k1, k2, pool, ${stream === 'citizen_reports' || stream === 'office_visits' ? 'choices, ' : ''}day, i, n,
         toDayOfWeek(day) IN (5, 6) AS weekend, toYear(day) - 2019 AS y, cityHash64(series, day, i) AS h
  FROM (SELECT * EXCEPT (${stream === 'citizen_reports' || stream === 'office_visits' ? 'stream' : 'stream, choices'}) FROM ${PLAN} WHERE stream = '${stream}')
  ARRAY JOIN counts AS n, arrayMap(x -> start + x, range(length(counts))) AS day
  ARRAY JOIN range(n) AS i`;

const id = (prefix: string): string => `concat('${prefix}-', toString(series), '-', toString(toYYYYMMDD(day)), '-', toString(i))`;

export interface DatasetStep {
  dataset: string;
  run(store: Store): Promise<void>;
}

const sqlStep = (dataset: string, sql: string, params: QueryParams = {}): DatasetStep & { sql: string; params: QueryParams } =>
  ({ dataset, sql, params, run: (store) => store.command(sql, params) });

export async function loadPlan(store: Store, plan: DemoPlan): Promise<void> {
  await dropPlan(store);
  // Work tables (@amanah/store): Memory tables here; on a cluster, replicated to every host, as the steps' INSERTs may
  // reach any host.
  await createWorkTable(store, PLAN, `series UInt32, stream LowCardinality(String), amanah LowCardinality(String),
    k1 LowCardinality(String), k2 LowCardinality(String), start Date, counts Array(UInt32), pool UInt64, choices Array(String)`, 'Memory');
  await createWorkTable(store, SOCIAL, `amanah LowCardinality(String), platform LowCardinality(String), start Date,
    followers Array(UInt64), impressions Array(UInt64), views Array(UInt64), engagements Array(UInt64), posts Array(UInt32)`, 'Memory');
  await createWorkTable(store, ARCHIVE, 'amanah LowCardinality(String), start Date, documents Array(UInt64), attachments Array(UInt64)', 'Memory');

  const countsOf = (stream: string, amanah: string, k1 = '') =>
    plan.series.find((s) => s.stream === stream && s.amanah === amanah && s.k1 === k1)!.counts;
  const eventSeries = plan.series.filter((s) => !s.stream.startsWith('social_') && !s.stream.startsWith('archive_'));
  await store.insert(PLAN, eventSeries.map((s, index) => {
    const total = s.counts.reduce((a, b) => a + b, 0);
    const profile = AMANAH_PROFILES[s.amanah];
    return {
      series: index + 1, stream: s.stream, amanah: s.amanah, k1: s.k1, k2: s.k2, start: DEMO_WINDOW.from, counts: s.counts,
      // A third as many distinct visitors as visits: people come back.
      pool: s.stream === 'portal_visits' ? Math.max(1, Math.round(total / 3)) : 0,
      choices: s.stream === 'citizen_reports' ? profile.cities : s.stream === 'office_visits' ? profile.offices : [],
    };
  }));
  await store.insert(SOCIAL, plan.followers.map((f) => ({
    amanah: f.amanah, platform: f.key, start: DEMO_WINDOW.from, followers: f.values,
    impressions: countsOf('social_impressions', f.amanah, f.key), views: countsOf('social_views', f.amanah, f.key),
    engagements: countsOf('social_engagements', f.amanah, f.key), posts: countsOf('social_posts', f.amanah, f.key),
  })));
  await store.insert(ARCHIVE, [...new Set(plan.series.map((s) => s.amanah))].map((amanah) => ({
    amanah, start: DEMO_WINDOW.from, documents: countsOf('archive_documents', amanah), attachments: countsOf('archive_attachments', amanah),
  })));
  for (const table of [PLAN, SOCIAL, ARCHIVE]) await settleWorkTable(store, table);
}

export async function dropPlan(store: Store): Promise<void> {
  for (const table of [PLAN, SOCIAL, ARCHIVE]) await dropWorkTable(store, table);
}

function portalVisits(): DatasetStep {
  const c = new Choices();
  const sql = `INSERT INTO portal_visits (ts, amanah, channel, visitor_id, session_id, page, device, source)
    SELECT ${timeOnDay(c.hour('hours', ONLINE_WORKDAY, ONLINE_WEEKEND, 1), 2)}, amanah,
      if(intHash64(h + 3) % 1000 < 250 + 60 * y, 'mobile_app', 'web') AS visit_channel,
      lower(hex(cityHash64('visitor', amanah, toUInt64(pool * pow(${uniform(4)}, 2))))),
      lower(hex(h)),
      ${c.pick('page', Object.fromEntries(PORTAL_PAGES.map((p, k) => [p, k === 0 ? 30 : k < 5 ? 12 : 4])), 5)},
      if(visit_channel = 'mobile_app', ${c.pick('app_device', { mobile: 85, tablet: 15 }, 6)},
        ${c.pick('web_device', { desktop: 45, mobile: 48, tablet: 7 }, 7)}),
      ${c.pick('source', { direct: 30, search: 35, social: 15, sms: 8, email: 4, referral: 8 }, 8)}
    FROM (${events('portal_visits')})`;
  return sqlStep('portal_visits', sql, c.params);
}

function serviceRequests(): DatasetStep {
  const c = new Choices();
  // In-person requests fall from 20% (2020) to 5% (2025): the Eastern digital share lands above 90%.
  c.params.office_share = [200, 150, 110, 80, 60, 50];
  const sql = `INSERT INTO service_requests (request_id, submitted_at, amanah, service, channel, status, completed_at)
    SELECT ${id('SR')}, ${timeOnDay(c.hour('hours', ONLINE_WORKDAY, ONLINE_WEEKEND, 1), 2)} AS submitted, amanah, k1,
      if(intHash64(h + 3) % 1000 < {office_share:Array(UInt16)}[y], 'office',
        ${c.pick('channel', { portal: 35, mobile_app: 25, balady: 30, call_940: 10 }, 4)}) AS request_channel,
      ${c.pick('status', { completed: 80, rejected: 6, in_progress: 8, submitted: 6 }, 5)} AS request_status,
      if(request_status = 'completed',
        submitted + toUInt32(3600 * (0.5 + 200 * pow(${uniform(6)}, 3)) * if(request_channel = 'office', 2, 1)), NULL)
    FROM (${events('service_requests')})`;
  return sqlStep('service_requests', sql, c.params);
}

function licenses(): DatasetStep {
  const c = new Choices();
  const sql = `INSERT INTO licenses (license_id, issued_at, amanah, license_type, channel)
    SELECT ${id('LIC')}, ${timeOnDay(c.hour('hours', ONLINE_WORKDAY, ONLINE_WEEKEND, 1), 2)}, amanah, k1, k2
    FROM (${events('licenses')})`;
  return sqlStep('licenses', sql, c.params);
}

function citizenReports(): DatasetStep {
  const c = new Choices();
  // Eastern treats every note with the same priority (its 940 article).
  c.params.same_priority = ['eastern'];
  const sql = `INSERT INTO citizen_reports (report_id, received_at, amanah, city, channel, category, priority, status, resolved_at)
    SELECT ${id('RPT')}, ${timeOnDay(c.hour('hours', REPORT_HOURS, REPORT_HOURS, 1), 2)} AS received, amanah,
      choices[1 + toUInt32(length(choices) * pow(${uniform(3)}, 2))],
      ${c.pick('channel', { call_940: 35, app: 25, whatsapp: 15, twitter: 8, portal: 12, email: 5 }, 4)},
      ${c.pick('category', { cleanliness: 25, roads: 18, lighting: 14, water_leak: 12, building_violation: 12, billboard: 6, other: 13 }, 5)} AS report_category,
      if(has({same_priority:Array(String)}, amanah) OR intHash64(h + 6) % 1000 >= 120, 'normal', 'urgent') AS report_priority,
      ${c.pick('status', { resolved: 55, closed: 30, in_progress: 10, open: 5 }, 7)} AS report_status,
      if(report_status IN ('resolved', 'closed'),
        received + toUInt32(3600 * if(report_priority = 'urgent', 0.5 + 12 * pow(${uniform(8)}, 2), 2 + 120 * pow(${uniform(8)}, 2))
          * if(report_category = 'billboard', 0.5, 1)), NULL)
    FROM (${events('citizen_reports')})`;
  return sqlStep('citizen_reports', sql, c.params);
}

function notifications(): DatasetStep {
  // A day's messages of one kind go out in up to six batches; the batch counts add up to the day's total exactly.
  const params = { batch_hours: [9, 11, 13, 15, 17, 20] };
  const sql = `INSERT INTO notifications (sent_at, amanah, kind, count)
    SELECT toDateTime(day, '${RIYADH_TIME_ZONE}') + ({batch_hours:Array(UInt8)}[j + 1] * 3600 + intHash64(cityHash64(series, day, j)) % 3600),
      amanah, k1, intDiv(n, batches) + if(j < n % batches, 1, 0)
    FROM (
      SELECT series, amanah, k1, day, n, least(n, 6) AS batches
      FROM (SELECT * FROM ${PLAN} WHERE stream = 'notifications')
      ARRAY JOIN counts AS n, arrayMap(x -> start + x, range(length(counts))) AS day
      WHERE n > 0)
    ARRAY JOIN range(batches) AS j`;
  return sqlStep('notifications', sql, params);
}

function officeVisits(): DatasetStep {
  const c = new Choices();
  // The appointment system spreads year by year (Tabuk's article names it as a cause of fewer visits).
  c.params.appointment_share = [150, 250, 400, 550, 700, 800];
  const sql = `INSERT INTO office_visits (ts, amanah, office, with_appointment, service)
    SELECT ${timeOnDay(c.hour('hours', OFFICE_HOURS, OFFICE_HOURS, 1), 2)}, amanah,
      choices[1 + toUInt32(length(choices) * pow(${uniform(3)}, 1.5))],
      intHash64(h + 4) % 1000 < {appointment_share:Array(UInt16)}[y],
      ${c.pick('service', Object.fromEntries(OFFICE_SERVICES.map((s, k) => [s, 6 - k])), 5)}
    FROM (${events('office_visits')})`;
  return sqlStep('office_visits', sql, c.params);
}

function supportTickets(): DatasetStep {
  const c = new Choices();
  const sql = `INSERT INTO support_tickets (ticket_id, opened_at, amanah, channel, category, resolved_at)
    SELECT ${id('TKT')}, ${timeOnDay(c.hour('hours', ONLINE_WORKDAY, ONLINE_WEEKEND, 1), 2)} AS opened, amanah,
      ${c.pick('channel', Object.fromEntries(SUPPORT_CHANNELS.map((s, k) => [s, [45, 30, 15, 10][k]!])), 3)},
      ${c.pick('category', Object.fromEntries(SUPPORT_CATEGORIES.map((s, k) => [s, [30, 20, 25, 15, 10][k]!])), 4)},
      if(intHash64(h + 5) % 1000 < 920, opened + toUInt32(3600 * (1 + 72 * pow(${uniform(6)}, 2))), NULL)
    FROM (${events('support_tickets')})`;
  return sqlStep('support_tickets', sql, c.params);
}

function participations(): DatasetStep {
  const c = new Choices();
  const sql = `INSERT INTO participations (ts, amanah, kind, channel)
    SELECT ${timeOnDay(c.hour('hours', ONLINE_WORKDAY, ONLINE_WEEKEND, 1), 2)}, amanah,
      ${c.pick('kind', { suggestion: 30, survey: 35, comment: 25, vote: 10 }, 3)},
      ${c.pick('channel', Object.fromEntries(PARTICIPATION_CHANNELS.map((s, k) => [s, [50, 35, 15][k]!])), 4)}
    FROM (${events('participations')})`;
  return sqlStep('participations', sql, c.params);
}

function archivedDocuments(): DatasetStep {
  const sql = `INSERT INTO archived_documents (archived_at, amanah, documents, attachments)
    SELECT toDateTime(day, '${RIYADH_TIME_ZONE}') + (13 * 3600 + cityHash64(amanah, day) % 10800), amanah, docs, atts
    FROM ${ARCHIVE} ARRAY JOIN documents AS docs, attachments AS atts, arrayMap(x -> start + x, range(length(documents))) AS day
    WHERE docs > 0 OR atts > 0`;
  return sqlStep('archived_documents', sql);
}

function socialStats(): DatasetStep {
  const sql = `INSERT INTO social_stats (day, amanah, platform, followers, impressions, views, engagements, posts)
    SELECT day, amanah, platform, f, imp, v, e, p
    FROM ${SOCIAL} ARRAY JOIN arrayMap(x -> start + x, range(length(followers))) AS day,
      followers AS f, impressions AS imp, views AS v, engagements AS e, posts AS p`;
  return sqlStep('social_stats', sql);
}

function indicatorSnapshots(plan: DemoPlan): DatasetStep {
  const rows = plan.indicators.flatMap((series) =>
    series.values.map((value, k) => makeIndicatorSnapshot({ day: plan.snapshotDays[k]!, amanah: series.amanah, indicator: series.key, value })));
  return { dataset: 'indicator_snapshots', run: (store) => store.insert('indicator_snapshots', rows) };
}

export function datasetSteps(plan: DemoPlan): DatasetStep[] {
  return [portalVisits(), serviceRequests(), licenses(), citizenReports(), notifications(), officeVisits(),
    supportTickets(), participations(), archivedDocuments(), socialStats(), indicatorSnapshots(plan)];
}
