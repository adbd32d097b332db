import type { DatasetName } from '@amanah/domain';

/**
 * The one registry of the tables that materialized views fill from the event tables (migrations 0003 to 0006, 0100, 0105, 0120): which
 * columns each keeps and which measure stands for a row count, a column's sum, a sketch or a duration. The planner
 * reads a rollup only when every column a query touches is listed here; DERIVED_TABLES (emptied with the event
 * tables) is this list's names. rollups.integration-spec.ts checks it against the columns of a migrated store, and
 * migrations.integration-spec.ts checks that every materialized view writes into one of these tables.
 */
export interface RollupDefinition {
  table: string;
  /** The time column: `day` (daily rollups, duration tables) or `month` (its first day; monthly rollups, histograms). */
  time: 'day' | 'month';
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
  /** Raw column → the column holding its 128-bit SipHash, the key uniqExact counts a String by (a visitor-days table). */
  keys?: Record<string, string>;
  /**
   * A visitor-days table (migration 0105): the column holding each row's array of days with events, in place of `time`;
   * `year` (the partition key) is the year of those days.
   */
  days?: string;
}

/** The daily rollups of migration 0003. */
export const ROLLUPS: Partial<Record<DatasetName, RollupDefinition>> = {
  portal_visits: {
    table: 'portal_visits_daily', time: 'day', rows: 'visits', sums: {}, columns: ['amanah', 'channel', 'device', 'source'],
    sketches: { visitor_id: 'visitors_sketch' },
  },
  service_requests: { table: 'service_requests_daily', time: 'day', rows: 'requests', sums: {}, columns: ['amanah', 'service', 'channel', 'status'] },
  licenses: { table: 'licenses_daily', time: 'day', rows: 'issued', sums: {}, columns: ['amanah', 'license_type', 'channel'] },
  citizen_reports: {
    table: 'citizen_reports_daily', time: 'day', rows: 'received', sums: {},
    columns: ['amanah', 'city', 'channel', 'category', 'priority', 'status'],
  },
  notifications: { table: 'notifications_daily', time: 'day', sums: { count: 'sent' }, columns: ['amanah', 'kind'] },
  office_visits: {
    table: 'office_visits_daily', time: 'day', rows: 'visits', sums: {}, columns: ['amanah', 'office', 'with_appointment', 'service'],
  },
  support_tickets: { table: 'support_tickets_daily', time: 'day', rows: 'tickets', sums: {}, columns: ['amanah', 'channel', 'category'] },
  participations: { table: 'participations_daily', time: 'day', rows: 'participations', sums: {}, columns: ['amanah', 'kind', 'channel'] },
  archived_documents: {
    table: 'archived_documents_daily', time: 'day', sums: { documents: 'documents', attachments: 'attachments' }, columns: ['amanah'],
  },
};

/**
 * The monthly rollups of migration 0005: the daily rollups' measures by month (citizen reports without `city`), with
 * `month` for `day` and `last_day` (newest day with data).
 */
export const MONTHLY_ROLLUPS: Partial<Record<DatasetName, RollupDefinition>> = Object.fromEntries(
  Object.entries(ROLLUPS).map(([dataset, daily]) => [
    dataset,
    {
      ...daily,
      table: daily!.table.replace(/_daily$/, '_monthly'),
      time: 'month',
      columns: daily!.columns.filter((column) => column !== 'city'),
    },
  ]),
);

/**
 * The lean monthly rollups of migration 0100: monthly rollups with fewer dimensions (same measures, `month` and
 * `last_day`), so a query that touches none of the others reads far fewer rows. The planner prefers one to the
 * dataset's monthly rollup whenever it has every column the query touches.
 */
