import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import { nodeTestProject } from '../../../tools/vite-node.ts';

export default defineProject(nodeTestProject('delivery', fileURLToPath(new URL('.', import.meta.url))));
