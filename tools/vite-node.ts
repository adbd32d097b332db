// One place that says how TypeScript for Node is transformed, for builds and for tests alike.
// SWC (not esbuild/oxc) because NestJS needs `emitDecoratorMetadata`; Vite's own tsconfig-paths support resolves
// the `@amanah/*` libs from tsconfig.base.json.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import type { PluginOption, UserConfig } from 'vite';
import type { ViteUserConfig } from 'vitest/config';

export const workspaceRoot = fileURLToPath(new URL('..', import.meta.url));

export function nodeTransformPlugins(): PluginOption[] {
  return [
    swc.vite({
      tsconfigFile: false,
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        keepClassNames: true,
      },
    }),
  ];
}

/** A Node bundle of the given entry points into dist/node; npm dependencies stay external. */
export function nodeBundle(entries: Record<string, string>): UserConfig {
  return {
    root: workspaceRoot,
    plugins: nodeTransformPlugins(),
    resolve: { tsconfigPaths: true },
    logLevel: 'warn',
    build: {
      ssr: true,
      target: 'node20',
      outDir: 'dist/node',
      emptyOutDir: false,
      sourcemap: true,
      minify: false,
      rollupOptions: { input: entries, output: { format: 'es', entryFileNames: '[name].js' } },
    },
  };
}

/**
 * A vitest project for Node code. Each test file runs in its own forked process, because chDB allows one data
 * directory per process: a file opens its own temporary store, so files never share state.
 */
export function nodeTestProject(name: string, dir: string): ViteUserConfig {
  return {
    root: dir,
    plugins: nodeTransformPlugins(),
    resolve: {
      tsconfigPaths: true,
      // graphql 16 declares `"main": "index"` without an extension: Node loads index.js (as @nestjs/graphql does),
      // Vite's resolver tries index.mjs first, and two copies of graphql reject each other's types ("another
      // module or realm"). Resolve it as Node does.
      alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }],
    },
    test: {
      name,
      include: ['src/**/*.spec.ts', 'src/**/*.integration-spec.ts'],
      pool: 'forks',
      isolate: true,
      testTimeout: 60_000,
      hookTimeout: 300_000,
    },
  };
}
