/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** ABOVE/BELOW: the value against the threshold; CHANGE_PCT_ABOVE/BELOW: the change against the previous period, in percent; ATTAINMENT_BELOW: target attainment in percent; STALE_DAYS: days without new data. */
export type AlertCondition =
  | 'ABOVE'
  | 'ATTAINMENT_BELOW'
  | 'BELOW'
  | 'CHANGE_PCT_ABOVE'
  | 'CHANGE_PCT_BELOW'
  | 'STALE_DAYS';

/** An event to mark on the charts. */
export type AnnotationInput = {
  /** The amanahs it concerns; none: every amanah of the caller’s scope. */
  amanahs?: Array<string | number> | null | undefined;
  /** First day, included. */
  from: string;
  /** What it is. */
  kind: AnnotationKind;
  /** A campaign’s metric (a count or a sum): its lift is measured on it. */
  metric?: string | number | null | undefined;
  /** Arabic title. */
  titleAr: string;
  /** English title. */
  titleEn: string;
  /** Last day, included. */
  to: string;
};

/** What an annotation marks: a campaign, an outage, a holiday or a policy change. */
export type AnnotationKind =
  | 'CAMPAIGN'
  | 'HOLIDAY'
  | 'OUTAGE'
  | 'POLICY';

/** What a value is compared with: nothing, the period of the same length just before (in months for whole months, else in days), the same period a year earlier (a Hijri year for Hijri presets), or the same Hijri dates one Hijri year earlier (SAME_PERIOD_LAST_HIJRI_YEAR; a season preset: the same season). */
export type Comparison =
  | 'NONE'
  | 'PREVIOUS_PERIOD'
  | 'SAME_PERIOD_LAST_HIJRI_YEAR'
  | 'SAME_PERIOD_LAST_YEAR';

/** An event dataset: a table of the store, and what ingest accepts at /api/ingest/<dataset>. */
export type Dataset =
  | 'archived_documents'
  | 'citizen_reports'
  | 'indicator_snapshots'
  | 'licenses'
  | 'notifications'
  | 'office_visits'
  | 'participations'
  | 'portal_visits'
  | 'service_requests'
  | 'social_stats'
  | 'support_tickets';

/** A range of days, both ends included: from/to, or a preset. */
export type DateRangeInput = {
  /** First day, included. */
  from?: string | null | undefined;
  /** With a season preset (ramadan, hajj_season, eid_al_fitr, eid_al_adha): the Hijri year whose season is meant (default: the latest begun). */
  hijriYear?: number | null | undefined;
  /** A named range instead of from/to. */
  preset?: RangePreset | null | undefined;
  /** Last day, included. */
  to?: string | null | undefined;
};

/** REPORT: a subscription’s e-mail; ALERT_EMAIL and WEBHOOK: an alert firing’s. */
export type DeliveryKind =
  | 'ALERT_EMAIL'
  | 'REPORT'
  | 'WEBHOOK';

/** PENDING (recorded, waiting for an attempt), SENDING, SENT, FAILED (attempts spent or refused). */
export type DeliveryStatus =
  | 'FAILED'
  | 'PENDING'
  | 'SENDING'
  | 'SENT';

/** Which way a change is an improvement. */
export type Direction =
  | 'down_is_good'
  | 'up_is_good';

/** Keep only rows whose dimension has one of the values. */
export type FilterInput = {
  /** A dimension id the metric allows (see Metric.dimensions). */
  dimension: string | number;
  /** Values of that dimension, e.g. amanah ids. */
  values: Array<string>;
};

/** Bucket size of a series. Weeks start on Sunday; HIJRI_* are Umm al-Qura months, quarters (months 1–3, 4–6, 7–9, 10–12) and years. A bucket is dated by its first Gregorian day. */
export type Granularity =
  | 'DAY'
  | 'HIJRI_MONTH'
  | 'HIJRI_QUARTER'
  | 'HIJRI_YEAR'
  | 'MONTH'
  | 'QUARTER'
  | 'WEEK'
  | 'YEAR';

/** COMMITTED: its rows count. WITHDRAWN: they no longer count (kept for audit until purged). WITHDRAWING: for a moment. */
export type IngestBatchStatus =
  | 'COMMITTED'
  | 'WITHDRAWING'
  | 'WITHDRAWN';

/** ABOVE_/BELOW_BASELINE: the window’s total lies outside the baseline’s 95 % prediction interval; WITHIN_BASELINE: inside it; INSUFFICIENT_BASELINE: fewer than 4 baseline weeks, too few for a claim; NOT_STARTED: no day of the campaign has passed. */
export type LiftClaim =
  | 'ABOVE_BASELINE'
  | 'BELOW_BASELINE'
  | 'INSUFFICIENT_BASELINE'
  | 'NOT_STARTED'
  | 'WITHIN_BASELINE';

/** The calendar of the dates in sentences: GREGORY ("1 يناير 2024"), or HIJRI, Umm al-Qura ("1 رمضان 1446 هـ"). */
export type PressCalendar =
  | 'GREGORY'
  | 'HIJRI';

/** LATN: 0–9. ARAB: Arabic-Indic ٠–٩ (and ٪). */
export type PressDigits =
  | 'ARAB'
  | 'LATN';

/** The language of `phrase`, `changePhrase` and `sentence` (both are always in `sentences`). */
export type PressLanguage =
  | 'AR'
  | 'EN';

