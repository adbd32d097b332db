import { fileURLToPath } from 'node:url';
import { defineProject, mergeConfig } from 'vitest/config';
import { nodeTestProject } from '../../tools/vite-node.ts';

// The seed's global setup seeds the default demo once per run; openSeededTestStore() copies it for a test file.
export default defineProject(
  mergeConfig(nodeTestProject('api', fileURLToPath(new URL('.', import.meta.url))), {
    test: { globalSetup: ['../../seed/src/global-setup.ts'] },
  }),
);
