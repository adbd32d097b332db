import { METRICS } from '@amanah/metrics';
import { describe, expect, it } from 'vitest';
import { METRIC_NOUNS, PRESS_NOUNS, metricNoun } from './nouns.js';

describe('counted nouns per metric', () => {
  const countable = [...METRICS.values()].filter((metric) => metric.unit === 'count' || metric.unit === 'sar');

  it('has a noun for every countable metric of the catalogue, and none for percentages or hours', () => {
    expect(countable.length).toBeGreaterThan(10);
    for (const metric of countable) expect(metricNoun(metric.id), metric.id).toBeDefined();
    for (const metric of METRICS.values()) {
      if (metric.unit === 'percent' || metric.unit === 'hours') expect(metricNoun(metric.id), metric.id).toBeUndefined();
    }
    for (const id of Object.keys(METRIC_NOUNS)) expect(METRICS.has(id), id).toBe(true);
  });

  it('agrees with the Arabic noun the catalogue shows in labels', () => {
    for (const metric of countable) {
      // The catalogue may qualify its noun ("زائر يومياً"); the counted word itself must be the same.
      const word = (phrase: string | undefined) => phrase?.split(' ')[0];
      if (metric.noun) expect(word(metricNoun(metric.id)?.ar.singular), metric.id).toBe(word(metric.noun.ar));
    }
  });

  it('maps the contract metrics to the nouns the articles use', () => {
    expect(metricNoun('portal.visits')?.ar.singular).toBe('زائر');
    expect(metricNoun('services.requests')?.ar.singular).toBe('طلب');
    expect(metricNoun('licenses.issued')?.ar.singular).toBe('رخصة');
    expect(metricNoun('reports.received')?.ar.singular).toBe('بلاغ');
    expect(metricNoun('notifications.sent')?.ar.singular).toBe('رسالة');
    expect(metricNoun('social.followers')?.ar.singular).toBe('متابع');
    expect(metricNoun('office.visits')?.ar.accusative).toBe('مراجعًا');
  });

  it('does not answer for inherited object keys', () => {
    expect(metricNoun('toString')).toBeUndefined();
    expect(metricNoun('__proto__')).toBeUndefined();
  });

  it('builds feminine duals in تين and keeps their accusative bare', () => {
    expect(PRESS_NOUNS.license.ar).toMatchObject({ dual: 'رخصتين', accusative: 'رخصة', gender: 'f' });
    expect(PRESS_NOUNS.message.ar.dual).toBe('رسالتين');
  });
});
