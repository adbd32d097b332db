import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['libs/*/*/vitest.config.ts', '{seed,apps/*}/vitest.config.ts'],
    maxWorkers: 2,
  },
});
