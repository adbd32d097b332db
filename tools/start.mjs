// `npm start`: build what is not built, then run the API (dist/node/api.js) in this process. The API opens and
// migrates the store, seeds an empty store with the demo data unless KPI_SEED_DEMO=false, and listens on PORT.
// Nx caches the builds, so a second start only compares hashes. Running the API here rather than in a child process
// means Ctrl-C and SIGTERM reach Nest's shutdown hooks directly, which close the store (chDB holds a lock on it).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const workspaceRoot = fileURLToPath(new URL('..', import.meta.url));
const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' };

const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'seed', 'web'], {
  cwd: workspaceRoot,
  stdio: 'inherit',
  env,
});
if (build.status !== 0) {
  console.error('npm start: the build failed (see above); nothing was started.');
  process.exit(build.status ?? 1);
}

// The local demo prints a sign-in link for a viewer session; a deployment leaves KPI_DEMO_LOGIN unset (false).
process.env.KPI_DEMO_LOGIN ??= 'true';
process.setSourceMapsEnabled(true);
await import(new URL('../dist/node/api.js', import.meta.url).href);
