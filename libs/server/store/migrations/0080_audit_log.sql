-- The audit log (libs/server/access `audit-log.ts`): who did what to which object, when, with what outcome. One row
-- per audited action (sign-ins, key creation and revocation, batch withdrawals, fact-sheet certification and reading,
-- exports), written after the action; read by admins (GraphQL `auditLog`, `kpi audit list`). Append only.
-- `actor_id`: an API key id, `bootstrap-admin`, `oidc:<subject>` for a ministry-account session, `cli` for the
-- command line, or '' when nobody was identified (a refused sign-in).
CREATE TABLE IF NOT EXISTS audit_log (
  at DateTime64(3, 'UTC') DEFAULT now64(3),
  actor_id String,
  actor_label String,
  actor_role LowCardinality(String),
  action LowCardinality(String),
  object_type LowCardinality(String),
  object_id String,
  outcome LowCardinality(String),
  detail String
) ENGINE = MergeTree PARTITION BY toYYYYMM(at) ORDER BY (action, at);
