import { graphql } from '../gql/index.js';

/** The annotations of the view (its range and amanah), each campaign with its lift; and marking or deleting one. */
export const AnnotationsQuery = graphql(`
  query Annotations($range: DateRangeInput!, $amanah: ID) {
    annotations(range: $range, amanah: $amanah) {
      id kind from to amanahs title { ar en } metric createdBy createdAt
      lift { from to days baselineWeeks observed baseline baselineSd intervalLow intervalHigh lift liftPct claim }
    }
  }
`);

export const CreateAnnotationMutation = graphql(`
  mutation CreateAnnotation($input: AnnotationInput!) {
    createAnnotation(input: $input) { id }
  }
`);

export const DeleteAnnotationMutation = graphql(`
  mutation DeleteAnnotation($id: ID!) {
    deleteAnnotation(id: $id)
  }
`);
