-- Lean duration histograms: the monthly duration histograms of migration 0006 without amanah, for the approximate
-- median over all amanahs (the executive dashboard's median card). By amanah, a year of service completions is ~40,000
-- histogram rows at 10 million visits and ~66,000 at 100 million (17 amanahs × the buckets each fills, growing with the
-- data); by month and bucket alone it is at most 12 × 1,200 rows, ~4,000 in practice, however many events there are.
-- The same buckets and counts summed over amanahs: the median read from either is the same number. The planner reads
-- a lean histogram when a query touches no amanah (no filter, no scope), the histogram by amanah otherwise
-- (libs/server/store rollups.ts). Existing data is backfilled once from the histograms by amanah (before the views
-- exist, while nothing else writes: migrations run before the API serves); the views then feed them from the raw
-- tables, as 0006's do.

CREATE TABLE IF NOT EXISTS service_completion_lean_histogram (
  month Date,
  log_bucket UInt16,
  completions SimpleAggregateFunction(sum, UInt64),
  last_day SimpleAggregateFunction(max, Date)
) ENGINE = AggregatingMergeTree PARTITION BY toYear(month) ORDER BY (month, log_bucket)
SETTINGS non_replicated_deduplication_window = 1000;

INSERT INTO service_completion_lean_histogram
SELECT month, log_bucket, sum(completions) AS completions, max(last_day) AS last_day
FROM service_completion_histogram WHERE (SELECT count() FROM service_completion_lean_histogram) = 0
GROUP BY month, log_bucket;

CREATE MATERIALIZED VIEW IF NOT EXISTS service_completion_lean_histogram_mv TO service_completion_lean_histogram AS
SELECT toStartOfMonth(toDate(submitted_at)) AS month,
       toUInt16(round(log(greatest(toUInt32(dateDiff('second', submitted_at, assumeNotNull(completed_at))), 1)) / log(1.02))) AS log_bucket,
       count() AS completions, max(toDate(submitted_at)) AS last_day
FROM service_requests WHERE status = 'completed' AND completed_at IS NOT NULL
GROUP BY month, log_bucket;

CREATE TABLE IF NOT EXISTS report_resolution_lean_histogram (
  month Date,
  log_bucket UInt16,
  resolutions SimpleAggregateFunction(sum, UInt64),
  last_day SimpleAggregateFunction(max, Date)
) ENGINE = AggregatingMergeTree PARTITION BY toYear(month) ORDER BY (month, log_bucket)
SETTINGS non_replicated_deduplication_window = 1000;

INSERT INTO report_resolution_lean_histogram
SELECT month, log_bucket, sum(resolutions) AS resolutions, max(last_day) AS last_day
FROM report_resolution_histogram WHERE (SELECT count() FROM report_resolution_lean_histogram) = 0
GROUP BY month, log_bucket;

CREATE MATERIALIZED VIEW IF NOT EXISTS report_resolution_lean_histogram_mv TO report_resolution_lean_histogram AS
SELECT toStartOfMonth(toDate(received_at)) AS month,
       toUInt16(round(log(greatest(toUInt32(dateDiff('second', received_at, assumeNotNull(resolved_at))), 1)) / log(1.02))) AS log_bucket,
       count() AS resolutions, max(toDate(received_at)) AS last_day
FROM citizen_reports WHERE status IN ('resolved', 'closed') AND resolved_at IS NOT NULL
GROUP BY month, log_bucket;
