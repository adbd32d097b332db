import { nodeBundle } from '../tools/vite-node.ts';

export default nodeBundle({ seed: 'seed/src/cli.ts' });
