import nx from '@nx/eslint-plugin';

// Module boundaries are enforced, not just tagged: scope:web may not reach server code or the database client,
// type:ui depends only on ui/util, scope:shared only on shared.
export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/.nx', '**/tmp', 'data'] },
  {
    files: ['**/src/**/*.ts', '**/src/**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            {
              sourceTag: 'scope:web',
              onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'],
              bannedExternalImports: ['@nestjs/*', '@clickhouse/*', 'chdb', 'chdb/*', '@apollo/server'],
            },
            { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'] },
            { sourceTag: 'scope:seed', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared', 'scope:seed'] },
            { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared', 'scope:seed', 'scope:web'] },
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util'] },
          ],
        },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
