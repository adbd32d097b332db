import { Catch, type ExceptionFilter } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { AnalyticsError } from '@amanah/analytics';

/**
 * The one place a domain error becomes a GraphQL error: `extensions.code` is its code, `extensions.argument` the
 * argument at fault, `extensions.allowed` the values allowed (when there is a list). Messages pass unchanged.
 */
export function toGraphQLError(error: AnalyticsError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: {
      code: error.code,
      ...(error.argument === undefined ? {} : { argument: error.argument }),
      ...(error.allowed ? { allowed: error.allowed } : {}),
    },
  });
}

/**
 * Applied to every resolver class of the GraphQL libs (`@UseFilters(AnalyticsErrorFilter)`): a resolver lets the
 * service's AnalyticsError through and the client gets it as toGraphQLError writes it. Any other error goes on to
 * the app's own handling.
 */
@Catch(AnalyticsError)
export class AnalyticsErrorFilter implements ExceptionFilter<AnalyticsError> {
  catch(error: AnalyticsError): GraphQLError {
    return toGraphQLError(error);
  }
}
