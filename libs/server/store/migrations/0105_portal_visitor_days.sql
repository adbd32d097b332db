-- Exact distinct visitors without reading every visit: one row per amanah and visitor, with the days it visited.
-- `visitor` is the 128-bit SipHash of visitor_id, the hash uniqExact(visitor_id) itself counts strings by, so
-- uniqExact(visitor) over the rows with a day in a range (and an amanah in a set) is uniqExact(visitor_id) over those
-- visits. A visitor's rows in parts not yet merged are counted once by uniqExact: exact at any merge state, and a
-- repeated insert only repeats days, which merge away. Withdrawal (libs/server/ingest batches.ts) removes the
-- withdrawn months' days before the kept visits go back in. Existing visits are backfilled once, before the view
-- exists (migrations run before the API serves).
CREATE TABLE IF NOT EXISTS portal_visitor_days (
  amanah LowCardinality(String),
  visitor UInt128,
  days SimpleAggregateFunction(groupUniqArrayArray, Array(Date))
) ENGINE = AggregatingMergeTree ORDER BY (amanah, visitor)
SETTINGS non_replicated_deduplication_window = 1000;

INSERT INTO portal_visitor_days
SELECT amanah, reinterpretAsUInt128(sipHash128(visitor_id)) AS visitor, groupUniqArray(toDate(ts)) AS days
FROM portal_visits WHERE (SELECT count() FROM portal_visitor_days) = 0
GROUP BY amanah, visitor;

CREATE MATERIALIZED VIEW IF NOT EXISTS portal_visitor_days_mv TO portal_visitor_days AS
SELECT amanah, reinterpretAsUInt128(sipHash128(visitor_id)) AS visitor, groupUniqArray(toDate(ts)) AS days
FROM portal_visits GROUP BY amanah, visitor;
