import { graphql } from '../gql/index.js';

/** The targets in force for a metric (of the view's amanah, or every one of the caller's scope); setting one. */
export const TargetsQuery = graphql(`
  query Targets($metric: ID!, $amanah: ID) {
    targets(metric: $metric, amanah: $amanah) { metric amanah from to calendar periodLabel value setBy setAt }
  }
`);

export const SetTargetMutation = graphql(`
  mutation SetTarget($input: TargetInput!) {
    setTarget(input: $input) { metric amanah from to periodLabel value }
  }
`);
