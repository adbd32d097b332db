-- Annotations (libs/server/analytics/src/annotations): events analysts mark on the charts (a campaign, an outage, a
-- holiday, a policy change), with a date span, the amanahs they concern, Arabic and English titles and, for a
-- campaign, the metric whose lift is measured. Who made it and when are kept. Nothing is updated in place: a delete
-- is a later version of the row (ReplacingMergeTree, read with FINAL). An empty `amanahs` means every amanah.
CREATE TABLE IF NOT EXISTS annotations (
  id String,
  kind LowCardinality(String),
  starts_on Date,
  ends_on Date,
  amanahs Array(LowCardinality(String)),
  title_ar String,
  title_en String,
  metric String,
  created_by_key_id String,
  created_by_label String,
  created_at DateTime64(3, 'UTC'),
  deleted Bool,
  version UInt64
) ENGINE = ReplacingMergeTree(version) ORDER BY id;
