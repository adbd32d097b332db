import { graphql } from '../gql/index.js';

/** The batch history and completeness pages' operations (libs/server/ingest: batches.resolver.ts). */
export const IngestBatchesQuery = graphql(`
  query IngestBatches($dataset: ID, $limit: Int) {
    ingestBatches(dataset: $dataset, limit: $limit) {
      id dataset rows rowsByAmanah { amanah rows } eventFrom eventTo keyId keyLabel committedAt idempotencyKey sourceFile
      status withdrawnAt withdrawnBy withdrawReason replacedBy
    }
  }
`);

export const WithdrawBatchMutation = graphql(`
  mutation WithdrawBatch($id: ID!, $reason: String!) {
    withdrawBatch(id: $id, reason: $reason) { id status withdrawnAt withdrawReason }
  }
`);

export const CompletenessQuery = graphql(`
  query Completeness($dataset: ID!, $from: String!, $to: String!) {
    completeness(dataset: $dataset, from: $from, to: $to) {
      dataset cadence periods
      cells { amanah period rows newestEvent }
      missing { amanah periods }
      freshness { amanah lastUploadAt newestEvent }
    }
  }
`);
