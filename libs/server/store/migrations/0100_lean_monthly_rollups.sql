-- Lean monthly rollups: the monthly rollups of migration 0005 with only the dimensions the executive dashboard's cards,
-- breakdowns and rankings touch, so that those read a few thousand rows however many events there are. The monthly
-- service_requests rollup is keyed by service too (~73,000 rows for two years at 100 million visits, more as the data
-- fills its combinations): by amanah, channel and status it has at most 17 × 24 × 20 rows for two years. The planner
-- reads a lean rollup when it has every column a query touches, the wide one otherwise (libs/server/store rollups.ts).
-- Existing data is backfilled once from the wide monthly rollups (before the views exist, while nothing else writes:
-- migrations run before the API serves); the views then feed them from the raw tables, as 0005's do.

CREATE TABLE IF NOT EXISTS service_requests_lean_monthly (
  month Date,
  amanah LowCardinality(String),
  channel LowCardinality(String),
  status LowCardinality(String),
  requests SimpleAggregateFunction(sum, UInt64),
  last_day SimpleAggregateFunction(max, Date)
) ENGINE = AggregatingMergeTree PARTITION BY toYear(month) ORDER BY (amanah, month, channel, status)
SETTINGS non_replicated_deduplication_window = 1000;

INSERT INTO service_requests_lean_monthly
SELECT month, amanah, channel, status, sum(requests) AS requests, max(last_day) AS last_day
FROM service_requests_monthly WHERE (SELECT count() FROM service_requests_lean_monthly) = 0
GROUP BY month, amanah, channel, status;

CREATE MATERIALIZED VIEW IF NOT EXISTS service_requests_lean_monthly_mv TO service_requests_lean_monthly AS
SELECT toStartOfMonth(toDate(submitted_at)) AS month, amanah, channel, status, count() AS requests, max(toDate(submitted_at)) AS last_day
FROM service_requests GROUP BY month, amanah, channel, status;

CREATE TABLE IF NOT EXISTS citizen_reports_lean_monthly (
  month Date,
  amanah LowCardinality(String),
  status LowCardinality(String),
  received SimpleAggregateFunction(sum, UInt64),
  last_day SimpleAggregateFunction(max, Date)
) ENGINE = AggregatingMergeTree PARTITION BY toYear(month) ORDER BY (amanah, month, status)
SETTINGS non_replicated_deduplication_window = 1000;

INSERT INTO citizen_reports_lean_monthly
SELECT month, amanah, status, sum(received) AS received, max(last_day) AS last_day
FROM citizen_reports_monthly WHERE (SELECT count() FROM citizen_reports_lean_monthly) = 0
GROUP BY month, amanah, status;

CREATE MATERIALIZED VIEW IF NOT EXISTS citizen_reports_lean_monthly_mv TO citizen_reports_lean_monthly AS
SELECT toStartOfMonth(toDate(received_at)) AS month, amanah, status, count() AS received, max(toDate(received_at)) AS last_day
FROM citizen_reports GROUP BY month, amanah, status;
