import { nodeBundle } from '../../tools/vite-node.ts';

// dist/node/bench-web-render.js: the dashboard render-time bench (`nx run web-e2e:bench`), built apart from the server.
export default nodeBundle({ 'bench-web-render': 'apps/web-e2e/bench/render-time.ts' });
