import { fileURLToPath } from 'node:url';
import { defineProject, mergeConfig } from 'vitest/config';
import { nodeTestProject } from '../../tools/vite-node.ts';

// Browser tests of the built dashboard (dist/web: `npx nx run web:build` first) against the real API on a copy of the
// seeded demo store; the seed's global setup seeds it once per run (see seed/README.md).
export default defineProject(
  mergeConfig(nodeTestProject('web-e2e', fileURLToPath(new URL('.', import.meta.url))), {
    test: { globalSetup: ['../../seed/src/global-setup.ts'] },
  }),
);
