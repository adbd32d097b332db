-- Batch history and withdrawal (libs/server/ingest, batches.ts).
-- Every event row remembers the ingest batch that wrote it (`ingest_batch`, the ledger's batch id; '' for rows
-- written before this migration or by the seed), so a batch can be withdrawn: its rows move to `withdrawn_<dataset>`
-- (kept for audit until `kpi batches purge`) and the affected months of the table and of every rollup fed from it
-- are rebuilt from the remaining rows, in one exclusive section of the store.
ALTER TABLE portal_visits ADD COLUMN IF NOT EXISTS ingest_batch LowCardinality(String) DEFAULT '';
ALTER TABLE service_requests ADD COLUMN IF NOT EXISTS ingest_batch LowCardinality(String) DEFAULT '';
ALTER TABLE licenses ADD COLUMN IF NOT EXISTS ingest_batch LowCardinality(String) DEFAULT '';
ALTER TABLE citizen_reports ADD COLUMN IF NOT EXISTS ingest_batch LowCardinality(String) DEFAULT '';
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS ingest_batch LowCardinality(String) DEFAULT '';
ALTER TABLE social_stats ADD COLUMN IF NOT EXISTS ingest_batch LowCardinality(String) DEFAULT '';
ALTER TABLE office_visits ADD COLUMN IF NOT EXISTS ingest_batch LowCardinality(String) DEFAULT '';
ALTER TABLE support_tickets ADD COLUMN IF NOT EXISTS ingest_batch LowCardinality(String) DEFAULT '';
ALTER TABLE participations ADD COLUMN IF NOT EXISTS ingest_batch LowCardinality(String) DEFAULT '';
ALTER TABLE archived_documents ADD COLUMN IF NOT EXISTS ingest_batch LowCardinality(String) DEFAULT '';
ALTER TABLE indicator_snapshots ADD COLUMN IF NOT EXISTS ingest_batch LowCardinality(String) DEFAULT '';

-- Withdrawn rows, as they were (same columns, engine and partitioning as the table).
CREATE TABLE IF NOT EXISTS withdrawn_portal_visits AS portal_visits;
CREATE TABLE IF NOT EXISTS withdrawn_service_requests AS service_requests;
CREATE TABLE IF NOT EXISTS withdrawn_licenses AS licenses;
CREATE TABLE IF NOT EXISTS withdrawn_citizen_reports AS citizen_reports;
CREATE TABLE IF NOT EXISTS withdrawn_notifications AS notifications;
CREATE TABLE IF NOT EXISTS withdrawn_social_stats AS social_stats;
CREATE TABLE IF NOT EXISTS withdrawn_office_visits AS office_visits;
CREATE TABLE IF NOT EXISTS withdrawn_support_tickets AS support_tickets;
CREATE TABLE IF NOT EXISTS withdrawn_participations AS participations;
CREATE TABLE IF NOT EXISTS withdrawn_archived_documents AS archived_documents;
CREATE TABLE IF NOT EXISTS withdrawn_indicator_snapshots AS indicator_snapshots;

-- One row per committed batch, with its effect and who sent it; a withdrawal writes a new version of the row.
-- status: COMMITTED, WITHDRAWING (the rebuild is under way; recovery finishes it), WITHDRAWN.
CREATE TABLE IF NOT EXISTS ingest_batch_log (
  batch_id String,
  dataset LowCardinality(String),
  principal_key_id String,
  key_label String,
  idempotency_key String,
  source_file String,
  rows UInt64,
  rows_by_amanah Map(LowCardinality(String), UInt64),
  event_from Nullable(DateTime('Asia/Riyadh')),
  event_to Nullable(DateTime('Asia/Riyadh')),
  committed_at DateTime64(3, 'UTC'),
  status LowCardinality(String),
  withdrawn_at Nullable(DateTime64(3, 'UTC')),
  withdrawn_by String,
  withdraw_reason String,
  replaced_by String,
  purged_at Nullable(DateTime64(3, 'UTC')),
  version UInt64
) ENGINE = ReplacingMergeTree(version) ORDER BY batch_id;

-- A fact sheet certified over a period with missing data records why it was certified anyway ('' when complete).
ALTER TABLE fact_sheets ADD COLUMN IF NOT EXISTS incomplete_override String DEFAULT '';
