import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

export default defineProject({
  root: new URL('.', import.meta.url).pathname,
  plugins: [react()],
  resolve: { tsconfigPaths: true },
  test: {
    name: 'web',
    include: ['src/**/*.spec.ts', 'src/**/*.spec.tsx'],
    environment: 'jsdom',
    setupFiles: ['./src/testing/setup.ts'],
    // A whole app rendered in jsdom takes a few seconds when the machine is busy (measured: 5.8 s for a language
    // switch on a loaded 2-core host, where the default 5 s failed it): a slow machine is not a failure.
    testTimeout: 20_000,
  },
});