/** How much of a figure a phrase keeps. AUTO: SCALE_STEP from 100,000 up ("أكثر من 6 ملايين"), EXACT below ("1733"). EXACT: every digit as a numeral. COMPOUND: every digit with scale words ("14 ألفًا و470"). THOUSAND: down to the thousand. SCALE_STEP: the leading scale only. SCALE_DECIMAL: millions with one decimal ("1.8 مليون"). Every mode but EXACT and COMPOUND rounds down and then says "أكثر من" / "more than". */
export type PressPrecision =
  | 'AUTO'
  | 'COMPOUND'
  | 'EXACT'
  | 'SCALE_DECIMAL'
  | 'SCALE_STEP'
  | 'THOUSAND';

/** rollup: a daily rollup table answered exactly; raw: the event rows. */
export type ProvenanceSource =
  | 'raw'
  | 'rollup';

/** Named ranges, resolved against today in Asia/Riyadh; periods that have not ended stop at today. Seasons (the latest begun, or DateRangeInput.hijriYear's): ramadan (the month), hajj_season (1–13 Dhu al-Hijjah), eid_al_fitr (the official four-day holiday after 29 Ramadan), eid_al_adha (the official four days from the Day of Arafah, 9–12 Dhu al-Hijjah). */
export type RangePreset =
  | 'all_time'
  | 'eid_al_adha'
  | 'eid_al_fitr'
  | 'h1'
  | 'h2'
  | 'hajj_season'
  | 'last_2_years'
  | 'last_7_days'
  | 'last_30_days'
  | 'last_hijri_year'
  | 'last_month'
  | 'last_quarter'
  | 'last_year'
  | 'ramadan'
  | 'this_hijri_year'
  | 'this_month'
  | 'this_quarter'
  | 'this_year'
  | 'today'
  | 'yesterday'
  | 'ytd';

/** DAY; WEEK (a weekday); MONTH (a day of the month); HIJRI_MONTH (the first day of each Umm al-Qura month). */
export type ScheduleEvery =
  | 'DAY'
  | 'HIJRI_MONTH'
  | 'MONTH'
  | 'WEEK';

/** When a subscription is sent, at a time of day in Asia/Riyadh. */
export type ScheduleInput = {
  /** "HH:MM", 24-hour, Asia/Riyadh. */
  at: string;
  /** MONTH: 1–31 (in a shorter month, its last day). */
  dayOfMonth?: number | null | undefined;
  /** How often. */
  every: ScheduleEvery;
  /** WEEK: 1 = Sunday … 7 = Saturday. */
  weekday?: number | null | undefined;
};

/** A report subscription: a dashboard view or a certified fact sheet, e-mailed on a schedule. */
export type SubscriptionInput = {
  /** The amanah; may be left out by a key limited to one amanah. */
  amanah?: string | number | null | undefined;
  /** Change against this period in each sentence; default PREVIOUS_PERIOD. */
  compare?: Comparison | null | undefined;
  /** A dashboard id (or give factSheet). */
  dashboard?: string | number | null | undefined;
  /** Digits of the figures; default LATN. */
  digits?: PressDigits | null | undefined;
  /** A certified fact sheet id (or give dashboard). */
  factSheet?: string | number | null | undefined;
  /** Language of the e-mail; default AR. */
  lang?: PressLanguage | null | undefined;
  /** The days reported; default the last whole period before each send (yesterday, the last 7 days, last month, last Hijri month). */
  range?: DateRangeInput | null | undefined;
  /** E-mail addresses (1–20). */
  recipients: Array<string>;
  /** When. */
  schedule: ScheduleInput;
};

/** The calendar a target’s period was set in. */
export type TargetCalendar =
  | 'GREGORIAN'
  | 'HIJRI';

/** A target to set or change: metric × amanah × period (a Gregorian year or month, or a Hijri year). */
export type TargetInput = {
  /** Amanah id; none: every amanah, summed (the national target). */
  amanah?: string | number | null | undefined;
  /** GREGORIAN (a year, or a month with `month`) or HIJRI (a whole Hijri year). */
  calendar: TargetCalendar;
  /** The dimension filters (not the amanah) it is for, e.g. channel = app; none: the metric unfiltered. It applies only to questions with exactly these filters. */
  filters?: Array<FilterInput> | null | undefined;
  /** Metric id. */
  metric: string | number;
  /** A Gregorian month, 1–12; none: the whole year. */
  month?: number | null | undefined;
  /** The target over the whole period (counts and sums are prorated to a range). */
  value: number;
  /** The year, in that calendar. */
  year: number;
};

/** How a trend is drawn: line or area. */
export type TrendChart =
  | 'area'
  | 'line';

/** What a metric’s value counts: count, percent, hours or sar (Saudi riyals). */
export type Unit =
  | 'count'
  | 'hours'
  | 'percent'
  | 'sar';

/** What a widget shows: kpi, trend, bar, donut, ranking or heatmap. */
export type WidgetType =
  | 'bar'
  | 'donut'
  | 'heatmap'
  | 'kpi'
  | 'ranking'
  | 'trend';

export type AnnotationsQueryVariables = Exact<{
  range: DateRangeInput;
  amanah?: string | number | null | undefined;
}>;


export type AnnotationsQuery = { annotations: Array<{ id: string, kind: AnnotationKind, from: string, to: string, amanahs: Array<string>, metric: string | null, createdBy: string, createdAt: string, title: { ar: string, en: string }, lift: { from: string, to: string | null, days: number, baselineWeeks: number, observed: number, baseline: number, baselineSd: number, intervalLow: number, intervalHigh: number, lift: number, liftPct: number | null, claim: LiftClaim } | null }> };

