import { defineConfig } from 'vitest/config';

// `npm run test:server` (tools/test-server.mjs names the spec files): the same spec files the normal suite runs on the
// embedded store, against the ClickHouse server or cluster named by CLICKHOUSE_URL (their stores come from
// openTestStore and openSeededTestStore, which open a database of their own there). One file at a time: the server
// is shared, and the global setup refuses a server the store cannot use before any file runs.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    projects: ['libs/*/*/vitest.config.ts', '{seed,apps/*}/vitest.config.ts'],
    maxWorkers: 1,
    globalSetup: ['tools/server-conformance.setup.ts'],
  },
});
