-- Monthly rollups: the daily rollups' columns by calendar month (Asia/Riyadh), so a dashboard over whole months
-- (last year, the last two years, by month or quarter) reads ~30 times fewer rows. The planner uses them only when the
-- range (and its comparison period) are whole months and a series is by month, quarter or year; citizen reports drop
-- `city`, which no metric filters on. `last_day` keeps the newest day for "as of". Fed by materialized views from the
-- raw tables; existing data is backfilled once from the daily rollups (before the views exist, while nothing else
-- writes: migrations run before the API serves).

CREATE TABLE IF NOT EXISTS portal_visits_monthly (
  month Date,
  amanah LowCardinality(String),
  channel LowCardinality(String),
  device LowCardinality(String),
  source LowCardinality(String),
  visits SimpleAggregateFunction(sum, UInt64),
  visitors_sketch AggregateFunction(uniqCombined64, String),
  last_day SimpleAggregateFunction(max, Date)
) ENGINE = AggregatingMergeTree PARTITION BY toYear(month) ORDER BY (amanah, month, channel, device, source)
SETTINGS non_replicated_deduplication_window = 1000;

INSERT INTO portal_visits_monthly
SELECT toStartOfMonth(day) AS month, amanah, channel, device, source, sum(visits) AS visits, uniqCombined64MergeState(visitors_sketch) AS visitors_sketch, max(day) AS last_day
FROM portal_visits_daily WHERE (SELECT count() FROM portal_visits_monthly) = 0
GROUP BY month, amanah, channel, device, source;

CREATE MATERIALIZED VIEW IF NOT EXISTS portal_visits_monthly_mv TO portal_visits_monthly AS
SELECT toStartOfMonth(toDate(ts)) AS month, amanah, channel, device, source, count() AS visits, uniqCombined64State(visitor_id) AS visitors_sketch, max(toDate(ts)) AS last_day
FROM portal_visits GROUP BY month, amanah, channel, device, source;

CREATE TABLE IF NOT EXISTS service_requests_monthly (
  month Date,
  amanah LowCardinality(String),
  service LowCardinality(String),
  channel LowCardinality(String),
  status LowCardinality(String),
  requests SimpleAggregateFunction(sum, UInt64),
  last_day SimpleAggregateFunction(max, Date)
) ENGINE = AggregatingMergeTree PARTITION BY toYear(month) ORDER BY (amanah, month, service, channel, status)
SETTINGS non_replicated_deduplication_window = 1000;

INSERT INTO service_requests_monthly
SELECT toStartOfMonth(day) AS month, amanah, service, channel, status, sum(requests) AS requests, max(day) AS last_day
FROM service_requests_daily WHERE (SELECT count() FROM service_requests_monthly) = 0
GROUP BY month, amanah, service, channel, status;

CREATE MATERIALIZED VIEW IF NOT EXISTS service_requests_monthly_mv TO service_requests_monthly AS
SELECT toStartOfMonth(toDate(submitted_at)) AS month, amanah, service, channel, status, count() AS requests, max(toDate(submitted_at)) AS last_day
FROM service_requests GROUP BY month, amanah, service, channel, status;

CREATE TABLE IF NOT EXISTS licenses_monthly (
  month Date,
  amanah LowCardinality(String),
  license_type LowCardinality(String),
  channel LowCardinality(String),
  issued SimpleAggregateFunction(sum, UInt64),
  last_day SimpleAggregateFunction(max, Date)
) ENGINE = AggregatingMergeTree PARTITION BY toYear(month) ORDER BY (amanah, month, license_type, channel)
SETTINGS non_replicated_deduplication_window = 1000;

INSERT INTO licenses_monthly
SELECT toStartOfMonth(day) AS month, amanah, license_type, channel, sum(issued) AS issued, max(day) AS last_day
FROM licenses_daily WHERE (SELECT count() FROM licenses_monthly) = 0
GROUP BY month, amanah, license_type, channel;

CREATE MATERIALIZED VIEW IF NOT EXISTS licenses_monthly_mv TO licenses_monthly AS
SELECT toStartOfMonth(toDate(issued_at)) AS month, amanah, license_type, channel, count() AS issued, max(toDate(issued_at)) AS last_day
FROM licenses GROUP BY month, amanah, license_type, channel;

CREATE TABLE IF NOT EXISTS citizen_reports_monthly (
  month Date,
  amanah LowCardinality(String),
  channel LowCardinality(String),
  category LowCardinality(String),
  priority LowCardinality(String),
  status LowCardinality(String),
  received SimpleAggregateFunction(sum, UInt64),
  last_day SimpleAggregateFunction(max, Date)
) ENGINE = AggregatingMergeTree PARTITION BY toYear(month) ORDER BY (amanah, month, channel, category, priority, status)
SETTINGS non_replicated_deduplication_window = 1000;

INSERT INTO citizen_reports_monthly
SELECT toStartOfMonth(day) AS month, amanah, channel, category, priority, status, sum(received) AS received, max(day) AS last_day
FROM citizen_reports_daily WHERE (SELECT count() FROM citizen_reports_monthly) = 0
GROUP BY month, amanah, channel, category, priority, status;

CREATE MATERIALIZED VIEW IF NOT EXISTS citizen_reports_monthly_mv TO citizen_reports_monthly AS
SELECT toStartOfMonth(toDate(received_at)) AS month, amanah, channel, category, priority, status, count() AS received, max(toDate(received_at)) AS last_day
FROM citizen_reports GROUP BY month, amanah, channel, category, priority, status;

