-- Sessions signed out before they expired (libs/server/access `signed-out-sessions.ts`): `DELETE /api/session` writes
-- the session id here, and every API process refuses that session's cookie from then on (each re-reads this table at
-- most every few seconds). A row is of no use once the session has expired; the TTL drops it a day later.
CREATE TABLE IF NOT EXISTS signed_out_sessions (
  session_id String,
  expires_at DateTime('UTC'),
  signed_out_at DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ReplacingMergeTree ORDER BY session_id TTL expires_at + INTERVAL 1 DAY;
