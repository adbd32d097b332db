import { describe, expect, it } from 'vitest';
import { DIMENSIONS } from './dimensions.js';
import { describeMetric } from './describe.js';
import { findMetric, METRICS } from './catalogue.js';

describe('the catalogue: one entry per metric', () => {
  it('shows the noun its press sentences use (Arabic singular, English plural)', () => {
    for (const metric of METRICS.values()) {
      const noun = metric.press?.noun;
      expect(metric.noun, metric.id).toEqual(noun && { ar: noun.ar.singular, en: noun.en.plural });
    }
    expect(findMetric('office.visits')?.noun).toEqual({ ar: 'مراجع', en: 'in-person visitors' });
  });

  it('gives every metric a press sentence template with its figure and amanah', () => {
    for (const metric of METRICS.values()) {
      for (const template of Object.values(metric.press?.sentence ?? {})) {
        expect(template, metric.id).toContain('{figure}');
        expect(template, metric.id).toContain('{amanah}');
      }
    }
  });

  it('labels indicator metrics as the indicator dimension labels its members', () => {
    for (const metric of METRICS.values()) {
      if (!metric.id.startsWith('indicator.')) continue;
      expect(metric.label, metric.id).toEqual(DIMENSIONS.indicator.members[metric.id.slice('indicator.'.length)]);
    }
  });

  it('describes each metric in words from its aggregate', () => {
    const described = (id: string) => describeMetric(findMetric(id)!);
    expect(described('office.visits')).toBe('count of office_visits rows by event time');
    expect(described('social.impressions')).toBe('sum of social_stats.impressions');
    expect(described('portal.visitors')).toBe('exact distinct portal_visits.visitor_id');
    expect(described('services.digital_share')).toBe('service_requests rows with channel not in (office) ÷ all rows × 100');
    expect(described('portal.daily_avg_visits')).toBe('count of portal_visits rows ÷ days in range');
    expect(described('reports.median_resolution_hours')).toBe(
      'median hours of resolved_at − received_at over citizen_reports rows with status in (resolved, closed)',
    );
    expect(described('social.followers')).toBe('last social_stats.followers on or before the range end, per amanah and platform, summed');
    // A count over a dataset whose time column is a date counts its rows by day.
    expect(describeMetric({ ...findMetric('office.visits')!, dataset: 'social_stats' })).toBe('count of social_stats rows by day');
  });
});
