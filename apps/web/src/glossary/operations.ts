import { graphql } from '../gql/index.js';

/** Every metric of the catalogue with its meaning: the glossary page and each widget's ⓘ (one request, cached). */
export const MetricDefinitionsQuery = graphql(`
  query MetricDefinitions {
    metrics {
      id
      label { ar en }
      description { ar en }
      definition
      dataset
      unit
      direction
    }
  }
`);
