// `npm run bench [-- flags]`: every benchmark of issue 17 in one run, never part of the test suite. First each
// project's `bench` target (api: the dashboard cold and warm, sizes, PostgreSQL with --peers, exact distinct; ingest:
// NDJSON and CSV rows/s; web-e2e: the dashboard rendered in chromium), the flags going to each; then the warm
// dashboard's throughput from 200 clients on 20 keys (api:bench-load --warm-only) and NDJSON ingest alone and beside
// 50 dashboard readers (api:bench-ingest, on the ≈ 10 M-visit store).
import { spawnSync } from 'node:child_process';

const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' };
const flags = process.argv.slice(2);
const runs = [
  ['nx', 'run-many', '-t', 'bench', '--parallel=1', '--output-style=stream', ...(flags.length ? ['--', ...flags] : [])],
  ['nx', 'run', 'api:bench-load', '--output-style=stream', '--', '--warm-only'],
  ['nx', 'run', 'api:bench-ingest', '--output-style=stream', '--', '--scale', '0.35', '--rounds', '2'],
];
for (const args of runs) {
  console.log(`\n> npx ${args.join(' ')}`);
  const run = spawnSync('npx', args, { stdio: 'inherit', env });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
