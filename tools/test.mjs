// The whole test suite, as CI runs it: every vitest project once, then one line of totals.
// vitest's JSON reporter gives the counts; the exit code is non-zero when any test failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' };
const resultsFile = 'tmp/vitest-results.json';
mkdirSync('tmp', { recursive: true });

const steps = [
  ['npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  // Nx's project graph, cached in .nx/: eslint's module-boundary rule reads it and is skipped without it.
  ['npx', ['nx', 'graph', '--file=tmp/project-graph.json']],
  ['npx', ['eslint', '.']],
  // Unused files, exports and dependencies (knip.json: the entry points of the Nx layout, and why anything is ignored).
  ['npx', ['knip']],
  // The browser suite (apps/web-e2e) drives the built dashboard that the API serves from dist/web.
  ['npx', ['nx', 'run', 'web:build']],
];
for (const [cmd, args] of steps) {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  const step = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (step.status !== 0) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

const vitest = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`, ...process.argv.slice(2)],
  { stdio: 'inherit', env },
);
let passed = 0;
let failed = 0;
try {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
  if (!results.success && failed === 0) failed = 1; // a suite that failed to load counts as a failure
} catch {
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(vitest.status === 0 && failed === 0 ? 0 : 1);
