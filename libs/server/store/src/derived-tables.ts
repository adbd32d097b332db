import { DATASET_NAMES } from '@amanah/domain';

/**
 * Tables that materialized views fill from the event tables (migrations 0003 and 0004): the daily rollups and the
 * duration tables of the median metrics. Whoever empties an event table empties these too; a store test checks
 * that every materialized view writes into one of them.
 */
export const DERIVED_TABLES: readonly string[] = [
  ...DATASET_NAMES.filter((d) => !['social_stats', 'indicator_snapshots'].includes(d)).map((d) => `${d}_daily`),
  'service_completions',
  'report_resolutions',
];
