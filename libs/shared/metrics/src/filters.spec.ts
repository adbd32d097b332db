import { describe, expect, it } from 'vitest';
import { splitFiltersFor, targetFiltersKey } from './filters.js';

describe('targetFiltersKey', () => {
  it('is the same for the same filters in any order, without the amanah, and empty for none', () => {
    const a = targetFiltersKey([{ dimension: 'priority', values: ['urgent'] }, { dimension: 'channel', values: ['call_940', 'app', 'app'] }, { dimension: 'amanah', values: ['hail'] }]);
    expect(a).toBe(targetFiltersKey([{ dimension: 'channel', values: ['app', 'call_940'] }, { dimension: 'priority', values: ['urgent'] }]));
    expect(JSON.parse(a)).toEqual([{ dimension: 'channel', values: ['app', 'call_940'] }, { dimension: 'priority', values: ['urgent'] }]);
    expect(targetFiltersKey([{ dimension: 'amanah', values: ['hail'] }])).toBe('');
    expect(targetFiltersKey(null)).toBe('');
    expect(targetFiltersKey([{ dimension: 'channel', values: ['app'] }])).not.toBe(targetFiltersKey([{ dimension: 'channel', values: ['app', 'portal'] }]));
  });
});

describe('splitFiltersFor', () => {
  it('applies the dimensions and values the metric’s dataset has, and names the rest', () => {
    expect(splitFiltersFor('reports.received', [{ dimension: 'channel', values: ['app', 'web'] }, { dimension: 'platform', values: ['twitter'] }])).toEqual({
      applied: [{ dimension: 'channel', values: ['app'] }],
      unapplied: [{ dimension: 'channel', values: ['web'] }, { dimension: 'platform', values: ['twitter'] }],
    });
  });
});
