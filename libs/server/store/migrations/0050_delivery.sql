-- Delivery (libs/server/delivery): report subscriptions, alert rules, their firings, every delivery (e-mail or
-- webhook), and the lease that lets one process run the schedule. ClickHouse has no transactions, so nothing here
-- is updated in place: a change is a new row version (ReplacingMergeTree, read with FINAL), and where two processes
-- may race for one thing (the lease's next term, a delivery's slot, an alert's next firing) each inserts a claim row
-- and then reads the claims back: the earliest claim wins, and every process reads the same winner.

-- A subscription: what to send (a dashboard view or a fact sheet), to whom, when. The creator's scope is kept with
-- it, and every report runs with that scope. `deleted` is a later version of the row.
CREATE TABLE IF NOT EXISTS delivery_subscriptions (
  id String,
  created_by_key_id String,
  created_by_label String,
  creator_role LowCardinality(String),
  creator_all_amanahs Bool,
  creator_amanahs Array(LowCardinality(String)),
  dashboard String,
  fact_sheet String,
  amanah LowCardinality(String),
  range_json String,
  compare LowCardinality(String),
  recipients Array(String),
  schedule_every LowCardinality(String),
  schedule_at String,
  schedule_weekday UInt8,
  schedule_day_of_month UInt8,
  lang LowCardinality(String),
  digits LowCardinality(String),
  created_at DateTime64(3, 'UTC'),
  deleted Bool,
  version UInt64
) ENGINE = ReplacingMergeTree(version) ORDER BY id;

-- An alert rule. `webhook_secret` keys the HMAC of its webhooks; GraphQL shows it once, at creation.
CREATE TABLE IF NOT EXISTS delivery_alert_rules (
  id String,
  created_by_key_id String,
  created_by_label String,
  creator_role LowCardinality(String),
  creator_all_amanahs Bool,
  creator_amanahs Array(LowCardinality(String)),
  metric LowCardinality(String),
  amanah LowCardinality(String),
  filters_json String,
  range_json String,
  condition LowCardinality(String),
  threshold Float64,
  recipients Array(String),
  webhook_url String,
  webhook_secret String,
  created_at DateTime64(3, 'UTC'),
  deleted Bool,
  version UInt64
) ENGINE = ReplacingMergeTree(version) ORDER BY id;

-- A rule's last evaluation: whether it was breached and how many times it has fired (the next firing's number).
CREATE TABLE IF NOT EXISTS delivery_alert_state (
  rule_id String,
  breached Bool,
  firings UInt32,
  value Nullable(Float64),
  evaluated_at DateTime64(3, 'UTC'),
  version UInt64
) ENGINE = ReplacingMergeTree(version) ORDER BY rule_id;

-- Every firing, written once: id is `<rule>#<n>`, claimed first (delivery_claims) so two evaluations cannot both fire it.
CREATE TABLE IF NOT EXISTS delivery_alert_firings (
  id String,
  rule_id String,
  metric LowCardinality(String),
  amanah LowCardinality(String),
  condition LowCardinality(String),
  value Float64,
  threshold Float64,
  fired_at DateTime64(3, 'UTC')
) ENGINE = MergeTree ORDER BY (rule_id, fired_at, id);

-- Every delivery, recorded before it is sent: PENDING → SENDING → SENT, or back to PENDING with the next attempt's
-- time, or FAILED. `version` grows with each step of one delivery.
CREATE TABLE IF NOT EXISTS delivery_deliveries (
  id String,
  kind LowCardinality(String),
  subscription_id String,
  rule_id String,
  firing_id String,
  slot Nullable(DateTime64(3, 'UTC')),
  target String,
  status LowCardinality(String),
  attempts UInt16,
  last_error String,
  next_attempt_at DateTime64(3, 'UTC'),
  created_at DateTime64(3, 'UTC'),
  updated_at DateTime64(3, 'UTC'),
  version UInt32
) ENGINE = ReplacingMergeTree(version) ORDER BY id;

-- Claims: for each key, the row inserted first (by the engine's clock, then by claimant) wins. Keys are
-- `lease:<name>:<term>`, `slot:<subscription>@<slot>`, `firing:<rule>#<n>`.
CREATE TABLE IF NOT EXISTS delivery_claims (
  key String,
  claimant String,
  claimed_at DateTime64(9, 'UTC') DEFAULT now64(9),
  expires_at DateTime64(3, 'UTC')
) ENGINE = MergeTree ORDER BY (key, claimed_at, claimant);
