import { nodeBundle } from '../../tools/vite-node.ts';

// dist/node/bench-dashboard.js: the dashboard bench (`nx run api:bench`), built apart from the server.
export default nodeBundle({ 'bench-dashboard': 'apps/api/bench/dashboard-bench.ts' });
