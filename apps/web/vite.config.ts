import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The dashboard builds into dist/web, which the API serves (index.html for every page route, assets as files).
 * In development, /graphql goes to the API on port 3000.
 */
export default defineConfig({
  root,
  plugins: [react()],
  resolve: { tsconfigPaths: true },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: true,
  },
  server: { port: 4200, proxy: { '/graphql': 'http://localhost:3000' } },
  preview: { port: 4300, proxy: { '/graphql': 'http://localhost:3000' } },
});
