-- Idempotency-Keys are scoped per API key. ingest_batches (0010) is ordered by (dataset, idempotency_key), so two
-- keys that sent the same Idempotency-Key shared one ledger row: the second learned whether the first had sent a
-- batch with that key (and with which body: duplicate or 409), and a key could squat another's Idempotency-Keys.
-- The ledger's identity is (dataset, API key id, Idempotency-Key): the same columns, ordered by that. The sorting
-- key of a table cannot take an existing column, hence a new table. Existing rows keep their state (committed keys
-- are still answered as duplicates to the key that sent them); ingest_batches is no longer written.
CREATE TABLE IF NOT EXISTS ingest_ledger (
  dataset LowCardinality(String),
  principal_key_id String,
  idempotency_key String,
  batch_id String,
  state LowCardinality(String),
  body_sha256 String,
  rows UInt64,
  chunks UInt32,
  updated_at DateTime64(3, 'Asia/Riyadh') DEFAULT now64(3),
  version UInt64
) ENGINE = ReplacingMergeTree(version) ORDER BY (dataset, principal_key_id, idempotency_key);

-- Idempotent: a second run inserts the same rows with the same versions, which FINAL reads as one.
INSERT INTO ingest_ledger (dataset, principal_key_id, idempotency_key, batch_id, state, body_sha256, rows, chunks, updated_at, version)
SELECT dataset, principal_key_id, idempotency_key, batch_id, state, body_sha256, rows, chunks, updated_at, version
FROM ingest_batches FINAL;