CREATE TABLE IF NOT EXISTS notifications_monthly (
  month Date,
  amanah LowCardinality(String),
  kind LowCardinality(String),
  sent SimpleAggregateFunction(sum, UInt64),
  last_day SimpleAggregateFunction(max, Date)
) ENGINE = AggregatingMergeTree PARTITION BY toYear(month) ORDER BY (amanah, month, kind)
SETTINGS non_replicated_deduplication_window = 1000;

INSERT INTO notifications_monthly
SELECT toStartOfMonth(day) AS month, amanah, kind, sum(sent) AS sent, max(day) AS last_day
FROM notifications_daily WHERE (SELECT count() FROM notifications_monthly) = 0
GROUP BY month, amanah, kind;

CREATE MATERIALIZED VIEW IF NOT EXISTS notifications_monthly_mv TO notifications_monthly AS
SELECT toStartOfMonth(toDate(sent_at)) AS month, amanah, kind, sum(toUInt64(count)) AS sent, max(toDate(sent_at)) AS last_day
FROM notifications GROUP BY month, amanah, kind;

CREATE TABLE IF NOT EXISTS office_visits_monthly (
  month Date,
  amanah LowCardinality(String),
  office LowCardinality(String),
  with_appointment Bool,
  service LowCardinality(String),
  visits SimpleAggregateFunction(sum, UInt64),
  last_day SimpleAggregateFunction(max, Date)
) ENGINE = AggregatingMergeTree PARTITION BY toYear(month) ORDER BY (amanah, month, office, with_appointment, service)
SETTINGS non_replicated_deduplication_window = 1000;

INSERT INTO office_visits_monthly
SELECT toStartOfMonth(day) AS month, amanah, office, with_appointment, service, sum(visits) AS visits, max(day) AS last_day
FROM office_visits_daily WHERE (SELECT count() FROM office_visits_monthly) = 0
GROUP BY month, amanah, office, with_appointment, service;

CREATE MATERIALIZED VIEW IF NOT EXISTS office_visits_monthly_mv TO office_visits_monthly AS
SELECT toStartOfMonth(toDate(ts)) AS month, amanah, office, with_appointment, service, count() AS visits, max(toDate(ts)) AS last_day
FROM office_visits GROUP BY month, amanah, office, with_appointment, service;

CREATE TABLE IF NOT EXISTS support_tickets_monthly (
  month Date,
  amanah LowCardinality(String),
  channel LowCardinality(String),
  category LowCardinality(String),
  tickets SimpleAggregateFunction(sum, UInt64),
  last_day SimpleAggregateFunction(max, Date)
) ENGINE = AggregatingMergeTree PARTITION BY toYear(month) ORDER BY (amanah, month, channel, category)
SETTINGS non_replicated_deduplication_window = 1000;

INSERT INTO support_tickets_monthly
SELECT toStartOfMonth(day) AS month, amanah, channel, category, sum(tickets) AS tickets, max(day) AS last_day
FROM support_tickets_daily WHERE (SELECT count() FROM support_tickets_monthly) = 0
GROUP BY month, amanah, channel, category;

CREATE MATERIALIZED VIEW IF NOT EXISTS support_tickets_monthly_mv TO support_tickets_monthly AS
SELECT toStartOfMonth(toDate(opened_at)) AS month, amanah, channel, category, count() AS tickets, max(toDate(opened_at)) AS last_day
FROM support_tickets GROUP BY month, amanah, channel, category;

CREATE TABLE IF NOT EXISTS participations_monthly (
  month Date,
  amanah LowCardinality(String),
  kind LowCardinality(String),
  channel LowCardinality(String),
  participations SimpleAggregateFunction(sum, UInt64),
  last_day SimpleAggregateFunction(max, Date)
) ENGINE = AggregatingMergeTree PARTITION BY toYear(month) ORDER BY (amanah, month, kind, channel)
SETTINGS non_replicated_deduplication_window = 1000;

INSERT INTO participations_monthly
SELECT toStartOfMonth(day) AS month, amanah, kind, channel, sum(participations) AS participations, max(day) AS last_day
FROM participations_daily WHERE (SELECT count() FROM participations_monthly) = 0
GROUP BY month, amanah, kind, channel;

CREATE MATERIALIZED VIEW IF NOT EXISTS participations_monthly_mv TO participations_monthly AS
SELECT toStartOfMonth(toDate(ts)) AS month, amanah, kind, channel, count() AS participations, max(toDate(ts)) AS last_day
FROM participations GROUP BY month, amanah, kind, channel;

CREATE TABLE IF NOT EXISTS archived_documents_monthly (
  month Date,
  amanah LowCardinality(String),
  documents SimpleAggregateFunction(sum, UInt64),
  attachments SimpleAggregateFunction(sum, UInt64),
  last_day SimpleAggregateFunction(max, Date)
) ENGINE = AggregatingMergeTree PARTITION BY toYear(month) ORDER BY (amanah, month)
SETTINGS non_replicated_deduplication_window = 1000;

INSERT INTO archived_documents_monthly
SELECT toStartOfMonth(day) AS month, amanah, sum(documents) AS documents, sum(attachments) AS attachments, max(day) AS last_day
FROM archived_documents_daily WHERE (SELECT count() FROM archived_documents_monthly) = 0
GROUP BY month, amanah;

CREATE MATERIALIZED VIEW IF NOT EXISTS archived_documents_monthly_mv TO archived_documents_monthly AS
SELECT toStartOfMonth(toDate(archived_at)) AS month, amanah, sum(documents) AS documents, sum(attachments) AS attachments, max(toDate(archived_at)) AS last_day
FROM archived_documents GROUP BY month, amanah;