export type CreateAnnotationMutationVariables = Exact<{
  input: AnnotationInput;
}>;


export type CreateAnnotationMutation = { createAnnotation: { id: string } };

export type DeleteAnnotationMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteAnnotationMutation = { deleteAnnotation: boolean };

export type WidgetDataFragment = { id: string, type: WidgetType, span: number, chart: TrendChart | null, dimension: string | null, breakdownBy: string | null, title: { ar: string, en: string } | null, metric: { id: string, unit: Unit, direction: Direction, decimals: number, label: { ar: string, en: string } }, kpi: { value: number | null, previous: number | null, change: number | null, changePct: number | null, asOf: string | null, range: { from: string, to: string }, previousRange: { from: string, to: string } | null, target: { value: number, attainmentPct: number | null } | null, provenance: { relativeErrorPct: number | null, source: ProvenanceSource, exact: boolean }, missingData: { cadence: string, amanahs: Array<{ amanah: string, count: number, spans: Array<{ from: string, to: string }> }> } | null } | null, series: { granularity: Granularity, points: Array<{ date: string, value: number | null }>, series: Array<{ key: string | null, label: { ar: string, en: string } | null, points: Array<{ date: string, value: number | null }> }>, comparison: { points: Array<{ date: string, value: number | null }> } | null, target: { points: Array<{ date: string, value: number | null }> } | null, provenance: { asOf: string | null, source: ProvenanceSource, exact: boolean, relativeErrorPct: number | null }, missingData: { cadence: string, amanahs: Array<{ amanah: string, count: number, spans: Array<{ from: string, to: string }> }> } | null } | null, breakdown: Array<{ key: string, value: number | null, share: number | null, previous: number | null, label: { ar: string, en: string } }> | null, ranking: { items: Array<{ amanah: string, value: number | null, rank: number, previousRank: number | null, rankChange: number | null, perCapita: number | null, perCapitaRank: number | null, perCapitaRankChange: number | null, populationVerified: boolean | null, label: { ar: string, en: string } }>, provenance: { asOf: string | null, source: ProvenanceSource, exact: boolean, relativeErrorPct: number | null } } | null, heatmap: Array<{ weekday: number, hour: number, value: number }> | null, provenance: { asOf: string | null, lastUploadAt: string | null }, unappliedFilters: Array<{ dimension: string, values: Array<string> }> };

export type DashboardListQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardListQuery = { dashboards: Array<{ id: string, title: { ar: string, en: string }, description: { ar: string, en: string }, defaults: { preset: RangePreset, compare: Comparison, granularity: Granularity }, widgets: Array<{ id: string, type: WidgetType, span: number, dimension: string | null, breakdownBy: string | null, title: { ar: string, en: string } | null, metric: { id: string, dimensions: Array<string>, label: { ar: string, en: string } } }> }> };

export type DashboardViewQueryVariables = Exact<{
  id: string | number;
  range: DateRangeInput;
  filters?: Array<FilterInput> | FilterInput | null | undefined;
  compare: Comparison;
  granularity: Granularity;
}>;


export type DashboardViewQuery = { dashboard: { id: string, title: { ar: string, en: string }, description: { ar: string, en: string }, widgets: Array<{ id: string, type: WidgetType, span: number, chart: TrendChart | null, dimension: string | null, breakdownBy: string | null, title: { ar: string, en: string } | null, metric: { id: string, unit: Unit, direction: Direction, decimals: number, label: { ar: string, en: string } }, kpi: { value: number | null, previous: number | null, change: number | null, changePct: number | null, asOf: string | null, range: { from: string, to: string }, previousRange: { from: string, to: string } | null, target: { value: number, attainmentPct: number | null } | null, provenance: { relativeErrorPct: number | null, source: ProvenanceSource, exact: boolean }, missingData: { cadence: string, amanahs: Array<{ amanah: string, count: number, spans: Array<{ from: string, to: string }> }> } | null } | null, series: { granularity: Granularity, points: Array<{ date: string, value: number | null }>, series: Array<{ key: string | null, label: { ar: string, en: string } | null, points: Array<{ date: string, value: number | null }> }>, comparison: { points: Array<{ date: string, value: number | null }> } | null, target: { points: Array<{ date: string, value: number | null }> } | null, provenance: { asOf: string | null, source: ProvenanceSource, exact: boolean, relativeErrorPct: number | null }, missingData: { cadence: string, amanahs: Array<{ amanah: string, count: number, spans: Array<{ from: string, to: string }> }> } | null } | null, breakdown: Array<{ key: string, value: number | null, share: number | null, previous: number | null, label: { ar: string, en: string } }> | null, ranking: { items: Array<{ amanah: string, value: number | null, rank: number, previousRank: number | null, rankChange: number | null, perCapita: number | null, perCapitaRank: number | null, perCapitaRankChange: number | null, populationVerified: boolean | null, label: { ar: string, en: string } }>, provenance: { asOf: string | null, source: ProvenanceSource, exact: boolean, relativeErrorPct: number | null } } | null, heatmap: Array<{ weekday: number, hour: number, value: number }> | null, provenance: { asOf: string | null, lastUploadAt: string | null }, unappliedFilters: Array<{ dimension: string, values: Array<string> }> }> } | null };

