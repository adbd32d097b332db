import nx from '@nx/eslint-plugin';

// Module boundaries are enforced on every file of every project (sources, specs, testing harnesses, benches, configs),
// not just tagged. Two kinds of tag, both checked:
// - scope: scope:web may not reach server code or the database client, scope:shared only shared, and so on.
// - type, from the bottom up: type:domain and type:util are pure shared code (vocabulary, catalogue, calendar,
//   formatting, the shared GraphQL types); type:data-access reads and writes the store and answers any caller with no
//   transport (store, query, analytics, access: keys, the Caller and the role table); type:ui draws; type:feature is
//   a transport's surface (analytics-graphql, press-graphql, ingest) and depends only on data-access and util/domain,
//   never on another feature; type:app, type:e2e and type:tool (seed) sit on top.
// The rule reads Nx's cached project graph: `npm test` (tools/test.mjs) computes it before eslint runs, otherwise the
// rule is skipped with a warning.
export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/.nx', '**/tmp', 'data'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          // Build configs share the workspace's bundling helper (tools/, in no project), and the API's build bundles
          // the ingest validation worker by its entry path.
          allow: ['/tools/vite-node\\.ts$', '/libs/server/ingest/validation-worker\\.build\\.ts$'],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            {
              sourceTag: 'scope:web',
              onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'],
              bannedExternalImports: ['@nestjs/*', '@clickhouse/*', 'chdb', 'chdb/*', '@apollo/server'],
            },
            { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'] },
            { sourceTag: 'scope:seed', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared', 'scope:seed'] },
            { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared', 'scope:seed', 'scope:web', 'scope:app'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:domain'] },
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util', 'type:domain'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:domain'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:domain'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:domain'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util', 'type:domain', 'type:tool'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:app', 'type:feature', 'type:data-access', 'type:ui', 'type:util', 'type:domain', 'type:tool'] },
          ],
        },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
