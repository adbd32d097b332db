import { graphql } from '../gql/index.js';

/** The delivery page's and the Subscribe form's operations. */
export const DeliveryOverviewQuery = graphql(`
  query DeliveryOverview {
    subscriptions { id dashboard factSheet amanah range { from to preset hijriYear } recipients schedule { every at weekday dayOfMonth } lang digits createdBy nextRunAt }
    deliveries(limit: 100) { id kind subscriptionId ruleId slot target status attempts lastError createdAt updatedAt }
    alertRules { id metric amanah condition threshold recipients webhookUrl breached createdBy }
    alertFirings(limit: 100) { id ruleId metric amanah condition value threshold firedAt }
    deliveryCounts { sent failed retried queued smtpConfigured }
  }
`);

export const CreateSubscriptionMutation = graphql(`
  mutation CreateSubscription($input: SubscriptionInput!) {
    createSubscription(input: $input) { id nextRunAt }
  }
`);

export const DeliverSubscriptionMutation = graphql(`
  mutation DeliverSubscription($id: ID!) {
    deliverSubscription(id: $id) { id status }
  }
`);

export const DeleteSubscriptionMutation = graphql(`
  mutation DeleteSubscription($id: ID!) {
    deleteSubscription(id: $id)
  }
`);
