-- Ingestion (libs/server/ingest): the batch ledger, the audit trail, and the table setting that lets a commit be
-- replayed after a crash without counting twice.

-- One row per (dataset, idempotency key); every state change is a new row with a higher version, so FINAL gives the
-- latest state. receiving -> committing -> committed, or -> rejected / aborted. A key whose latest state is
-- committed is never written again.
CREATE TABLE IF NOT EXISTS ingest_batches (
  dataset LowCardinality(String),
  idempotency_key String,
  batch_id String,
  state LowCardinality(String),
  body_sha256 String,
  rows UInt64,
  chunks UInt32,
  principal_key_id String,
  updated_at DateTime64(3, 'Asia/Riyadh') DEFAULT now64(3),
  version UInt64
) ENGINE = ReplacingMergeTree(version) ORDER BY (dataset, idempotency_key);

-- Who wrote what, when, how many rows, with which key: one row per ingest request, whatever its outcome.
CREATE TABLE IF NOT EXISTS ingest_audit (
  at DateTime64(3, 'Asia/Riyadh') DEFAULT now64(3),
  principal_key_id String,
  principal_role LowCardinality(String),
  dataset LowCardinality(String),
  idempotency_key String,
  content_type LowCardinality(String),
  outcome LowCardinality(String),
  status UInt16,
  rows_received UInt64,
  rows_inserted UInt64,
  errors_total UInt64,
  bytes UInt64,
  duration_ms UInt32
) ENGINE = MergeTree PARTITION BY toYYYYMM(at) ORDER BY at;

-- A commit inserts each staged chunk with insert_deduplication_token; a non-replicated MergeTree remembers tokens only
-- with this window. The daily rollups need it too: deduplicate_blocks_in_dependent_materialized_views then skips a
-- replayed chunk in the views as well. Side effect: within the last 1000 inserts of a table, an insert whose block is
-- byte-identical to an earlier one (and has no token) is dropped as a duplicate. TRUNCATE clears the log.
ALTER TABLE portal_visits MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE service_requests MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE licenses MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE citizen_reports MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE notifications MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE social_stats MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE office_visits MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE support_tickets MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE participations MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE archived_documents MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE indicator_snapshots MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE portal_visits_daily MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE service_requests_daily MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE licenses_daily MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE citizen_reports_daily MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE notifications_daily MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE office_visits_daily MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE support_tickets_daily MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE participations_daily MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE archived_documents_daily MODIFY SETTING non_replicated_deduplication_window = 1000;
