import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types for the dashboard's GraphQL operations, generated offline from the committed schema
 * (apps/api/schema.graphql) into src/gql/, which is committed: a build never needs the API running.
 * Run `nx run web:codegen` after the schema changes. WEB_SCHEMA overrides the schema path.
 */
const config: CodegenConfig = {
  schema: process.env.WEB_SCHEMA ?? 'apps/api/schema.graphql',
  documents: ['apps/web/src/**/*.{ts,tsx}', '!apps/web/src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'apps/web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Documents as plain strings (no graphql-js in the browser bundle); fetch sends them as they are.
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { Date: 'string' },
      },
    },
  },
};
export default config;
