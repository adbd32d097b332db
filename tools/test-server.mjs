// `npm run test:server`: the conformance suite, for operators to run against their own server or cluster:
//   CLICKHOUSE_URL=https://ch.example.sa:8443 CLICKHOUSE_USER=kpi CLICKHOUSE_PASSWORD=… [CLICKHOUSE_CLUSTER=amanat] npm run test:server
// The store, query, ingest and published-figure spec files below, which the normal suite runs on the embedded store,
// each in a database of its own on that server (created and dropped: the user needs CREATE/DROP DATABASE).
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** Files that test the embedded engine itself (its errors, locks, backups, the old server's refusal) are not here. */
export const SERVER_CONFORMANCE_SPECS = [
  'libs/server/store/src/migrations.integration-spec.ts',
  'libs/server/store/src/migrate-concurrently.integration-spec.ts',
  'libs/server/store/src/rollups.integration-spec.ts',
  'libs/server/store/src/failed-statements.integration-spec.ts',
  'libs/server/store/src/write-slot.integration-spec.ts',
  'libs/server/store/src/cluster-ddl.integration-spec.ts',
  'libs/server/store/src/work-tables.integration-spec.ts',
  'libs/server/query/src/runner.integration-spec.ts',
  'libs/server/ingest/src/ingest-http.integration-spec.ts',
  'libs/server/ingest/src/batch-visibility.integration-spec.ts',
  'libs/server/ingest/src/ledger-migration.integration-spec.ts',
  'libs/server/ingest/src/xlsx.integration-spec.ts',
  'seed/src/figures.integration-spec.ts',
  'apps/api/src/analytics/published-figures.integration-spec.ts',
  'apps/api/src/analytics/rollup-equals-raw.integration-spec.ts',
  'apps/api/src/ingest/ingest-through-api.integration-spec.ts',
  'apps/api/src/store/no-local-files.integration-spec.ts',
];

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!process.env.CLICKHOUSE_URL?.trim()) {
    console.error('test:server needs CLICKHOUSE_URL (and CLICKHOUSE_USER, CLICKHOUSE_PASSWORD, CLICKHOUSE_CLUSTER as needed): the server or cluster to test.');
    process.exit(2);
  }
  const run = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.server.config.ts', ...SERVER_CONFORMANCE_SPECS, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' },
  });
  process.exit(run.status ?? 1);
}
