-- Which amanahs an ingest request wrote rows for, and how many each. A fact sheet's restatement explains a changed
-- figure by the batches committed after its lock; without this it counted every amanah's batches into one amanah's
-- sheet. Audit rows written before this migration have an empty map: their amanahs were never recorded.
ALTER TABLE ingest_audit ADD COLUMN IF NOT EXISTS rows_by_amanah Map(LowCardinality(String), UInt64) AFTER rows_inserted;
