-- Certified fact sheets (libs/server/press-graphql): figures a press user locked for a period, with the values,
-- phrases, sentences and provenance as they were at the lock. Rows are written once and never changed: a later
-- difference is shown as a restatement computed at read time, not by rewriting the locked row.
CREATE TABLE IF NOT EXISTS fact_sheets (
  id String,
  title String,
  amanah LowCardinality(String),
  range_from Date,
  range_to Date,
  compare LowCardinality(String),
  precision LowCardinality(String),
  digits LowCardinality(String),
  locked_at DateTime64(3, 'UTC'),
  locked_by_key_id String,
  locked_by_label String,
  data_version UInt64
) ENGINE = MergeTree ORDER BY (amanah, locked_at, id);

-- One row per figure of a sheet, in the order it was locked. `filters` and `provenance` are JSON (the GraphQL
-- shapes, as answered at the lock); `value` and `previous` are NULL where a ratio had no rows.
CREATE TABLE IF NOT EXISTS fact_sheet_figures (
  sheet_id String,
  position UInt16,
  metric LowCardinality(String),
  dataset LowCardinality(String),
  title_ar String,
  title_en String,
  filters String,
  value Nullable(Float64),
  previous Nullable(Float64),
  change_pct Nullable(Float64),
  previous_from Nullable(Date),
  previous_to Nullable(Date),
  phrase_ar String,
  phrase_en String,
  change_phrase_ar Nullable(String),
  change_phrase_en Nullable(String),
  sentence_ar String,
  sentence_en String,
  provenance String
) ENGINE = MergeTree ORDER BY (sheet_id, position);
