import type { Comparison, DateRange } from '@amanah/calendar';
import type { Localized } from '@amanah/metrics';
import { COMPARISONS, GRANULARITIES } from '@amanah/domain';
import { z } from 'zod';

/**
 * The report model: what a workbook, a PDF or an e-mail of a dashboard view or a certified fact sheet holds. Numbers
 * stay the AnalyticsService's answers, unrounded; the renderers (xlsx.ts, html.ts) format them.
 */
export type ReportLanguage = 'ar' | 'en';
export type ReportDigits = 'arab' | 'latn';
export type ReportCalendar = 'gregory' | 'hijri';

/** How a reader wants numbers and dates: the dashboard's own display preferences. */
export interface ReportPrefs {
  lang: ReportLanguage;
  digits: ReportDigits;
  calendar: ReportCalendar;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');

/** A dashboard view as the dashboard's URL names it; validated with `parseReportView` (HTTP, delivery schedules). */
export const reportViewSchema = z
  .object({
    dashboard: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a dashboard id is lowercase words joined by hyphens'),
    /** One amanah; absent = every amanah the caller may see. */
    amanah: z.string().min(1).optional(),
    /** Filters on other dimensions, as the dashboard's `f.<dimension>` (each widget takes those its metric can). */
    filters: z.array(z.object({ dimension: z.string().min(1).max(100), values: z.array(z.string().min(1).max(200)).min(1).max(100) }).strict()).max(20).optional(),
    /** Default: the dashboard's default preset. */
    range: z.union([
      /** `hijriYear`: a season preset's Hijri year (Ramadan 1445); the analytics service checks the pair. */
      z.object({ preset: z.string().min(1), hijriYear: z.number().int().optional() }).strict(),
      z.object({ from: isoDate, to: isoDate }).strict(),
    ]).optional(),
    /** Default: the dashboard's own. */
    compare: z.enum(COMPARISONS).optional(),
    /** Buckets of trends; default: the dashboard's own. */
    granularity: z.enum(GRANULARITIES).optional(),
    lang: z.enum(['ar', 'en']).default('ar'),
    digits: z.enum(['arab', 'latn']).default('latn'),
    calendar: z.enum(['gregory', 'hijri']).default('gregory'),
  })
  .strict();

export type ReportView = z.input<typeof reportViewSchema>;

export const reportPrefsSchema = z
  .object({
    lang: z.enum(['ar', 'en']).default('ar'),
    digits: z.enum(['arab', 'latn']).default('latn'),
    calendar: z.enum(['gregory', 'hijri']).default('gregory'),
  })
  .strict();

/** A metric's meaning, as the export states it once per metric. */
export interface ReportMetric {
  id: string;
  label: Localized;
  description: Localized;
  /** How it is computed (the API's provenance.definition, e.g. "count of office_visits rows by event time"). */
  definition: string;
  /** The dataset its rows come from. */
  dataset: string;
  /** The tables the answer was read from (rollup or raw). */
  table: string;
  unit: string;
  exact: boolean;
}

/** What an export is: the scope of every number in it. */
export interface ReportContext {
  kind: 'dashboard' | 'fact-sheet';
  /** The dashboard's id, or the fact sheet's. */
  id: string;
  title: Localized;
  /** The amanah, or the amanahs a scoped key sees, or every amanah ("all"). */
  amanah: { ids: readonly string[] | 'all'; name: Localized };
  /** A dashboard view's filters on other dimensions, as read ("Channel: Portal, Balady"); absent when none. */
  filters?: Localized;
  range: DateRange;
  compare: Comparison;
  previousRange: DateRange | null;
  /** The newest event time among the answers (Asia/Riyadh wall clock), null when no rows. */
  asOf: string | null;
  /** The newest of the answers' last uploads (Provenance.lastUploadAt): an ISO instant (UTC), null when none is known. */
  lastUploadAt: string | null;
  dataVersion: number;
  /** When the export was made: an ISO instant (UTC). */
  generatedAt: string;
  /** Certified fact sheets: who locked it and when. */
  certified?: { lockedAt: string; lockedBy: string; restatedCount: number };
  metrics: ReportMetric[];
  prefs: ReportPrefs;
}

export type ReportCell = string | number | null;

/**
 * `metric`: a value in its metric's unit (a percent metric holds percents, 94.8); `percent`: a share or change in
 * percent; `number`: a count or rank; `date`: YYYY-MM-DD; text cells are in the report's language.
 */
export interface ReportColumn {
  key: string;
  /** In the report's language. */
  label: string;
  /** `hijri`: the Umm al-Qura date of the row's `date` (YYYY-MM-DD, Latin digits), for workbooks and CSV. */
  kind: 'text' | 'number' | 'metric' | 'percent' | 'date' | 'hijri';
}

export interface ReportTable {
  columns: ReportColumn[];
  rows: Array<Record<string, ReportCell>>;
}

/** A headline value: a KPI widget, or a fact sheet figure. */
export interface ReportCard {
  value: number | null;
  previous: number | null;
  change: number | null;
  changePct: number | null;
  target: number | null;
  attainmentPct: number | null;
  /** Fact sheets: the locked figure's phrase and sentence. */
  phrase?: Localized;
  sentence?: Localized;
}

/** One widget (or figure): a title, its metric, maybe a card, and its data as a table. */
export interface ReportSection {
  id: string;
  type: string;
  title: Localized;
  metric: string;
  unit: string;
  decimals: number;
  /** Trends: the size of a row's bucket (its `date` is the bucket's first day). */
  granularity?: string;
  card: ReportCard | null;
  table: ReportTable;
}

export interface Report {
  context: ReportContext;
  sections: ReportSection[];
}
