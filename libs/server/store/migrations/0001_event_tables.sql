-- Event-level tables, one per dataset of the public contract (libs/shared/domain/src/datasets.ts lists the fields).
-- Every table is sorted by (amanah, time) because nearly every query filters one or a few amanahs and a range,
-- and partitioned by month so that old months can be dropped or re-ingested whole.

CREATE TABLE IF NOT EXISTS portal_visits (
  ts DateTime('Asia/Riyadh'),
  amanah LowCardinality(String),
  channel LowCardinality(String),
  visitor_id String,
  session_id String,
  page String,
  device LowCardinality(String),
  source LowCardinality(String)
) ENGINE = MergeTree PARTITION BY toYYYYMM(ts) ORDER BY (amanah, ts);

CREATE TABLE IF NOT EXISTS service_requests (
  request_id String,
  submitted_at DateTime('Asia/Riyadh'),
  amanah LowCardinality(String),
  service LowCardinality(String),
  channel LowCardinality(String),
  status LowCardinality(String),
  completed_at Nullable(DateTime('Asia/Riyadh'))
) ENGINE = MergeTree PARTITION BY toYYYYMM(submitted_at) ORDER BY (amanah, submitted_at);

CREATE TABLE IF NOT EXISTS licenses (
  license_id String,
  issued_at DateTime('Asia/Riyadh'),
  amanah LowCardinality(String),
  license_type LowCardinality(String),
  channel LowCardinality(String)
) ENGINE = MergeTree PARTITION BY toYYYYMM(issued_at) ORDER BY (amanah, issued_at);

CREATE TABLE IF NOT EXISTS citizen_reports (
  report_id String,
  received_at DateTime('Asia/Riyadh'),
  amanah LowCardinality(String),
  city LowCardinality(String),
  channel LowCardinality(String),
  category LowCardinality(String),
  priority LowCardinality(String),
  status LowCardinality(String),
  resolved_at Nullable(DateTime('Asia/Riyadh'))
) ENGINE = MergeTree PARTITION BY toYYYYMM(received_at) ORDER BY (amanah, received_at);

CREATE TABLE IF NOT EXISTS notifications (
  sent_at DateTime('Asia/Riyadh'),
  amanah LowCardinality(String),
  kind LowCardinality(String),
  count UInt32
) ENGINE = MergeTree PARTITION BY toYYYYMM(sent_at) ORDER BY (amanah, sent_at);

-- One row per amanah, platform and day: followers is a level, the rest are that day's flows.
CREATE TABLE IF NOT EXISTS social_stats (
  day Date,
  amanah LowCardinality(String),
  platform LowCardinality(String),
  followers UInt64,
  impressions UInt64,
  views UInt64,
  engagements UInt64,
  posts UInt32
) ENGINE = MergeTree PARTITION BY toYYYYMM(day) ORDER BY (amanah, platform, day);

CREATE TABLE IF NOT EXISTS office_visits (
  ts DateTime('Asia/Riyadh'),
  amanah LowCardinality(String),
  office LowCardinality(String),
  with_appointment Bool,
  service LowCardinality(String)
) ENGINE = MergeTree PARTITION BY toYYYYMM(ts) ORDER BY (amanah, ts);

CREATE TABLE IF NOT EXISTS support_tickets (
  ticket_id String,
  opened_at DateTime('Asia/Riyadh'),
  amanah LowCardinality(String),
  channel LowCardinality(String),
  category LowCardinality(String),
  resolved_at Nullable(DateTime('Asia/Riyadh'))
) ENGINE = MergeTree PARTITION BY toYYYYMM(opened_at) ORDER BY (amanah, opened_at);

CREATE TABLE IF NOT EXISTS participations (
  ts DateTime('Asia/Riyadh'),
  amanah LowCardinality(String),
  kind LowCardinality(String),
  channel LowCardinality(String)
) ENGINE = MergeTree PARTITION BY toYYYYMM(ts) ORDER BY (amanah, ts);

CREATE TABLE IF NOT EXISTS archived_documents (
  archived_at DateTime('Asia/Riyadh'),
  amanah LowCardinality(String),
  documents UInt64,
  attachments UInt64
) ENGINE = MergeTree PARTITION BY toYYYYMM(archived_at) ORDER BY (amanah, archived_at);

-- A level as of a day (staff, registered beneficiaries, project value in SAR...): metrics take the last value.
CREATE TABLE IF NOT EXISTS indicator_snapshots (
  day Date,
  amanah LowCardinality(String),
  indicator LowCardinality(String),
  value Decimal(18, 2)
) ENGINE = MergeTree PARTITION BY toYear(day) ORDER BY (amanah, indicator, day);
