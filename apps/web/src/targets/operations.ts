import { graphql } from '../gql/index.js';

/** The targets in force for a metric (of the view's amanah, or every one of the caller's scope), with their filters; setting one. */
export const TargetsQuery = graphql(`
  query Targets($metric: ID!, $amanah: ID) {
    targets(metric: $metric, amanah: $amanah) { metric amanah from to calendar periodLabel value setBy setAt filters { dimension values } }
  }
`);

export const SetTargetMutation = graphql(`
  mutation SetTarget($input: TargetInput!) {
    setTarget(input: $input) { metric amanah from to periodLabel value filters { dimension values } }
  }
`);

/** A dashboard's ranking widgets ordered by attainment of each amanah's own target (the ranking table's switch). */
export const RankingByAttainmentQuery = graphql(`
  query RankingByAttainment($id: ID!, $range: DateRangeInput!, $filters: [FilterInput!], $compare: Comparison!) {
    dashboard(id: $id) {
      id
      widgets {
        id
        ranking(range: $range, filters: $filters, compare: $compare, by: ATTAINMENT) {
          items {
            amanah label { ar en } value rank previousRank rankChange perCapita perCapitaRank perCapitaRankChange populationVerified
            attainmentRank target { value attainmentPct }
          }
        }
      }
    }
  }
`);
