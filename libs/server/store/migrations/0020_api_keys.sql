-- API keys (libs/server/access). The secret is never stored: `secret_hash` is scrypt over the secret with a per-key
-- salt, written `scrypt$N$r$p$salt$hash` so the cost can be raised later without a migration.
-- ReplacingMergeTree by id, read with FINAL: revoking a key inserts a new version of its row (version 2, with
-- revoked_at), so a key's history needs no UPDATE and two revocations of one key still leave one row.
-- `all_amanahs` true means the key sees every amanah and `amanahs` is empty.
CREATE TABLE IF NOT EXISTS api_keys (
  id String,
  label String,
  role LowCardinality(String),
  all_amanahs Bool,
  amanahs Array(LowCardinality(String)),
  secret_hash String,
  created_at DateTime64(3, 'UTC'),
  revoked_at Nullable(DateTime64(3, 'UTC')),
  version UInt8
) ENGINE = ReplacingMergeTree(version) ORDER BY id;
