import { graphql } from '../gql/index.js';

/**
 * Every widget's data in one request: each Widget field answers only for its own widget type (null otherwise), and
 * the API runs them concurrently. `series.comparison` feeds the comparison overlay of trends: the API computes the
 * comparison period (the KPI's previousRange) and answers the series over it, so the web does no date arithmetic;
 * `series.target` is the target line, per bucket, drawn dashed.
 * `provenance` (any widget kind, the same query as its data field) feeds the header's oldest freshness;
 * `unappliedFilters` the note of a widget whose metric cannot take some of the view's filters.
 */
export const WidgetDataFragment = graphql(`
  fragment WidgetData on Widget {
    id
    type
    span
    chart
    dimension
    breakdownBy
    title { ar en }
    metric { id label { ar en } unit direction decimals }
    kpi(range: $range, filters: $filters, compare: $compare) {
      value previous change changePct asOf
      range { from to }
      previousRange { from to }
      target { value attainmentPct }
      provenance { relativeErrorPct source exact }
      missingData { cadence amanahs { amanah count spans { from to } } }
    }
    series(range: $range, filters: $filters, granularity: $granularity, compare: $compare) {
      granularity
      points { date value }
      series { key label { ar en } points { date value } }
      comparison { points { date value } }
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
  }
`);

export const DashboardListQuery = graphql(`
  query DashboardList {
    dashboards {
      id
      title { ar en }
      description { ar en }
      defaults { preset compare granularity }
      widgets { id type span dimension breakdownBy title { ar en } metric { id label { ar en } dimensions } }
    }
  }
`);

export const DashboardViewQuery = graphql(`
  query DashboardView(
    $id: ID!
    $range: DateRangeInput!
    $filters: [FilterInput!]
    $compare: Comparison!
    $granularity: Granularity!
  ) {
    dashboard(id: $id) {
      id
      title { ar en }
      description { ar en }
      widgets { ...WidgetData }
    }
  }
`);

/** The amanah page: the press figures and the executive trends and rankings, for one amanah, in one request. */
export const AmanahViewQuery = graphql(`
  query AmanahView(
    $range: DateRangeInput!
    $filters: [FilterInput!]
    $compare: Comparison!
    $granularity: Granularity!
  ) {
    press: dashboard(id: "press") { id widgets { ...WidgetData } }
    executive: dashboard(id: "executive") { id widgets { ...WidgetData } }
  }
`);
