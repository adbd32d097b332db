import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import { nodeTestProject } from '../../../tools/vite-node.ts';

export default defineProject(nodeTestProject('reports', fileURLToPath(new URL('.', import.meta.url))));
