-- One row per change of the data that answers are computed from (an ingest commit, a seeding, a withdrawal). The
-- data version is their count: every API process reads it for each request, so an answer cached by one process
-- is never served after another process has written (see libs/server/store/src/data-version.ts).
CREATE TABLE IF NOT EXISTS data_changes
(
    at DateTime64(3, 'UTC') DEFAULT now64(3),
    kind LowCardinality(String),
    ref String
)
ENGINE = MergeTree
ORDER BY at;
