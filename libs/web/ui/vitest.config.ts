import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

export default defineProject({
  root: new URL('.', import.meta.url).pathname,
  plugins: [react()],
  resolve: { tsconfigPaths: true },
  test: {
    name: 'web-ui',
    include: ['src/**/*.spec.tsx', 'src/**/*.spec.ts'],
    environment: 'jsdom',
    setupFiles: ['./src/testing/setup.ts'],
  },
});
