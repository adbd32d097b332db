import type { Store } from '@amanah/store';
import type { PublishedFigure } from './figures.js';

/**
 * Plain SQL over the raw event tables for the metrics the published figures use — written independently of the
 * generator, so a figure check reads what the store holds, never the generator's targets. The API has its own
 * metric catalogue; this is the seed's reference answer for its tests.
 */
interface RawMetric {
  table: string;
  time: string;
  value: string;
  /** How the metric reads a range: flows take rows in the range, levels the last value on or before its end. */
  kind: 'flow' | 'level';
  dimensions: Record<string, string>;
}

const RAW_METRICS: Record<string, RawMetric> = {
  'portal.visits': { table: 'portal_visits', time: 'ts', value: 'count()', kind: 'flow', dimensions: { channel: 'channel', device: 'device', source: 'source' } },
  'portal.daily_avg_visits': { table: 'portal_visits', time: 'ts', value: 'count() / {days:UInt32}', kind: 'flow', dimensions: {} },
  'services.requests': { table: 'service_requests', time: 'submitted_at', value: 'count()', kind: 'flow', dimensions: { service: 'service', channel: 'channel', status: 'status' } },
  'services.digital_share': { table: 'service_requests', time: 'submitted_at', value: "countIf(channel != 'office') * 100 / count()", kind: 'flow', dimensions: { service: 'service' } },
  'licenses.issued': { table: 'licenses', time: 'issued_at', value: 'count()', kind: 'flow', dimensions: { license_type: 'license_type', channel: 'channel' } },
  'notifications.sent': { table: 'notifications', time: 'sent_at', value: 'sum(count)', kind: 'flow', dimensions: { notification_kind: 'kind' } },
  'social.impressions': { table: 'social_stats', time: 'day', value: 'sum(impressions)', kind: 'flow', dimensions: { platform: 'platform' } },
  'social.views': { table: 'social_stats', time: 'day', value: 'sum(views)', kind: 'flow', dimensions: { platform: 'platform' } },
  'social.followers': { table: 'social_stats', time: 'day', value: 'followers', kind: 'level', dimensions: { platform: 'platform' } },
  'support.tickets': { table: 'support_tickets', time: 'opened_at', value: 'count()', kind: 'flow', dimensions: {} },
  'participations.count': { table: 'participations', time: 'ts', value: 'count()', kind: 'flow', dimensions: {} },
  'office.visits': { table: 'office_visits', time: 'ts', value: 'count()', kind: 'flow', dimensions: { with_appointment: 'with_appointment' } },
  'archive.documents': { table: 'archived_documents', time: 'archived_at', value: 'sum(documents)', kind: 'flow', dimensions: {} },
  'archive.attachments': { table: 'archived_documents', time: 'archived_at', value: 'sum(attachments)', kind: 'flow', dimensions: {} },
};

const daysIn = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;

/** The value of a figure's metric over its amanah, filters and range, computed from the raw tables. */
export async function measureFigure(store: Store, figure: PublishedFigure): Promise<number> {
  const params: Record<string, unknown> = { amanah: figure.amanah, from: figure.range.from, to: figure.range.to, days: daysIn(figure.range.from, figure.range.to) };
  if (figure.metric.startsWith('indicator.')) {
    const [row] = await store.select<{ v: number }>(
      `SELECT toFloat64(argMax(value, day)) AS v FROM indicator_snapshots
       WHERE amanah = {amanah:String} AND indicator = {indicator:String} AND day <= {to:Date}`,
      { ...params, indicator: figure.metric.slice('indicator.'.length) },
    );
    return row!.v;
  }
  const metric = RAW_METRICS[figure.metric];
  if (!metric) throw new Error(`No raw query for metric ${figure.metric}`);
  const filters = figure.filters.map((filter, k) => {
    const column = metric.dimensions[filter.dimension];
    if (!column) throw new Error(`${figure.metric} has no dimension ${filter.dimension}`);
    params[`f${k}`] = filter.values;
    return `AND ${column} IN {f${k}:Array(String)}`;
  });
  const day = metric.time === 'day' ? 'day' : `toDate(${metric.time})`;
  const sql = metric.kind === 'flow'
    ? `SELECT toFloat64(${metric.value}) AS v FROM ${metric.table}
       WHERE amanah = {amanah:String} AND ${day} BETWEEN {from:Date} AND {to:Date} ${filters.join(' ')}`
    : `SELECT toFloat64(sum(last)) AS v FROM (
         SELECT platform, argMax(${metric.value}, day) AS last FROM ${metric.table}
         WHERE amanah = {amanah:String} AND day <= {to:Date} ${filters.join(' ')} GROUP BY platform)`;
  const [row] = await store.select<{ v: number }>(sql, params);
  return row!.v;
}
