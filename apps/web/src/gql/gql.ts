/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Annotations($range: DateRangeInput!, $amanah: ID) {\n    annotations(range: $range, amanah: $amanah) {\n      id kind from to amanahs title { ar en } metric createdBy createdAt\n      lift { from to days baselineWeeks observed baseline baselineSd intervalLow intervalHigh lift liftPct claim }\n    }\n  }\n": typeof types.AnnotationsDocument,
    "\n  mutation CreateAnnotation($input: AnnotationInput!) {\n    createAnnotation(input: $input) { id }\n  }\n": typeof types.CreateAnnotationDocument,
    "\n  mutation DeleteAnnotation($id: ID!) {\n    deleteAnnotation(id: $id)\n  }\n": typeof types.DeleteAnnotationDocument,
    "\n  fragment WidgetData on Widget {\n    id\n    type\n    span\n    chart\n    dimension\n    breakdownBy\n    title { ar en }\n    metric { id label { ar en } unit direction decimals }\n    kpi(range: $range, filters: $filters, compare: $compare) {\n      value previous change changePct asOf\n      range { from to }\n      previousRange { from to }\n      target { value attainmentPct }\n      provenance { relativeErrorPct source exact }\n      missingData { cadence amanahs { amanah count spans { from to } } }\n    }\n    series(range: $range, filters: $filters, granularity: $granularity, compare: $compare) {\n      granularity\n      points { date value }\n      series { key label { ar en } points { date value } }\n      comparison { points { date value } }\n      target { points { date value } }\n      provenance { asOf source exact relativeErrorPct }\n      missingData { cadence amanahs { amanah count spans { from to } } }\n    }\n    breakdown(range: $range, filters: $filters, compare: $compare) { key label { ar en } value share previous }\n    ranking(range: $range, filters: $filters, compare: $compare) {\n      items { amanah label { ar en } value rank previousRank rankChange perCapita perCapitaRank perCapitaRankChange populationVerified }\n      provenance { asOf source exact relativeErrorPct }\n    }\n    heatmap(range: $range, filters: $filters) { weekday hour value }\n    provenance(range: $range, filters: $filters, compare: $compare, granularity: $granularity) { asOf lastUploadAt }\n    unappliedFilters(filters: $filters) { dimension values }\n  }\n": typeof types.WidgetDataFragmentDoc,
    "\n  query DashboardList {\n    dashboards {\n      id\n      title { ar en }\n      description { ar en }\n      defaults { preset compare granularity }\n      widgets { id type span dimension breakdownBy title { ar en } metric { id label { ar en } dimensions } }\n    }\n  }\n": typeof types.DashboardListDocument,
    "\n  query DashboardView(\n    $id: ID!\n    $range: DateRangeInput!\n    $filters: [FilterInput!]\n    $compare: Comparison!\n    $granularity: Granularity!\n  ) {\n    dashboard(id: $id) {\n      id\n      title { ar en }\n      description { ar en }\n      widgets { ...WidgetData }\n    }\n  }\n": typeof types.DashboardViewDocument,
    "\n  query AmanahView(\n    $range: DateRangeInput!\n    $filters: [FilterInput!]\n    $compare: Comparison!\n    $granularity: Granularity!\n  ) {\n    press: dashboard(id: \"press\") { id widgets { ...WidgetData } }\n    executive: dashboard(id: \"executive\") { id widgets { ...WidgetData } }\n  }\n": typeof types.AmanahViewDocument,
    "\n  query DeliveryOverview {\n    subscriptions { id dashboard factSheet amanah range { from to preset hijriYear } recipients schedule { every at weekday dayOfMonth } lang digits createdBy nextRunAt }\n    deliveries(limit: 100) { id kind subscriptionId ruleId slot target status attempts lastError createdAt updatedAt }\n    alertRules { id metric amanah condition threshold recipients webhookUrl breached createdBy }\n    alertFirings(limit: 100) { id ruleId metric amanah condition value threshold firedAt }\n    deliveryCounts { sent failed retried queued smtpConfigured }\n  }\n": typeof types.DeliveryOverviewDocument,
    "\n  mutation CreateSubscription($input: SubscriptionInput!) {\n    createSubscription(input: $input) { id nextRunAt }\n  }\n": typeof types.CreateSubscriptionDocument,
    "\n  mutation DeliverSubscription($id: ID!) {\n    deliverSubscription(id: $id) { id status }\n  }\n": typeof types.DeliverSubscriptionDocument,
    "\n  mutation DeleteSubscription($id: ID!) {\n    deleteSubscription(id: $id)\n  }\n": typeof types.DeleteSubscriptionDocument,
    "\n  query MetricDefinitions {\n    metrics {\n      id\n      label { ar en }\n      description { ar en }\n      definition\n      dataset\n      unit\n      direction\n    }\n  }\n": typeof types.MetricDefinitionsDocument,
    "\n  query IngestBatches($dataset: ID, $limit: Int) {\n    ingestBatches(dataset: $dataset, limit: $limit) {\n      id dataset rows rowsByAmanah { amanah rows } eventFrom eventTo keyId keyLabel committedAt idempotencyKey sourceFile\n      status withdrawnAt withdrawnBy withdrawReason replacedBy\n    }\n  }\n": typeof types.IngestBatchesDocument,
    "\n  mutation WithdrawBatch($id: ID!, $reason: String!) {\n    withdrawBatch(id: $id, reason: $reason) { id status withdrawnAt withdrawReason }\n  }\n": typeof types.WithdrawBatchDocument,
    "\n  query Completeness($dataset: ID!, $from: String!, $to: String!) {\n    completeness(dataset: $dataset, from: $from, to: $to) {\n      dataset cadence periods\n      cells { amanah period rows newestEvent }\n      missing { amanah periods }\n      freshness { amanah lastUploadAt newestEvent }\n    }\n  }\n": typeof types.CompletenessDocument,
    "\n  query PressFigures($amanah: ID!, $range: DateRangeInput!, $metrics: [ID!], $compare: Comparison, $precision: PressPrecision, $digits: PressDigits, $calendar: PressCalendar) {\n    pressFigures(amanah: $amanah, range: $range, metrics: $metrics, compare: $compare, precision: $precision, digits: $digits, calendar: $calendar) {\n      position\n      metric { id label { ar en } }\n      title { ar en }\n      filters { dimension values }\n      value\n      previous\n      changePct\n      range { from to }\n      previousRange { from to }\n      sentences { ar en }\n      rankSentences { ar en }\n      provenance { metric definition source table exact range { from to } filters { dimension values } asOf dataVersion }\n    }\n  }\n": typeof types.PressFiguresDocument,
    "\n  query FactSheets($amanah: ID) {\n    factSheets(amanah: $amanah) {\n      id title amanah amanahName { ar en } range { from to } compare lockedAt lockedBy restatedCount\n      figures {\n        position metric title { ar en } lockedValue currentValue sentences { ar en }\n        restatement { old new sentences { ar en } why { ar en } }\n      }\n    }\n  }\n": typeof types.FactSheetsDocument,
    "\n  mutation LockFactSheet($title: String!, $amanah: ID!, $range: DateRangeInput!, $metrics: [ID!], $compare: Comparison, $precision: PressPrecision, $digits: PressDigits) {\n    lockFactSheet(title: $title, amanah: $amanah, range: $range, metrics: $metrics, compare: $compare, precision: $precision, digits: $digits) {\n      id\n    }\n  }\n": typeof types.LockFactSheetDocument,
    "\n  query Targets($metric: ID!, $amanah: ID) {\n    targets(metric: $metric, amanah: $amanah) { metric amanah from to calendar periodLabel value setBy setAt filters { dimension values } }\n  }\n": typeof types.TargetsDocument,
    "\n  mutation SetTarget($input: TargetInput!) {\n    setTarget(input: $input) { metric amanah from to periodLabel value filters { dimension values } }\n  }\n": typeof types.SetTargetDocument,
    "\n  query RankingByAttainment($id: ID!, $range: DateRangeInput!, $filters: [FilterInput!], $compare: Comparison!) {\n    dashboard(id: $id) {\n      id\n      widgets {\n        id\n        ranking(range: $range, filters: $filters, compare: $compare, by: ATTAINMENT) {\n          items {\n            amanah label { ar en } value rank previousRank rankChange perCapita perCapitaRank perCapitaRankChange populationVerified\n            attainmentRank target { value attainmentPct }\n          }\n        }\n      }\n    }\n  }\n": typeof types.RankingByAttainmentDocument,
};
const documents: Documents = {
    "\n  query Annotations($range: DateRangeInput!, $amanah: ID) {\n    annotations(range: $range, amanah: $amanah) {\n      id kind from to amanahs title { ar en } metric createdBy createdAt\n      lift { from to days baselineWeeks observed baseline baselineSd intervalLow intervalHigh lift liftPct claim }\n    }\n  }\n": types.AnnotationsDocument,
    "\n  mutation CreateAnnotation($input: AnnotationInput!) {\n    createAnnotation(input: $input) { id }\n  }\n": types.CreateAnnotationDocument,
    "\n  mutation DeleteAnnotation($id: ID!) {\n    deleteAnnotation(id: $id)\n  }\n": types.DeleteAnnotationDocument,
    "\n  fragment WidgetData on Widget {\n    id\n    type\n    span\n    chart\n    dimension\n    breakdownBy\n    title { ar en }\n    metric { id label { ar en } unit direction decimals }\n    kpi(range: $range, filters: $filters, compare: $compare) {\n      value previous change changePct asOf\n      range { from to }\n      previousRange { from to }\n      target { value attainmentPct }\n      provenance { relativeErrorPct source exact }\n      missingData { cadence amanahs { amanah count spans { from to } } }\n    }\n    series(range: $range, filters: $filters, granularity: $granularity, compare: $compare) {\n      granularity\n      points { date value }\n      series { key label { ar en } points { date value } }\n      comparison { points { date value } }\n      target { points { date value } }\n      provenance { asOf source exact relativeErrorPct }\n      missingData { cadence amanahs { amanah count spans { from to } } }\n    }\n    breakdown(range: $range, filters: $filters, compare: $compare) { key label { ar en } value share previous }\n    ranking(range: $range, filters: $filters, compare: $compare) {\n      items { amanah label { ar en } value rank previousRank rankChange perCapita perCapitaRank perCapitaRankChange populationVerified }\n      provenance { asOf source exact relativeErrorPct }\n    }\n    heatmap(range: $range, filters: $filters) { weekday hour value }\n    provenance(range: $range, filters: $filters, compare: $compare, granularity: $granularity) { asOf lastUploadAt }\n    unappliedFilters(filters: $filters) { dimension values }\n  }\n": types.WidgetDataFragmentDoc,
    "\n  query DashboardList {\n    dashboards {\n      id\n      title { ar en }\n      description { ar en }\n      defaults { preset compare granularity }\n      widgets { id type span dimension breakdownBy title { ar en } metric { id label { ar en } dimensions } }\n    }\n  }\n": types.DashboardListDocument,
    "\n  query DashboardView(\n    $id: ID!\n    $range: DateRangeInput!\n    $filters: [FilterInput!]\n    $compare: Comparison!\n    $granularity: Granularity!\n  ) {\n    dashboard(id: $id) {\n      id\n      title { ar en }\n      description { ar en }\n      widgets { ...WidgetData }\n    }\n  }\n": types.DashboardViewDocument,
    "\n  query AmanahView(\n    $range: DateRangeInput!\n    $filters: [FilterInput!]\n    $compare: Comparison!\n    $granularity: Granularity!\n  ) {\n    press: dashboard(id: \"press\") { id widgets { ...WidgetData } }\n    executive: dashboard(id: \"executive\") { id widgets { ...WidgetData } }\n  }\n": types.AmanahViewDocument,
    "\n  query DeliveryOverview {\n    subscriptions { id dashboard factSheet amanah range { from to preset hijriYear } recipients schedule { every at weekday dayOfMonth } lang digits createdBy nextRunAt }\n    deliveries(limit: 100) { id kind subscriptionId ruleId slot target status attempts lastError createdAt updatedAt }\n    alertRules { id metric amanah condition threshold recipients webhookUrl breached createdBy }\n    alertFirings(limit: 100) { id ruleId metric amanah condition value threshold firedAt }\n    deliveryCounts { sent failed retried queued smtpConfigured }\n  }\n": types.DeliveryOverviewDocument,
    "\n  mutation CreateSubscription($input: SubscriptionInput!) {\n    createSubscription(input: $input) { id nextRunAt }\n  }\n": types.CreateSubscriptionDocument,
    "\n  mutation DeliverSubscription($id: ID!) {\n    deliverSubscription(id: $id) { id status }\n  }\n": types.DeliverSubscriptionDocument,
    "\n  mutation DeleteSubscription($id: ID!) {\n    deleteSubscription(id: $id)\n  }\n": types.DeleteSubscriptionDocument,
    "\n  query MetricDefinitions {\n    metrics {\n      id\n      label { ar en }\n      description { ar en }\n      definition\n      dataset\n      unit\n      direction\n    }\n  }\n": types.MetricDefinitionsDocument,
    "\n  query IngestBatches($dataset: ID, $limit: Int) {\n    ingestBatches(dataset: $dataset, limit: $limit) {\n      id dataset rows rowsByAmanah { amanah rows } eventFrom eventTo keyId keyLabel committedAt idempotencyKey sourceFile\n      status withdrawnAt withdrawnBy withdrawReason replacedBy\n    }\n  }\n": types.IngestBatchesDocument,
    "\n  mutation WithdrawBatch($id: ID!, $reason: String!) {\n    withdrawBatch(id: $id, reason: $reason) { id status withdrawnAt withdrawReason }\n  }\n": types.WithdrawBatchDocument,
    "\n  query Completeness($dataset: ID!, $from: String!, $to: String!) {\n    completeness(dataset: $dataset, from: $from, to: $to) {\n      dataset cadence periods\n      cells { amanah period rows newestEvent }\n      missing { amanah periods }\n      freshness { amanah lastUploadAt newestEvent }\n    }\n  }\n": types.CompletenessDocument,
    "\n  query PressFigures($amanah: ID!, $range: DateRangeInput!, $metrics: [ID!], $compare: Comparison, $precision: PressPrecision, $digits: PressDigits, $calendar: PressCalendar) {\n    pressFigures(amanah: $amanah, range: $range, metrics: $metrics, compare: $compare, precision: $precision, digits: $digits, calendar: $calendar) {\n      position\n      metric { id label { ar en } }\n      title { ar en }\n      filters { dimension values }\n      value\n      previous\n      changePct\n      range { from to }\n      previousRange { from to }\n      sentences { ar en }\n      rankSentences { ar en }\n      provenance { metric definition source table exact range { from to } filters { dimension values } asOf dataVersion }\n    }\n  }\n": types.PressFiguresDocument,
    "\n  query FactSheets($amanah: ID) {\n    factSheets(amanah: $amanah) {\n      id title amanah amanahName { ar en } range { from to } compare lockedAt lockedBy restatedCount\n      figures {\n        position metric title { ar en } lockedValue currentValue sentences { ar en }\n        restatement { old new sentences { ar en } why { ar en } }\n      }\n    }\n  }\n": types.FactSheetsDocument,
    "\n  mutation LockFactSheet($title: String!, $amanah: ID!, $range: DateRangeInput!, $metrics: [ID!], $compare: Comparison, $precision: PressPrecision, $digits: PressDigits) {\n    lockFactSheet(title: $title, amanah: $amanah, range: $range, metrics: $metrics, compare: $compare, precision: $precision, digits: $digits) {\n      id\n    }\n  }\n": types.LockFactSheetDocument,
    "\n  query Targets($metric: ID!, $amanah: ID) {\n    targets(metric: $metric, amanah: $amanah) { metric amanah from to calendar periodLabel value setBy setAt filters { dimension values } }\n  }\n": types.TargetsDocument,
    "\n  mutation SetTarget($input: TargetInput!) {\n    setTarget(input: $input) { metric amanah from to periodLabel value filters { dimension values } }\n  }\n": types.SetTargetDocument,
    "\n  query RankingByAttainment($id: ID!, $range: DateRangeInput!, $filters: [FilterInput!], $compare: Comparison!) {\n    dashboard(id: $id) {\n      id\n      widgets {\n        id\n        ranking(range: $range, filters: $filters, compare: $compare, by: ATTAINMENT) {\n          items {\n            amanah label { ar en } value rank previousRank rankChange perCapita perCapitaRank perCapitaRankChange populationVerified\n            attainmentRank target { value attainmentPct }\n          }\n        }\n      }\n    }\n  }\n": types.RankingByAttainmentDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Annotations($range: DateRangeInput!, $amanah: ID) {\n    annotations(range: $range, amanah: $amanah) {\n      id kind from to amanahs title { ar en } metric createdBy createdAt\n      lift { from to days baselineWeeks observed baseline baselineSd intervalLow intervalHigh lift liftPct claim }\n    }\n  }\n"): typeof import('./graphql').AnnotationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAnnotation($input: AnnotationInput!) {\n    createAnnotation(input: $input) { id }\n  }\n"): typeof import('./graphql').CreateAnnotationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteAnnotation($id: ID!) {\n    deleteAnnotation(id: $id)\n  }\n"): typeof import('./graphql').DeleteAnnotationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WidgetData on Widget {\n    id\n    type\n    span\n    chart\n    dimension\n    breakdownBy\n    title { ar en }\n    metric { id label { ar en } unit direction decimals }\n    kpi(range: $range, filters: $filters, compare: $compare) {\n      value previous change changePct asOf\n      range { from to }\n      previousRange { from to }\n      target { value attainmentPct }\n      provenance { relativeErrorPct source exact }\n      missingData { cadence amanahs { amanah count spans { from to } } }\n    }\n    series(range: $range, filters: $filters, granularity: $granularity, compare: $compare) {\n      granularity\n      points { date value }\n      series { key label { ar en } points { date value } }\n      comparison { points { date value } }\n      target { points { date value } }\n      provenance { asOf source exact relativeErrorPct }\n      missingData { cadence amanahs { amanah count spans { from to } } }\n    }\n    breakdown(range: $range, filters: $filters, compare: $compare) { key label { ar en } value share previous }\n    ranking(range: $range, filters: $filters, compare: $compare) {\n      items { amanah label { ar en } value rank previousRank rankChange perCapita perCapitaRank perCapitaRankChange populationVerified }\n      provenance { asOf source exact relativeErrorPct }\n    }\n    heatmap(range: $range, filters: $filters) { weekday hour value }\n    provenance(range: $range, filters: $filters, compare: $compare, granularity: $granularity) { asOf lastUploadAt }\n    unappliedFilters(filters: $filters) { dimension values }\n  }\n"): typeof import('./graphql').WidgetDataFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardList {\n    dashboards {\n      id\n      title { ar en }\n      description { ar en }\n      defaults { preset compare granularity }\n      widgets { id type span dimension breakdownBy title { ar en } metric { id label { ar en } dimensions } }\n    }\n  }\n"): typeof import('./graphql').DashboardListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardView(\n    $id: ID!\n    $range: DateRangeInput!\n    $filters: [FilterInput!]\n    $compare: Comparison!\n    $granularity: Granularity!\n  ) {\n    dashboard(id: $id) {\n      id\n      title { ar en }\n      description { ar en }\n      widgets { ...WidgetData }\n    }\n  }\n"): typeof import('./graphql').DashboardViewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AmanahView(\n    $range: DateRangeInput!\n    $filters: [FilterInput!]\n    $compare: Comparison!\n    $granularity: Granularity!\n  ) {\n    press: dashboard(id: \"press\") { id widgets { ...WidgetData } }\n    executive: dashboard(id: \"executive\") { id widgets { ...WidgetData } }\n  }\n"): typeof import('./graphql').AmanahViewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeliveryOverview {\n    subscriptions { id dashboard factSheet amanah range { from to preset hijriYear } recipients schedule { every at weekday dayOfMonth } lang digits createdBy nextRunAt }\n    deliveries(limit: 100) { id kind subscriptionId ruleId slot target status attempts lastError createdAt updatedAt }\n    alertRules { id metric amanah condition threshold recipients webhookUrl breached createdBy }\n    alertFirings(limit: 100) { id ruleId metric amanah condition value threshold firedAt }\n    deliveryCounts { sent failed retried queued smtpConfigured }\n  }\n"): typeof import('./graphql').DeliveryOverviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSubscription($input: SubscriptionInput!) {\n    createSubscription(input: $input) { id nextRunAt }\n  }\n"): typeof import('./graphql').CreateSubscriptionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeliverSubscription($id: ID!) {\n    deliverSubscription(id: $id) { id status }\n  }\n"): typeof import('./graphql').DeliverSubscriptionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSubscription($id: ID!) {\n    deleteSubscription(id: $id)\n  }\n"): typeof import('./graphql').DeleteSubscriptionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MetricDefinitions {\n    metrics {\n      id\n      label { ar en }\n      description { ar en }\n      definition\n      dataset\n      unit\n      direction\n    }\n  }\n"): typeof import('./graphql').MetricDefinitionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IngestBatches($dataset: ID, $limit: Int) {\n    ingestBatches(dataset: $dataset, limit: $limit) {\n      id dataset rows rowsByAmanah { amanah rows } eventFrom eventTo keyId keyLabel committedAt idempotencyKey sourceFile\n      status withdrawnAt withdrawnBy withdrawReason replacedBy\n    }\n  }\n"): typeof import('./graphql').IngestBatchesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawBatch($id: ID!, $reason: String!) {\n    withdrawBatch(id: $id, reason: $reason) { id status withdrawnAt withdrawReason }\n  }\n"): typeof import('./graphql').WithdrawBatchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Completeness($dataset: ID!, $from: String!, $to: String!) {\n    completeness(dataset: $dataset, from: $from, to: $to) {\n      dataset cadence periods\n      cells { amanah period rows newestEvent }\n      missing { amanah periods }\n      freshness { amanah lastUploadAt newestEvent }\n    }\n  }\n"): typeof import('./graphql').CompletenessDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PressFigures($amanah: ID!, $range: DateRangeInput!, $metrics: [ID!], $compare: Comparison, $precision: PressPrecision, $digits: PressDigits, $calendar: PressCalendar) {\n    pressFigures(amanah: $amanah, range: $range, metrics: $metrics, compare: $compare, precision: $precision, digits: $digits, calendar: $calendar) {\n      position\n      metric { id label { ar en } }\n      title { ar en }\n      filters { dimension values }\n      value\n      previous\n      changePct\n      range { from to }\n      previousRange { from to }\n      sentences { ar en }\n      rankSentences { ar en }\n      provenance { metric definition source table exact range { from to } filters { dimension values } asOf dataVersion }\n    }\n  }\n"): typeof import('./graphql').PressFiguresDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FactSheets($amanah: ID) {\n    factSheets(amanah: $amanah) {\n      id title amanah amanahName { ar en } range { from to } compare lockedAt lockedBy restatedCount\n      figures {\n        position metric title { ar en } lockedValue currentValue sentences { ar en }\n        restatement { old new sentences { ar en } why { ar en } }\n      }\n    }\n  }\n"): typeof import('./graphql').FactSheetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LockFactSheet($title: String!, $amanah: ID!, $range: DateRangeInput!, $metrics: [ID!], $compare: Comparison, $precision: PressPrecision, $digits: PressDigits) {\n    lockFactSheet(title: $title, amanah: $amanah, range: $range, metrics: $metrics, compare: $compare, precision: $precision, digits: $digits) {\n      id\n    }\n  }\n"): typeof import('./graphql').LockFactSheetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Targets($metric: ID!, $amanah: ID) {\n    targets(metric: $metric, amanah: $amanah) { metric amanah from to calendar periodLabel value setBy setAt filters { dimension values } }\n  }\n"): typeof import('./graphql').TargetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetTarget($input: TargetInput!) {\n    setTarget(input: $input) { metric amanah from to periodLabel value filters { dimension values } }\n  }\n"): typeof import('./graphql').SetTargetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RankingByAttainment($id: ID!, $range: DateRangeInput!, $filters: [FilterInput!], $compare: Comparison!) {\n    dashboard(id: $id) {\n      id\n      widgets {\n        id\n        ranking(range: $range, filters: $filters, compare: $compare, by: ATTAINMENT) {\n          items {\n            amanah label { ar en } value rank previousRank rankChange perCapita perCapitaRank perCapitaRankChange populationVerified\n            attainmentRank target { value attainmentPct }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').RankingByAttainmentDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