export type AmanahViewQueryVariables = Exact<{
  range: DateRangeInput;
  filters?: Array<FilterInput> | FilterInput | null | undefined;
  compare: Comparison;
  granularity: Granularity;
}>;


export type AmanahViewQuery = { press: { id: string, widgets: Array<{ id: string, type: WidgetType, span: number, chart: TrendChart | null, dimension: string | null, breakdownBy: string | null, title: { ar: string, en: string } | null, metric: { id: string, unit: Unit, direction: Direction, decimals: number, label: { ar: string, en: string } }, kpi: { value: number | null, previous: number | null, change: number | null, changePct: number | null, asOf: string | null, range: { from: string, to: string }, previousRange: { from: string, to: string } | null, target: { value: number, attainmentPct: number | null } | null, provenance: { relativeErrorPct: number | null, source: ProvenanceSource, exact: boolean }, missingData: { cadence: string, amanahs: Array<{ amanah: string, count: number, spans: Array<{ from: string, to: string }> }> } | null } | null, series: { granularity: Granularity, points: Array<{ date: string, value: number | null }>, series: Array<{ key: string | null, label: { ar: string, en: string } | null, points: Array<{ date: string, value: number | null }> }>, comparison: { points: Array<{ date: string, value: number | null }> } | null, target: { points: Array<{ date: string, value: number | null }> } | null, provenance: { asOf: string | null, source: ProvenanceSource, exact: boolean, relativeErrorPct: number | null }, missingData: { cadence: string, amanahs: Array<{ amanah: string, count: number, spans: Array<{ from: string, to: string }> }> } | null } | null, breakdown: Array<{ key: string, value: number | null, share: number | null, previous: number | null, label: { ar: string, en: string } }> | null, ranking: { items: Array<{ amanah: string, value: number | null, rank: number, previousRank: number | null, rankChange: number | null, perCapita: number | null, perCapitaRank: number | null, perCapitaRankChange: number | null, populationVerified: boolean | null, label: { ar: string, en: string } }>, provenance: { asOf: string | null, source: ProvenanceSource, exact: boolean, relativeErrorPct: number | null } } | null, heatmap: Array<{ weekday: number, hour: number, value: number }> | null, provenance: { asOf: string | null, lastUploadAt: string | null }, unappliedFilters: Array<{ dimension: string, values: Array<string> }> }> } | null, executive: { id: string, widgets: Array<{ id: string, type: WidgetType, span: number, chart: TrendChart | null, dimension: string | null, breakdownBy: string | null, title: { ar: string, en: string } | null, metric: { id: string, unit: Unit, direction: Direction, decimals: number, label: { ar: string, en: string } }, kpi: { value: number | null, previous: number | null, change: number | null, changePct: number | null, asOf: string | null, range: { from: string, to: string }, previousRange: { from: string, to: string } | null, target: { value: number, attainmentPct: number | null } | null, provenance: { relativeErrorPct: number | null, source: ProvenanceSource, exact: boolean }, missingData: { cadence: string, amanahs: Array<{ amanah: string, count: number, spans: Array<{ from: string, to: string }> }> } | null } | null, series: { granularity: Granularity, points: Array<{ date: string, value: number | null }>, series: Array<{ key: string | null, label: { ar: string, en: string } | null, points: Array<{ date: string, value: number | null }> }>, comparison: { points: Array<{ date: string, value: number | null }> } | null, target: { points: Array<{ date: string, value: number | null }> } | null, provenance: { asOf: string | null, source: ProvenanceSource, exact: boolean, relativeErrorPct: number | null }, missingData: { cadence: string, amanahs: Array<{ amanah: string, count: number, spans: Array<{ from: string, to: string }> }> } | null } | null, breakdown: Array<{ key: string, value: number | null, share: number | null, previous: number | null, label: { ar: string, en: string } }> | null, ranking: { items: Array<{ amanah: string, value: number | null, rank: number, previousRank: number | null, rankChange: number | null, perCapita: number | null, perCapitaRank: number | null, perCapitaRankChange: number | null, populationVerified: boolean | null, label: { ar: string, en: string } }>, provenance: { asOf: string | null, source: ProvenanceSource, exact: boolean, relativeErrorPct: number | null } } | null, heatmap: Array<{ weekday: number, hour: number, value: number }> | null, provenance: { asOf: string | null, lastUploadAt: string | null }, unappliedFilters: Array<{ dimension: string, values: Array<string> }> }> } | null };

export type DeliveryOverviewQueryVariables = Exact<{ [key: string]: never; }>;


export type DeliveryOverviewQuery = { subscriptions: Array<{ id: string, dashboard: string | null, factSheet: string | null, amanah: string | null, recipients: Array<string>, lang: PressLanguage, digits: PressDigits, createdBy: string, nextRunAt: string, range: { from: string | null, to: string | null, preset: string | null, hijriYear: number | null } | null, schedule: { every: ScheduleEvery, at: string, weekday: number | null, dayOfMonth: number | null } }>, deliveries: Array<{ id: string, kind: DeliveryKind, subscriptionId: string | null, ruleId: string | null, slot: string | null, target: string, status: DeliveryStatus, attempts: number, lastError: string, createdAt: string, updatedAt: string }>, alertRules: Array<{ id: string, metric: string, amanah: string | null, condition: AlertCondition, threshold: number, recipients: Array<string>, webhookUrl: string | null, breached: boolean, createdBy: string }>, alertFirings: Array<{ id: string, ruleId: string, metric: string, amanah: string | null, condition: AlertCondition, value: number, threshold: number, firedAt: string }>, deliveryCounts: { sent: number, failed: number, retried: number, queued: number, smtpConfigured: boolean } };

