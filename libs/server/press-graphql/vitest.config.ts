import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import { nodeTestProject } from '../../../tools/vite-node.ts';

export default defineProject(nodeTestProject('press-graphql', fileURLToPath(new URL('.', import.meta.url))));
