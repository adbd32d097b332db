// Global setup of `npm run test:server`: the server named by CLICKHOUSE_URL is asked once, before any test file runs,
// whether it can serve the store at all (its version, the login). A server too old for our SQL stops the run here
// with the store's own one-line explanation, instead of failing every file with the same error.
import { openStore, storeConfigFromEnv } from '@amanah/store';

export default async function checkServer(): Promise<void> {
  const config = storeConfigFromEnv();
  if (config.kind !== 'server') throw new Error('test:server needs CLICKHOUSE_URL: the server or cluster to run the conformance suite against.');
  const store = await openStore(config).catch((error: unknown) => {
    // Vitest goes on to say "No test files found" when a global setup fails: this line says why.
    console.error(`test:server stopped before the first spec file: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  });
  console.info(`test:server: ${store.description} runs ClickHouse ${store.serverVersion}`);
  await store.close();
}
