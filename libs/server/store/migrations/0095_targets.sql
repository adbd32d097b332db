-- Targets set in the dashboard (libs/server/analytics/src/targets): one per metric × amanah ('' = every amanah,
-- summed) × period. The period is kept as its Gregorian days with the calendar it was set in and its label
-- ('2025', '2025-03', '1446'). A change is a later version of the row (ReplacingMergeTree, read with FINAL); who set
-- it and when are kept. dashboards/targets.json stays the initial load: a stored target replaces the file's one for
-- the same metric, amanah and days.
CREATE TABLE IF NOT EXISTS targets (
  metric String,
  amanah LowCardinality(String),
  starts_on Date,
  ends_on Date,
  calendar LowCardinality(String),
  period_label String,
  value Float64,
  set_by_key_id String,
  set_by_label String,
  set_at DateTime64(3, 'UTC'),
  version UInt64
) ENGINE = ReplacingMergeTree(version) ORDER BY (metric, amanah, starts_on, ends_on);
