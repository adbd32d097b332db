-- A target follows the filters it was set for (libs/server/analytics/src/targets): `filters` holds the dimension
-- filters other than the amanah as canonical JSON ('' = none). Every target stored before this migration gets '' (the
-- type's default: ClickHouse forbids an explicit DEFAULT on a column added to the sorting key), as have those of
-- dashboards/targets.json. It joins the sorting key, so a channel = app target and the unfiltered one of the same
-- metric, amanah and period are two targets, not two versions of one.
ALTER TABLE targets ADD COLUMN IF NOT EXISTS filters String, MODIFY ORDER BY (metric, amanah, starts_on, ends_on, filters);
