import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

export default defineProject({
  root: new URL('.', import.meta.url).pathname,
  plugins: [react()],
  resolve: { tsconfigPaths: true },
  test: {
    name: 'web-charts',
    include: ['src/**/*.spec.tsx', 'src/**/*.spec.ts'],
    environment: 'jsdom',
    // The same jsdom setup as the ui lib (i18n resources, no-layout ResizeObserver).
    setupFiles: ['../ui/src/testing/setup.ts'],
  },
});
