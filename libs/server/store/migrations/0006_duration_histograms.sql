-- Monthly duration histograms for the approximate form of the median metrics (services.median_completion_hours,
-- reports.median_resolution_hours), which a dashboard widget may ask for. An exact median over a year reads millions of
-- durations (~30 ms per median on the 100-million-visit store); a histogram of a month per amanah has a few hundred
-- rows. Buckets are logarithmic: bucket b holds the durations whose log base γ = 1.02 rounds to b, i.e. those in
-- [γ^(b−½), γ^(b+½)), a range 2 % wide. The planner finds the bucket that holds the median and interpolates within it
-- (log-linearly, by rank), so its estimate and the exact median share a bucket: within 2 %, and in practice within
-- a few hundredths of a percent (durations under a second count as one second). The planner uses the same
-- expression (libs/server/query/src/rollups.ts).
-- Only amanah is kept as a dimension: with service and channel the histogram would be as long as the durations.

CREATE TABLE IF NOT EXISTS service_completion_histogram (
  month Date,
  amanah LowCardinality(String),
  log_bucket UInt16,
  completions SimpleAggregateFunction(sum, UInt64),
  last_day SimpleAggregateFunction(max, Date)
) ENGINE = AggregatingMergeTree PARTITION BY toYear(month) ORDER BY (amanah, month, log_bucket)
SETTINGS non_replicated_deduplication_window = 1000;

INSERT INTO service_completion_histogram
SELECT toStartOfMonth(day) AS month, amanah, toUInt16(round(log(greatest(seconds, 1)) / log(1.02))) AS log_bucket,
       count() AS completions, max(day) AS last_day
FROM service_completions WHERE (SELECT count() FROM service_completion_histogram) = 0
GROUP BY month, amanah, log_bucket;

CREATE MATERIALIZED VIEW IF NOT EXISTS service_completion_histogram_mv TO service_completion_histogram AS
SELECT toStartOfMonth(toDate(submitted_at)) AS month, amanah,
       toUInt16(round(log(greatest(toUInt32(dateDiff('second', submitted_at, assumeNotNull(completed_at))), 1)) / log(1.02))) AS log_bucket,
       count() AS completions, max(toDate(submitted_at)) AS last_day
FROM service_requests WHERE status = 'completed' AND completed_at IS NOT NULL
GROUP BY month, amanah, log_bucket;

CREATE TABLE IF NOT EXISTS report_resolution_histogram (
  month Date,
  amanah LowCardinality(String),
  log_bucket UInt16,
  resolutions SimpleAggregateFunction(sum, UInt64),
  last_day SimpleAggregateFunction(max, Date)
) ENGINE = AggregatingMergeTree PARTITION BY toYear(month) ORDER BY (amanah, month, log_bucket)
SETTINGS non_replicated_deduplication_window = 1000;

INSERT INTO report_resolution_histogram
SELECT toStartOfMonth(day) AS month, amanah, toUInt16(round(log(greatest(seconds, 1)) / log(1.02))) AS log_bucket,
       count() AS resolutions, max(day) AS last_day
FROM report_resolutions WHERE (SELECT count() FROM report_resolution_histogram) = 0
GROUP BY month, amanah, log_bucket;

CREATE MATERIALIZED VIEW IF NOT EXISTS report_resolution_histogram_mv TO report_resolution_histogram AS
SELECT toStartOfMonth(toDate(received_at)) AS month, amanah,
       toUInt16(round(log(greatest(toUInt32(dateDiff('second', received_at, assumeNotNull(resolved_at))), 1)) / log(1.02))) AS log_bucket,
       count() AS resolutions, max(toDate(received_at)) AS last_day
FROM citizen_reports WHERE status IN ('resolved', 'closed') AND resolved_at IS NOT NULL
GROUP BY month, amanah, log_bucket;
