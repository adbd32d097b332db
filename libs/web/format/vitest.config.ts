import { defineProject } from 'vitest/config';

// Pure Intl formatting: plain Node, no DOM.
export default defineProject({
  root: new URL('.', import.meta.url).pathname,
  resolve: { tsconfigPaths: true },
  test: { name: 'web-format', include: ['src/**/*.spec.ts'] },
});
