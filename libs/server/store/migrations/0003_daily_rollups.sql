-- Daily rollups, fed by materialized views on insert, so that a dashboard over years reads thousands of rows.
-- Each keeps every dimension its dataset's metrics allow, so counts and sums over any filter are exact.
-- What a rollup cannot answer exactly (medians, exact distinct visitors) is read from the raw tables.
-- Days are Asia/Riyadh calendar days: toDate() of a DateTime('Asia/Riyadh') column is the Riyadh date.

-- visitors_sketch is an approximate distinct count (uniqCombined64), used only where a caller asks for "≈".
CREATE TABLE IF NOT EXISTS portal_visits_daily (
  day Date,
  amanah LowCardinality(String),
  channel LowCardinality(String),
  device LowCardinality(String),
  source LowCardinality(String),
  visits SimpleAggregateFunction(sum, UInt64),
  visitors_sketch AggregateFunction(uniqCombined64, String)
) ENGINE = AggregatingMergeTree PARTITION BY toYear(day) ORDER BY (amanah, day, channel, device, source);

CREATE MATERIALIZED VIEW IF NOT EXISTS portal_visits_daily_mv TO portal_visits_daily AS
SELECT toDate(ts) AS day, amanah, channel, device, source,
       count() AS visits, uniqCombined64State(visitor_id) AS visitors_sketch
FROM portal_visits GROUP BY day, amanah, channel, device, source;

CREATE TABLE IF NOT EXISTS service_requests_daily (
  day Date,
  amanah LowCardinality(String),
  service LowCardinality(String),
  channel LowCardinality(String),
  status LowCardinality(String),
  requests UInt64
) ENGINE = SummingMergeTree PARTITION BY toYear(day) ORDER BY (amanah, day, service, channel, status);

CREATE MATERIALIZED VIEW IF NOT EXISTS service_requests_daily_mv TO service_requests_daily AS
SELECT toDate(submitted_at) AS day, amanah, service, channel, status, count() AS requests
FROM service_requests GROUP BY day, amanah, service, channel, status;

CREATE TABLE IF NOT EXISTS licenses_daily (
  day Date,
  amanah LowCardinality(String),
  license_type LowCardinality(String),
  channel LowCardinality(String),
  issued UInt64
) ENGINE = SummingMergeTree PARTITION BY toYear(day) ORDER BY (amanah, day, license_type, channel);

CREATE MATERIALIZED VIEW IF NOT EXISTS licenses_daily_mv TO licenses_daily AS
SELECT toDate(issued_at) AS day, amanah, license_type, channel, count() AS issued
FROM licenses GROUP BY day, amanah, license_type, channel;

CREATE TABLE IF NOT EXISTS citizen_reports_daily (
  day Date,
  amanah LowCardinality(String),
  city LowCardinality(String),
  channel LowCardinality(String),
  category LowCardinality(String),
  priority LowCardinality(String),
  status LowCardinality(String),
  received UInt64
) ENGINE = SummingMergeTree PARTITION BY toYear(day) ORDER BY (amanah, day, city, channel, category, priority, status);

CREATE MATERIALIZED VIEW IF NOT EXISTS citizen_reports_daily_mv TO citizen_reports_daily AS
SELECT toDate(received_at) AS day, amanah, city, channel, category, priority, status, count() AS received
FROM citizen_reports GROUP BY day, amanah, city, channel, category, priority, status;

CREATE TABLE IF NOT EXISTS notifications_daily (
  day Date,
  amanah LowCardinality(String),
  kind LowCardinality(String),
  sent UInt64
) ENGINE = SummingMergeTree PARTITION BY toYear(day) ORDER BY (amanah, day, kind);

CREATE MATERIALIZED VIEW IF NOT EXISTS notifications_daily_mv TO notifications_daily AS
SELECT toDate(sent_at) AS day, amanah, kind, sum(toUInt64(count)) AS sent
FROM notifications GROUP BY day, amanah, kind;

CREATE TABLE IF NOT EXISTS office_visits_daily (
  day Date,
  amanah LowCardinality(String),
  office LowCardinality(String),
  with_appointment Bool,
  service LowCardinality(String),
  visits UInt64
) ENGINE = SummingMergeTree PARTITION BY toYear(day) ORDER BY (amanah, day, office, with_appointment, service);

CREATE MATERIALIZED VIEW IF NOT EXISTS office_visits_daily_mv TO office_visits_daily AS
SELECT toDate(ts) AS day, amanah, office, with_appointment, service, count() AS visits
FROM office_visits GROUP BY day, amanah, office, with_appointment, service;

CREATE TABLE IF NOT EXISTS support_tickets_daily (
  day Date,
  amanah LowCardinality(String),
  channel LowCardinality(String),
  category LowCardinality(String),
  tickets UInt64
) ENGINE = SummingMergeTree PARTITION BY toYear(day) ORDER BY (amanah, day, channel, category);

CREATE MATERIALIZED VIEW IF NOT EXISTS support_tickets_daily_mv TO support_tickets_daily AS
SELECT toDate(opened_at) AS day, amanah, channel, category, count() AS tickets
FROM support_tickets GROUP BY day, amanah, channel, category;

CREATE TABLE IF NOT EXISTS participations_daily (
  day Date,
  amanah LowCardinality(String),
  kind LowCardinality(String),
  channel LowCardinality(String),
  participations UInt64
) ENGINE = SummingMergeTree PARTITION BY toYear(day) ORDER BY (amanah, day, kind, channel);

CREATE MATERIALIZED VIEW IF NOT EXISTS participations_daily_mv TO participations_daily AS
SELECT toDate(ts) AS day, amanah, kind, channel, count() AS participations
FROM participations GROUP BY day, amanah, kind, channel;

CREATE TABLE IF NOT EXISTS archived_documents_daily (
  day Date,
  amanah LowCardinality(String),
  documents UInt64,
  attachments UInt64
) ENGINE = SummingMergeTree PARTITION BY toYear(day) ORDER BY (amanah, day);

CREATE MATERIALIZED VIEW IF NOT EXISTS archived_documents_daily_mv TO archived_documents_daily AS
SELECT toDate(archived_at) AS day, amanah, sum(documents) AS documents, sum(attachments) AS attachments
FROM archived_documents GROUP BY day, amanah;