export type CreateSubscriptionMutationVariables = Exact<{
  input: SubscriptionInput;
}>;


export type CreateSubscriptionMutation = { createSubscription: { id: string, nextRunAt: string } };

export type DeliverSubscriptionMutationVariables = Exact<{
  id: string | number;
}>;


export type DeliverSubscriptionMutation = { deliverSubscription: { id: string, status: DeliveryStatus } };

export type DeleteSubscriptionMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteSubscriptionMutation = { deleteSubscription: boolean };

export type MetricDefinitionsQueryVariables = Exact<{ [key: string]: never; }>;


export type MetricDefinitionsQuery = { metrics: Array<{ id: string, definition: string, dataset: Dataset, unit: Unit, direction: Direction, label: { ar: string, en: string }, description: { ar: string, en: string } }> };

export type IngestBatchesQueryVariables = Exact<{
  dataset?: string | number | null | undefined;
  limit?: number | null | undefined;
}>;


export type IngestBatchesQuery = { ingestBatches: Array<{ id: string, dataset: string, rows: number, eventFrom: string | null, eventTo: string | null, keyId: string, keyLabel: string, committedAt: string, idempotencyKey: string | null, sourceFile: string | null, status: IngestBatchStatus, withdrawnAt: string | null, withdrawnBy: string | null, withdrawReason: string | null, replacedBy: string | null, rowsByAmanah: Array<{ amanah: string, rows: number }> }> };

export type WithdrawBatchMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type WithdrawBatchMutation = { withdrawBatch: { id: string, status: IngestBatchStatus, withdrawnAt: string | null, withdrawReason: string | null } };

export type CompletenessQueryVariables = Exact<{
  dataset: string | number;
  from: string;
  to: string;
}>;


export type CompletenessQuery = { completeness: { dataset: string, cadence: string, periods: Array<string>, cells: Array<{ amanah: string, period: string, rows: number, newestEvent: string }>, missing: Array<{ amanah: string, periods: Array<string> }>, freshness: Array<{ amanah: string, lastUploadAt: string | null, newestEvent: string | null }> } };

export type PressFiguresQueryVariables = Exact<{
  amanah: string | number;
  range: DateRangeInput;
  metrics?: Array<string | number> | string | number | null | undefined;
  compare?: Comparison | null | undefined;
  precision?: PressPrecision | null | undefined;
  digits?: PressDigits | null | undefined;
  calendar?: PressCalendar | null | undefined;
}>;


export type PressFiguresQuery = { pressFigures: Array<{ position: number, value: number | null, previous: number | null, changePct: number | null, metric: { id: string, label: { ar: string, en: string } }, title: { ar: string, en: string }, filters: Array<{ dimension: string, values: Array<string> }>, range: { from: string, to: string }, previousRange: { from: string, to: string } | null, sentences: { ar: string, en: string }, rankSentences: { ar: string, en: string } | null, provenance: { metric: string, definition: string, source: ProvenanceSource, table: string, exact: boolean, asOf: string | null, dataVersion: number, range: { from: string, to: string }, filters: Array<{ dimension: string, values: Array<string> }> } }> };

export type FactSheetsQueryVariables = Exact<{
  amanah?: string | number | null | undefined;
}>;


export type FactSheetsQuery = { factSheets: Array<{ id: string, title: string, amanah: string, compare: Comparison, lockedAt: string, lockedBy: string, restatedCount: number, amanahName: { ar: string, en: string }, range: { from: string, to: string }, figures: Array<{ position: number, metric: string, lockedValue: number | null, currentValue: number | null, title: { ar: string, en: string }, sentences: { ar: string, en: string }, restatement: { old: number | null, new: number | null, sentences: { ar: string, en: string }, why: { ar: string, en: string } } | null }> }> };

export type LockFactSheetMutationVariables = Exact<{
  title: string;
  amanah: string | number;
  range: DateRangeInput;
  metrics?: Array<string | number> | string | number | null | undefined;
  compare?: Comparison | null | undefined;
  precision?: PressPrecision | null | undefined;
  digits?: PressDigits | null | undefined;
}>;


export type LockFactSheetMutation = { lockFactSheet: { id: string } };

export type TargetsQueryVariables = Exact<{
  metric: string | number;
  amanah?: string | number | null | undefined;
}>;


export type TargetsQuery = { targets: Array<{ metric: string, amanah: string | null, from: string, to: string, calendar: TargetCalendar, periodLabel: string, value: number, setBy: string | null, setAt: string | null, filters: Array<{ dimension: string, values: Array<string> }> }> };

export type SetTargetMutationVariables = Exact<{
  input: TargetInput;
}>;


export type SetTargetMutation = { setTarget: { metric: string, amanah: string | null, from: string, to: string, periodLabel: string, value: number, filters: Array<{ dimension: string, values: Array<string> }> } };

export type RankingByAttainmentQueryVariables = Exact<{
  id: string | number;
  range: DateRangeInput;
  filters?: Array<FilterInput> | FilterInput | null | undefined;
  compare: Comparison;
}>;


