import { describe, expect, it } from 'vitest';
import { answeredByApi } from './serve-dashboard.js';

describe('which paths the dashboard’s index.html never answers', () => {
  it('leaves the API, the probes and the metrics to the API, and the rest to the dashboard’s routes', () => {
    for (const p of ['/graphql', '/api/session', '/healthz', '/healthz/details', '/livez', '/readyz', '/metrics']) expect(answeredByApi(p), p).toBe(true);
    for (const p of ['/', '/dashboards/executive', '/upload', '/readyzz', '/metricsboard']) expect(answeredByApi(p), p).toBe(false);
  });
});
