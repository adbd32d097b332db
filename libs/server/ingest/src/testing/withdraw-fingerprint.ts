import type { Store } from '@amanah/store';

/** The Idempotency-Key of the batch the withdrawal crash test withdraws. */
export const WITHDRAWN_KEY = 'withdrawn-by-crash-test';

/**
 * What a withdrawal changes, as one comparable value: portal_visits' rows (a hash of every row), its daily and monthly
 * rollups (every group's count and distinct-visitor sketch), its visitor days (each visitor's days), the rows kept
 * aside, the batch's status, and any copy a withdrawal left. Two stores with the same fingerprint answer every
 * portal_visits metric alike.
 */
export async function storeFingerprint(store: Store): Promise<Record<string, unknown>> {
  const [row] = await store.select<Record<string, unknown>>(
    `SELECT
       (SELECT (count(), sum(cityHash64(ts, amanah, channel, visitor_id, session_id, page, device, source))) FROM portal_visits) AS raw,
       (SELECT (count(), sum(visits), sum(cityHash64(day, amanah, channel, device, source, visits, finalizeAggregation(visitors_sketch))))
          FROM (SELECT day, amanah, channel, device, source, sum(visits) AS visits, uniqCombined64MergeState(visitors_sketch) AS visitors_sketch
                FROM portal_visits_daily GROUP BY day, amanah, channel, device, source)) AS daily,
       (SELECT (count(), sum(visits), sum(cityHash64(month, amanah, channel, device, source, visits, last_day, finalizeAggregation(visitors_sketch))))
          FROM (SELECT month, amanah, channel, device, source, sum(visits) AS visits, max(last_day) AS last_day,
                       uniqCombined64MergeState(visitors_sketch) AS visitors_sketch
                FROM portal_visits_monthly GROUP BY month, amanah, channel, device, source)) AS monthly,
       (SELECT (count(), sum(cityHash64(amanah, visitor, days)))
          FROM (SELECT amanah, visitor, arraySort(groupUniqArrayArray(days)) AS days FROM portal_visitor_days GROUP BY amanah, visitor)) AS visitor_days,
       (SELECT count() FROM withdrawn_portal_visits) AS kept,
       (SELECT any(status) FROM ingest_batch_log FINAL WHERE idempotency_key = {key:String}) AS status,
       (SELECT count() FROM system.tables WHERE database = currentDatabase() AND startsWith(name, 'ingest_withdraw_')) AS copies`,
    { key: WITHDRAWN_KEY },
  );
  return JSON.parse(JSON.stringify(row)) as Record<string, unknown>;
}
