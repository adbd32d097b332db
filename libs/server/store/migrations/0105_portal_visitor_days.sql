-- Exact distinct visitors without reading every visit: one row per year, amanah and visitor, with the days it visited.
-- `visitor` is the 128-bit SipHash of visitor_id, the hash uniqExact(visitor_id) itself counts strings by, so
-- uniqExact(visitor) over the rows with a day in a range (and an amanah in a set) is uniqExact(visitor_id) over those
-- visits. A visitor's rows in several years, or in parts not yet merged, are counted once by uniqExact: exact at any
-- merge state, and a repeated insert only repeats days, which merge away. Partitioned by year, so a range reads its
-- years only and a withdrawal (libs/server/ingest batches.ts) rewrites only the years of the months it removes.
-- The view comes first, then existing visits are copied with no guard: a visit copied twice (an insert between the
-- two statements, or the copy run again after a crash half-way through it) only repeats days, which merge away, so a
-- re-run completes a partial copy instead of skipping it.
CREATE TABLE IF NOT EXISTS portal_visitor_days (
  year UInt16,
  amanah LowCardinality(String),
  visitor UInt128,
  days SimpleAggregateFunction(groupUniqArrayArray, Array(Date))
) ENGINE = AggregatingMergeTree PARTITION BY year ORDER BY (amanah, visitor)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS portal_visitor_days_mv TO portal_visitor_days AS
SELECT toYear(ts) AS year, amanah, reinterpretAsUInt128(sipHash128(visitor_id)) AS visitor, groupUniqArray(toDate(ts)) AS days
FROM portal_visits GROUP BY year, amanah, visitor;

INSERT INTO portal_visitor_days
SELECT toYear(ts) AS year, amanah, reinterpretAsUInt128(sipHash128(visitor_id)) AS visitor, groupUniqArray(toDate(ts)) AS days
FROM portal_visits
GROUP BY year, amanah, visitor;
