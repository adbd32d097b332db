import { fileURLToPath } from 'node:url';
import { defineProject, mergeConfig } from 'vitest/config';
import { nodeTestProject } from '../tools/vite-node.ts';

// The global setup seeds the default demo once per run into a template directory; openSeededTestStore() copies it.
export default defineProject(
  mergeConfig(nodeTestProject('seed', fileURLToPath(new URL('.', import.meta.url))), {
    test: { globalSetup: ['./src/global-setup.ts'] },
  }),
);
