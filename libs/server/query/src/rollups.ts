import type { DatasetName } from '@amanah/domain';

/**
 * The daily rollup tables of migration 0003, described for the planner: which columns each keeps and which
 * measure stands for a row count or a column's sum. A query reads a rollup only when every column it touches is here.
 */
export interface RollupDefinition {
  table: string;
  /** The column holding the number of raw rows of the group. */
  rows?: string;
  /** Raw column → rollup column holding its sum. */
  sums: Record<string, string>;
  /** Dimension columns kept, named as in the raw table. */
  columns: readonly string[];
  /** An approximate distinct-count sketch of a raw column (uniqCombined64 state). */
  sketches?: Record<string, string>;
  /**
   * A duration table (migration 0004): one row per event that meets the median metric's condition, with its
   * duration in this column, so an exact median reads one narrow column.
   */
  durationSeconds?: string;
}

export const ROLLUPS: Partial<Record<DatasetName, RollupDefinition>> = {
  portal_visits: {
    table: 'portal_visits_daily', rows: 'visits', sums: {}, columns: ['amanah', 'channel', 'device', 'source'],
    sketches: { visitor_id: 'visitors_sketch' },
  },
  service_requests: { table: 'service_requests_daily', rows: 'requests', sums: {}, columns: ['amanah', 'service', 'channel', 'status'] },
  licenses: { table: 'licenses_daily', rows: 'issued', sums: {}, columns: ['amanah', 'license_type', 'channel'] },
  citizen_reports: {
    table: 'citizen_reports_daily', rows: 'received', sums: {},
    columns: ['amanah', 'city', 'channel', 'category', 'priority', 'status'],
  },
  notifications: { table: 'notifications_daily', sums: { count: 'sent' }, columns: ['amanah', 'kind'] },
  office_visits: {
    table: 'office_visits_daily', rows: 'visits', sums: {}, columns: ['amanah', 'office', 'with_appointment', 'service'],
  },
  support_tickets: { table: 'support_tickets_daily', rows: 'tickets', sums: {}, columns: ['amanah', 'channel', 'category'] },
  participations: { table: 'participations_daily', rows: 'participations', sums: {}, columns: ['amanah', 'kind', 'channel'] },
  archived_documents: {
    table: 'archived_documents_daily', sums: { documents: 'documents', attachments: 'attachments' }, columns: ['amanah'],
  },
};

/**
 * uniqCombined64 keeps an HyperLogLog of 2^17 cells for large sets: a standard error of 1.04/√2^17 ≈ 0.29 %, so ±1 %
 * is a bound at more than three standard errors (small sets are counted exactly by the same function).
 */
export const SKETCH_ERROR_PCT = 1;

/**
 * The monthly duration histograms of migration 0006, for the approximate form of the median metrics: bucket b holds the
 * durations whose log base HISTOGRAM_RATIO rounds to b, a range 2 % wide; the median is interpolated within its bucket,
 * so it is within the bucket's width of the exact one (in practice within a few hundredths of a percent).
 */
export const HISTOGRAM_RATIO = 1.02;
export const HISTOGRAM_ERROR_PCT = 2;
/** Buckets 0…1199 reach 1.02^1199 s, centuries: more than any duration between two valid timestamps. */
export const HISTOGRAM_BUCKETS = 1200;
export const DURATION_HISTOGRAMS: Partial<Record<DatasetName, RollupDefinition>> = {
  service_requests: { table: 'service_completion_histogram', rows: 'completions', sums: {}, columns: ['amanah'] },
  citizen_reports: { table: 'report_resolution_histogram', rows: 'resolutions', sums: {}, columns: ['amanah'] },
};

/** The duration tables of migration 0004, for the median metrics of their dataset. */
export const DURATION_TABLES: Partial<Record<DatasetName, RollupDefinition>> = {
  service_requests: { table: 'service_completions', sums: {}, columns: ['amanah', 'service', 'channel'], durationSeconds: 'seconds' },
  citizen_reports: { table: 'report_resolutions', sums: {}, columns: ['amanah', 'channel', 'category', 'priority'], durationSeconds: 'seconds' },
};

/**
 * The monthly rollups of migration 0005: the daily rollups' columns by month (citizen reports without `city`), with
 * `month` for `day` and `last_day` (newest day with data). The planner reads whole months from them and the days
 * around those from the daily rollup, for series by month or coarser.
 */
export const MONTHLY_ROLLUPS: Partial<Record<DatasetName, RollupDefinition>> = Object.fromEntries(
  Object.entries(ROLLUPS).map(([dataset, daily]) => [
    dataset,
    {
      ...daily,
      table: daily!.table.replace(/_daily$/, '_monthly'),
      columns: daily!.columns.filter((column) => column !== 'city'),
    },
  ]),
);
