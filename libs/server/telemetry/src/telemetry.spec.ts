import { describe, expect, it } from 'vitest';
import { BoundedLabel, collectProcessMetrics, registry, rowsIngested } from './telemetry.js';

describe('BoundedLabel', () => {
  it('keeps plain names up to its limit, and calls anything else other', () => {
    const label = new BoundedLabel(2);
    expect(label.of('ExecutiveDashboard')).toBe('ExecutiveDashboard');
    expect(label.of('PressFigures')).toBe('PressFigures');
    expect(label.of('ExecutiveDashboard')).toBe('ExecutiveDashboard');
    expect(label.of('Third')).toBe('other'); // past the limit
    expect(label.of('x'.repeat(65))).toBe('other');
    expect(label.of('drop table; --')).toBe('other');
    expect(label.of(undefined)).toBe('other');
  });
});

describe('the registry', () => {
  it('prints what was counted in Prometheus text', async () => {
    collectProcessMetrics();
    rowsIngested.inc({ dataset: 'portal_visits' }, 3);
    const text = await registry.metrics();
    expect(text).toContain('amanah_ingest_rows_total{dataset="portal_visits"} 3');
    expect(text).toContain('# TYPE amanah_http_request_duration_seconds histogram');
    expect(text).toContain('amanah_process_cpu_seconds_total');
  });
});