export type RankingByAttainmentQuery = { dashboard: { id: string, widgets: Array<{ id: string, ranking: { items: Array<{ amanah: string, value: number | null, rank: number, previousRank: number | null, rankChange: number | null, perCapita: number | null, perCapitaRank: number | null, perCapitaRankChange: number | null, populationVerified: boolean | null, attainmentRank: number | null, label: { ar: string, en: string }, target: { value: number, attainmentPct: number | null } | null }> } | null }> } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const WidgetDataFragmentDoc = new TypedDocumentString(`
    fragment WidgetData on Widget {
  id
  type
  span
  chart
  dimension
  breakdownBy
  title {
    ar
    en
  }
  metric {
    id
    label {
      ar
      en
    }
    unit
    direction
    decimals
  }
  kpi(range: $range, filters: $filters, compare: $compare) {
    value
    previous
    change
    changePct
    asOf
    range {
      from
      to
    }
    previousRange {
      from
      to
    }
    target {
      value
      attainmentPct
    }
    provenance {
      relativeErrorPct
      source
      exact
    }
    missingData {
      cadence
      amanahs {
        amanah
        count
        spans {
          from
          to
        }
      }
    }
  }
  series(
    range: $range
    filters: $filters
    granularity: $granularity
    compare: $compare
  ) {
    granularity
    points {
      date
      value
    }
    series {
      key
      label {
        ar
        en
      }
      points {
        date
        value
      }
    }
    comparison {
      points {
        date
        value
      }
    }
    target {
      points {
        date
        value
      }
    }
    provenance {
      asOf
      source
      exact
      relativeErrorPct
    }
    missingData {
      cadence
      amanahs {
        amanah
        count
        spans {
          from
          to
        }
      }
    }
  }
  breakdown(range: $range, filters: $filters, compare: $compare) {
    key
    label {
      ar
      en
    }
    value
    share
    previous
  }
  ranking(range: $range, filters: $filters, compare: $compare) {
    items {
      amanah
      label {
        ar
        en
      }
      value
      rank
      previousRank
      rankChange
      perCapita
      perCapitaRank
      perCapitaRankChange
      populationVerified
    }
    provenance {
      asOf
      source
      exact
      relativeErrorPct
    }
  }
  heatmap(range: $range, filters: $filters) {
    weekday
    hour
    value
  }
  provenance(
    range: $range
    filters: $filters
    compare: $compare
    granularity: $granularity
  ) {
    asOf
    lastUploadAt
  }
  unappliedFilters(filters: $filters) {
    dimension
    values
  }
}
    `, {"fragmentName":"WidgetData"}) as unknown as TypedDocumentString<WidgetDataFragment, unknown>;
export const AnnotationsDocument = new TypedDocumentString(`
    query Annotations($range: DateRangeInput!, $amanah: ID) {
  annotations(range: $range, amanah: $amanah) {
    id
    kind
    from
    to
    amanahs
    title {
      ar
      en
    }
    metric
    createdBy
    createdAt
    lift {
      from
      to
      days
      baselineWeeks
      observed
      baseline
      baselineSd
      intervalLow
      intervalHigh
      lift
      liftPct
      claim
    }
  }
}
    `) as unknown as TypedDocumentString<AnnotationsQuery, AnnotationsQueryVariables>;
export const CreateAnnotationDocument = new TypedDocumentString(`
    mutation CreateAnnotation($input: AnnotationInput!) {
  createAnnotation(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateAnnotationMutation, CreateAnnotationMutationVariables>;
export const DeleteAnnotationDocument = new TypedDocumentString(`
    mutation DeleteAnnotation($id: ID!) {
  deleteAnnotation(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteAnnotationMutation, DeleteAnnotationMutationVariables>;
export const DashboardListDocument = new TypedDocumentString(`
    query DashboardList {
  dashboards {
    id
    title {
      ar
      en
    }
    description {
      ar
      en
    }
    defaults {
      preset
      compare
      granularity
    }
    widgets {
      id
      type
      span
      dimension
      breakdownBy
      title {
        ar
        en
      }
      metric {
        id
        label {
          ar
          en
        }
        dimensions
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardListQuery, DashboardListQueryVariables>;
export const DashboardViewDocument = new TypedDocumentString(`
    query DashboardView($id: ID!, $range: DateRangeInput!, $filters: [FilterInput!], $compare: Comparison!, $granularity: Granularity!) {
  dashboard(id: $id) {
    id
    title {
      ar
      en
    }
    description {
      ar
      en
    }
    widgets {
      ...WidgetData
    }
  }
}
    fragment WidgetData on Widget {
  id
  type
  span
  chart
  dimension
  breakdownBy
  title {
    ar
    en
  }
  metric {
    id
    label {
      ar
      en
    }
    unit
    direction
    decimals
  }
  kpi(range: $range, filters: $filters, compare: $compare) {
    value
    previous
    change
    changePct
    asOf
    range {
      from
      to
    }
    previousRange {
      from
      to
    }
    target {
      value
      attainmentPct
    }
    provenance {
      relativeErrorPct
      source
      exact
    }
    missingData {
      cadence
      amanahs {
        amanah
        count
        spans {
          from
          to
        }
      }
    }
  }
  series(
    range: $range
    filters: $filters
    granularity: $granularity
    compare: $compare
  ) {
    granularity
    points {
      date
      value
    }
    series {
      key
      label {
        ar
        en
      }
      points {
        date
        value
      }
    }
    comparison {
      points {
        date
        value
      }
    }
    target {
      points {
        date
        value
      }
    }
    provenance {
      asOf
      source
      exact
      relativeErrorPct
    }
    missingData {
      cadence
      amanahs {
        amanah
        count
        spans {
          from
          to
        }
      }
    }
  }
  breakdown(range: $range, filters: $filters, compare: $compare) {
    key
    label {
      ar
      en
    }
    value
    share
    previous
  }
  ranking(range: $range, filters: $filters, compare: $compare) {
    items {
      amanah
      label {
        ar
        en
      }
      value
      rank
      previousRank
      rankChange
      perCapita
      perCapitaRank
      perCapitaRankChange
      populationVerified
    }
    provenance {
      asOf
      source
      exact
      relativeErrorPct
    }
  }
  heatmap(range: $range, filters: $filters) {
    weekday
    hour
    value
  }
  provenance(
    range: $range
    filters: $filters
    compare: $compare
    granularity: $granularity
  ) {
    asOf
    lastUploadAt
  }
  unappliedFilters(filters: $filters) {
    dimension
    values
  }
}`) as unknown as TypedDocumentString<DashboardViewQuery, DashboardViewQueryVariables>;
export const AmanahViewDocument = new TypedDocumentString(`
    query AmanahView($range: DateRangeInput!, $filters: [FilterInput!], $compare: Comparison!, $granularity: Granularity!) {
  press: dashboard(id: "press") {
    id
    widgets {
      ...WidgetData
    }
  }
  executive: dashboard(id: "executive") {
    id
    widgets {
      ...WidgetData
    }
  }
}
    fragment WidgetData on Widget {
  id
  type
  span
  chart
  dimension
  breakdownBy
  title {
    ar
    en
  }
  metric {
    id
    label {
      ar
      en
    }
    unit
    direction
    decimals
  }
  kpi(range: $range, filters: $filters, compare: $compare) {
    value
    previous
    change
    changePct
    asOf
    range {
      from
      to
    }
    previousRange {
      from
      to
    }
    target {
      value
      attainmentPct
    }
    provenance {
      relativeErrorPct
      source
      exact
    }
    missingData {
      cadence
      amanahs {
        amanah
        count
        spans {
          from
          to
        }
      }
    }
  }
  series(
    range: $range
    filters: $filters
    granularity: $granularity
    compare: $compare
  ) {
    granularity
    points {
      date
      value
    }
    series {
      key
      label {
        ar
        en
      }
      points {
        date
        value
      }
    }
    comparison {
      points {
        date
        value
      }
    }
    target {
      points {
        date
        value
      }
    }
    provenance {
      asOf
      source
      exact
      relativeErrorPct
    }
    missingData {
      cadence
      amanahs {
        amanah
        count
        spans {
          from
          to
        }
      }
    }
  }
  breakdown(range: $range, filters: $filters, compare: $compare) {
    key
    label {
      ar
      en
    }
    value
    share
    previous
  }
  ranking(range: $range, filters: $filters, compare: $compare) {
    items {
      amanah
      label {
        ar
        en
      }
      value
      rank
      previousRank
      rankChange
      perCapita
      perCapitaRank
      perCapitaRankChange
      populationVerified
    }
    provenance {
      asOf
      source
      exact
      relativeErrorPct
    }
  }
  heatmap(range: $range, filters: $filters) {
    weekday
    hour
    value
  }
  provenance(
    range: $range
    filters: $filters
    compare: $compare
    granularity: $granularity
  ) {
    asOf
    lastUploadAt
  }
  unappliedFilters(filters: $filters) {
    dimension
    values
  }
}`) as unknown as TypedDocumentString<AmanahViewQuery, AmanahViewQueryVariables>;
export const DeliveryOverviewDocument = new TypedDocumentString(`
    query DeliveryOverview {
  subscriptions {
    id
    dashboard
    factSheet
    amanah
    range {
      from
      to
      preset
      hijriYear
    }
    recipients
    schedule {
      every
      at
      weekday
      dayOfMonth
    }
    lang
    digits
    createdBy
    nextRunAt
  }
  deliveries(limit: 100) {
    id
    kind
    subscriptionId
    ruleId
    slot
    target
    status
    attempts
    lastError
    createdAt
    updatedAt
  }
  alertRules {
    id
    metric
    amanah
    condition
    threshold
    recipients
    webhookUrl
    breached
    createdBy
  }
  alertFirings(limit: 100) {
    id
    ruleId
    metric
    amanah
    condition
    value
    threshold
    firedAt
  }
  deliveryCounts {
    sent
    failed
    retried
    queued
    smtpConfigured
  }
}
    `) as unknown as TypedDocumentString<DeliveryOverviewQuery, DeliveryOverviewQueryVariables>;
export const CreateSubscriptionDocument = new TypedDocumentString(`
    mutation CreateSubscription($input: SubscriptionInput!) {
  createSubscription(input: $input) {
    id
    nextRunAt
  }
}
    `) as unknown as TypedDocumentString<CreateSubscriptionMutation, CreateSubscriptionMutationVariables>;
export const DeliverSubscriptionDocument = new TypedDocumentString(`
    mutation DeliverSubscription($id: ID!) {
  deliverSubscription(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<DeliverSubscriptionMutation, DeliverSubscriptionMutationVariables>;
export const DeleteSubscriptionDocument = new TypedDocumentString(`
    mutation DeleteSubscription($id: ID!) {
  deleteSubscription(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteSubscriptionMutation, DeleteSubscriptionMutationVariables>;
export const MetricDefinitionsDocument = new TypedDocumentString(`
    query MetricDefinitions {
  metrics {
    id
    label {
      ar
      en
    }
    description {
      ar
      en
    }
    definition
    dataset
    unit
    direction
  }
}
    `) as unknown as TypedDocumentString<MetricDefinitionsQuery, MetricDefinitionsQueryVariables>;
export const IngestBatchesDocument = new TypedDocumentString(`
    query IngestBatches($dataset: ID, $limit: Int) {
  ingestBatches(dataset: $dataset, limit: $limit) {
    id
    dataset
    rows
    rowsByAmanah {
      amanah
      rows
    }
    eventFrom
    eventTo
    keyId
    keyLabel
    committedAt
    idempotencyKey
    sourceFile
    status
    withdrawnAt
    withdrawnBy
    withdrawReason
    replacedBy
  }
}
    `) as unknown as TypedDocumentString<IngestBatchesQuery, IngestBatchesQueryVariables>;
export const WithdrawBatchDocument = new TypedDocumentString(`
    mutation WithdrawBatch($id: ID!, $reason: String!) {
  withdrawBatch(id: $id, reason: $reason) {
    id
    status
    withdrawnAt
    withdrawReason
  }
}
    `) as unknown as TypedDocumentString<WithdrawBatchMutation, WithdrawBatchMutationVariables>;
export const CompletenessDocument = new TypedDocumentString(`
    query Completeness($dataset: ID!, $from: String!, $to: String!) {
  completeness(dataset: $dataset, from: $from, to: $to) {
    dataset
    cadence
    periods
    cells {
      amanah
      period
      rows
      newestEvent
    }
    missing {
      amanah
      periods
    }
    freshness {
      amanah
      lastUploadAt
      newestEvent
    }
  }
}
    `) as unknown as TypedDocumentString<CompletenessQuery, CompletenessQueryVariables>;
export const PressFiguresDocument = new TypedDocumentString(`
    query PressFigures($amanah: ID!, $range: DateRangeInput!, $metrics: [ID!], $compare: Comparison, $precision: PressPrecision, $digits: PressDigits, $calendar: PressCalendar) {
  pressFigures(
    amanah: $amanah
    range: $range
    metrics: $metrics
    compare: $compare
    precision: $precision
    digits: $digits
    calendar: $calendar
  ) {
    position
    metric {
      id
      label {
        ar
        en
      }
    }
    title {
      ar
      en
    }
    filters {
      dimension
      values
    }
    value
    previous
    changePct
    range {
      from
      to
    }
    previousRange {
      from
      to
    }
    sentences {
      ar
      en
    }
    rankSentences {
      ar
      en
    }
    provenance {
      metric
      definition
      source
      table
      exact
      range {
        from
        to
      }
      filters {
        dimension
        values
      }
      asOf
      dataVersion
    }
  }
}
    `) as unknown as TypedDocumentString<PressFiguresQuery, PressFiguresQueryVariables>;
export const FactSheetsDocument = new TypedDocumentString(`
    query FactSheets($amanah: ID) {
  factSheets(amanah: $amanah) {
    id
    title
    amanah
    amanahName {
      ar
      en
    }
    range {
      from
      to
    }
    compare
    lockedAt
    lockedBy
    restatedCount
    figures {
      position
      metric
      title {
        ar
        en
      }
      lockedValue
      currentValue
      sentences {
        ar
        en
      }
      restatement {
        old
        new
        sentences {
          ar
          en
        }
        why {
          ar
          en
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<FactSheetsQuery, FactSheetsQueryVariables>;
export const LockFactSheetDocument = new TypedDocumentString(`
    mutation LockFactSheet($title: String!, $amanah: ID!, $range: DateRangeInput!, $metrics: [ID!], $compare: Comparison, $precision: PressPrecision, $digits: PressDigits) {
  lockFactSheet(
    title: $title
    amanah: $amanah
    range: $range
    metrics: $metrics
    compare: $compare
    precision: $precision
    digits: $digits
  ) {
    id
  }
}
    `) as unknown as TypedDocumentString<LockFactSheetMutation, LockFactSheetMutationVariables>;
export const TargetsDocument = new TypedDocumentString(`
    query Targets($metric: ID!, $amanah: ID) {
  targets(metric: $metric, amanah: $amanah) {
    metric
    amanah
    from
    to
    calendar
    periodLabel
    value
    setBy
    setAt
    filters {
      dimension
      values
    }
  }
}
    `) as unknown as TypedDocumentString<TargetsQuery, TargetsQueryVariables>;
export const SetTargetDocument = new TypedDocumentString(`
    mutation SetTarget($input: TargetInput!) {
  setTarget(input: $input) {
    metric
    amanah
    from
    to
    periodLabel
    value
    filters {
      dimension
      values
    }
  }
}
    `) as unknown as TypedDocumentString<SetTargetMutation, SetTargetMutationVariables>;
export const RankingByAttainmentDocument = new TypedDocumentString(`
    query RankingByAttainment($id: ID!, $range: DateRangeInput!, $filters: [FilterInput!], $compare: Comparison!) {
  dashboard(id: $id) {
    id
    widgets {
      id
      ranking(range: $range, filters: $filters, compare: $compare, by: ATTAINMENT) {
        items {
          amanah
          label {
            ar
            en
          }
          value
          rank
          previousRank
          rankChange
          perCapita
          perCapitaRank
          perCapitaRankChange
          populationVerified
          attainmentRank
          target {
            value
            attainmentPct
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RankingByAttainmentQuery, RankingByAttainmentQueryVariables>;