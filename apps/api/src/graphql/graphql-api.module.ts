import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ReferenceDataModule } from '../reference-data/reference-data.module.js';
import { createErrorFormatter } from './format-error.js';

export interface GraphqlApiOptions {
  production: boolean;
}

/**
 * `POST /graphql`, code-first. The schema is built in memory from the resolvers (autoSchemaFile: true) rather than
 * written to apps/api/schema.graphql at every start: a server must not write into the source tree, and a start that
 * rewrote the committed file would hide a stale one. `kpi schema` prints it; schema.spec.ts compares.
 */
@Module({})
export class GraphqlApiModule {
  static forRoot(options: GraphqlApiOptions): DynamicModule {
    const logger = new Logger('GraphQL');
    return {
      module: GraphqlApiModule,
      imports: [
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          autoSchemaFile: true,
          sortSchema: true,
          path: '/graphql',
          graphiql: !options.production,
          includeStacktraceInErrorResponses: !options.production,
          formatError: createErrorFormatter({
            exposeInternals: !options.production,
            reportUnexpected: (error) =>
              logger.error(error instanceof Error ? error.message : String(error), error instanceof Error ? error.stack : undefined),
          }),
        }),
        ReferenceDataModule,
      ],
    };
  }
}

