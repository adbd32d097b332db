import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GRAPHQL_SDL_FILE_HEADER, GraphQLSchemaHost } from '@nestjs/graphql';
import { IngestModule } from '@amanah/ingest';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { STORE, StoreModule } from '../store/store.module.js';
import { DEFAULT_DASHBOARDS_DIR } from '../app/create-app.js';
import { GraphqlApiModule } from './graphql-api.module.js';

/** The committed file's form: Nest's generated-file header, then the sorted SDL. */
export function printSchemaSdl(schema: GraphQLSchema): string {
  return `${GRAPHQL_SDL_FILE_HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
}

@Module({
  imports: [
    StoreModule.unavailable('GraphQL schema generation'),
    GraphqlApiModule.forRoot({ production: true, dashboardsDir: DEFAULT_DASHBOARDS_DIR }),
    // The batch history's resolver lives in the ingest module (it uses the API's one Ingestor).
    IngestModule.forRoot({ storeToken: STORE, recoverAtStart: false }),
  ],
})
class SchemaGenerationModule {}

/**
 * The schema the API serves, built by the same GraphQL module and resolvers as the server, without a store or an
 * HTTP server (GraphQLModule builds the schema on init and only starts Apollo when there is an HTTP adapter).
 */
export async function generateSchemaSdl(): Promise<string> {
  const context = await NestFactory.createApplicationContext(SchemaGenerationModule, { logger: false, abortOnError: false });
  try {
    return printSchemaSdl(context.get(GraphQLSchemaHost).schema);
  } finally {
    await context.close();
  }
}
