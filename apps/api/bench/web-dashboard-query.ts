// The dashboard requests the benches send. The executive dashboard's request exactly as the web app sends it (apps/web/src/dashboard/operations.ts:
// DashboardView with its WidgetData fragment), for the dashboard bench and the load bench's warm phase; bench-query.spec.ts
// (apps/api/src/analytics) fails when the two differ.
export const WEB_DASHBOARD_QUERY = `query DashboardView($id: ID!, $range: DateRangeInput!, $filters: [FilterInput!], $compare: Comparison!, $granularity: Granularity!) {
  dashboard(id: $id) { id title { ar en } description { ar en } widgets { ...WidgetData } }
}
fragment WidgetData on Widget {
  id type span chart dimension breakdownBy title { ar en }
  metric { id label { ar en } unit direction decimals }
  kpi(range: $range, filters: $filters, compare: $compare) {
    value previous change changePct asOf range { from to } previousRange { from to } target { value attainmentPct }
    provenance { relativeErrorPct source exact }
    missingData { cadence amanahs { amanah count spans { from to } } }
  }
  series(range: $range, filters: $filters, granularity: $granularity, compare: $compare) {
    granularity points { date value } series { key label { ar en } points { date value } } comparison { points { date value } }
    target { points { date value } }
    provenance { asOf source exact relativeErrorPct }
    missingData { cadence amanahs { amanah count spans { from to } } }
  }
  breakdown(range: $range, filters: $filters, compare: $compare) { key label { ar en } value share previous }
  ranking(range: $range, filters: $filters, compare: $compare) {
    items { amanah label { ar en } value rank previousRank rankChange perCapita perCapitaRank perCapitaRankChange populationVerified }
    provenance { asOf source exact relativeErrorPct }
  }
  heatmap(range: $range, filters: $filters) { weekday hour value }
  provenance(range: $range, filters: $filters, compare: $compare, granularity: $granularity) { asOf lastUploadAt }
  unappliedFilters(filters: $filters) { dimension values }
}`;

/** The views the warm phase cycles: the dashboard as it opens (last year against the year before), and two more. */
export const WARM_VIEWS: Array<Record<string, unknown>> = [
  { id: 'executive', range: { preset: 'last_year' }, compare: 'PREVIOUS_PERIOD', granularity: 'MONTH' },
  { id: 'executive', range: { from: '2025-01-01', to: '2025-06-30' }, compare: 'SAME_PERIOD_LAST_YEAR', granularity: 'MONTH' },
  { id: 'executive', range: { preset: 'last_quarter' }, compare: 'PREVIOUS_PERIOD', granularity: 'WEEK' },
];

/**
 * The executive dashboard as the benches' cold readers ask it (every widget's figures, one request, without the
 * web app's provenance and missing data): the load bench's random-range phase and the ingest-with-readers bench.
 */
export const READERS_DASHBOARD_QUERY = `query Executive($range: DateRangeInput!, $compare: Comparison!, $granularity: Granularity!, $filters: [FilterInput!]) {
  dashboard(id: "executive") { widgets { id type
    kpi(range: $range, compare: $compare, filters: $filters) { value previous changePct asOf target { value attainmentPct } }
    series(range: $range, granularity: $granularity, filters: $filters) { points { date value } series { key points { date value } } }
    breakdown(range: $range, compare: $compare, filters: $filters) { key value share previous }
    ranking(range: $range, compare: $compare, filters: $filters) { items { amanah value rank previousRank } }
  } }
}`;
