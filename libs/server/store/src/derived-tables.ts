import { DATASET_NAMES } from '@amanah/domain';

const ROLLED_UP = DATASET_NAMES.filter((d) => !['social_stats', 'indicator_snapshots'].includes(d));

/**
 * Tables that materialized views fill from the event tables (migrations 0003 to 0006): the daily and monthly
 * rollups, the duration tables of the median metrics and their histograms. Whoever empties an event table empties these too; a store test checks
 * that every materialized view writes into one of them.
 */
export const DERIVED_TABLES: readonly string[] = [
  ...ROLLED_UP.map((d) => `${d}_daily`),
  ...ROLLED_UP.map((d) => `${d}_monthly`),
  'service_completions',
  'report_resolutions',
  'service_completion_histogram',
  'report_resolution_histogram',
];