export const LEAN_MONTHLY_ROLLUPS: Partial<Record<DatasetName, RollupDefinition>> = {
  service_requests: { ...MONTHLY_ROLLUPS.service_requests!, table: 'service_requests_lean_monthly', columns: ['amanah', 'channel', 'status'] },
  citizen_reports: { ...MONTHLY_ROLLUPS.citizen_reports!, table: 'citizen_reports_lean_monthly', columns: ['amanah', 'status'] },
};

/** The duration tables of migration 0004, for the median metrics of their dataset. */
export const DURATION_TABLES: Partial<Record<DatasetName, RollupDefinition>> = {
  service_requests: { table: 'service_completions', time: 'day', sums: {}, columns: ['amanah', 'service', 'channel'], durationSeconds: 'seconds' },
  citizen_reports: {
    table: 'report_resolutions', time: 'day', sums: {}, columns: ['amanah', 'channel', 'category', 'priority'], durationSeconds: 'seconds',
  },
};

/**
 * The monthly duration histograms of migration 0006, for the approximate form of the median metrics: bucket b
 * (`log_bucket`) holds the durations whose log base HISTOGRAM_RATIO rounds to b, a range 2 % wide; the median is
 * interpolated within its bucket, so it is within the bucket's width of the exact one.
 */
export const DURATION_HISTOGRAMS: Partial<Record<DatasetName, RollupDefinition>> = {
  service_requests: { table: 'service_completion_histogram', time: 'month', rows: 'completions', sums: {}, columns: ['amanah'] },
  citizen_reports: { table: 'report_resolution_histogram', time: 'month', rows: 'resolutions', sums: {}, columns: ['amanah'] },
};

/**
 * The lean duration histograms of migration 0120: the histograms by month and bucket alone (summed over amanahs), for
 * an approximate median that touches no amanah. The planner prefers one to the histogram by amanah when it can.
 */
export const LEAN_DURATION_HISTOGRAMS: Partial<Record<DatasetName, RollupDefinition>> = {
  service_requests: { ...DURATION_HISTOGRAMS.service_requests!, table: 'service_completion_lean_histogram', columns: [] },
  citizen_reports: { ...DURATION_HISTOGRAMS.citizen_reports!, table: 'report_resolution_lean_histogram', columns: [] },
};

/** The histograms' bucket ratio: the 1.02 of migration 0006's views. */
export const HISTOGRAM_RATIO = 1.02;
export const HISTOGRAM_ERROR_PCT = 2;
/** Buckets 0…1199 reach 1.02^1199 s, centuries: more than any duration between two valid timestamps. */
export const HISTOGRAM_BUCKETS = 1200;

/**
 * uniqCombined64 keeps an HyperLogLog of 2^17 cells for large sets: a standard error of 1.04/√2^17 ≈ 0.29 %, so ±1 %
 * is a bound at more than three standard errors (small sets are counted exactly by the same function).
 */
export const SKETCH_ERROR_PCT = 1;

/**
 * The visitor-days table of migration 0105, for exact distinct visitors: one row per year, amanah and visitor with the
 * days it visited, so a distinct count over two years and any amanahs reads ~9 million rows at 100 million visits, not
 * every visit.
 */
export const VISITOR_DAYS: Partial<Record<DatasetName, RollupDefinition>> = {
  portal_visits: { table: 'portal_visitor_days', time: 'day', sums: {}, columns: ['amanah'], keys: { visitor_id: 'visitor' }, days: 'days' },
};

/** Every table of the registry. */
export const ROLLUP_TABLES: readonly RollupDefinition[] = [
  ROLLUPS, MONTHLY_ROLLUPS, LEAN_MONTHLY_ROLLUPS, DURATION_TABLES, DURATION_HISTOGRAMS, LEAN_DURATION_HISTOGRAMS, VISITOR_DAYS,
].flatMap(
  (tables) => Object.values(tables) as RollupDefinition[],
);

/**
 * Tables that materialized views fill from the event tables: whoever empties an event table empties these too.
 */
export const DERIVED_TABLES: readonly string[] = ROLLUP_TABLES.map((rollup) => rollup.table);
