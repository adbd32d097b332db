import { describe, expect, it } from 'vitest';
import { rankingWidgetQuery, splitGlobalFilters, widgetQuery } from './widget-query.js';

const channels = [{ dimension: 'channel', values: ['portal', 'mobile_app'] }];
const range = { preset: 'last_year' };

describe('splitGlobalFilters', () => {
  it('applies a filter whole when the metric has the dimension and its dataset every value', () => {
    expect(splitGlobalFilters('services.requests', channels)).toEqual({ applied: channels, unapplied: [] });
  });

  it('keeps the values the dataset knows and lists the others as not applied', () => {
    // Portal visits come from the web or the mobile app; licenses from the portal, Balady or an office.
    expect(splitGlobalFilters('portal.visits', channels)).toEqual({
      applied: [{ dimension: 'channel', values: ['mobile_app'] }],
      unapplied: [{ dimension: 'channel', values: ['portal'] }],
    });
    expect(splitGlobalFilters('licenses.issued', channels)).toEqual({
      applied: [{ dimension: 'channel', values: ['portal'] }],
      unapplied: [{ dimension: 'channel', values: ['mobile_app'] }],
    });
  });

  it('does not apply a filter on a dimension the metric lacks', () => {
    const filters = [...channels, { dimension: 'amanah', values: ['tabuk'] }];
    expect(splitGlobalFilters('office.visits', filters)).toEqual({ applied: [{ dimension: 'amanah', values: ['tabuk'] }], unapplied: channels });
  });
});

describe('widgetQuery', () => {
  it('adds the applicable global filters after the widget’s own', () => {
    const own = [{ dimension: 'status', values: ['closed'] }];
    const query = widgetQuery({ metric: 'office.visits', filters: own, approximate: false }, { range, filters: [...channels, { dimension: 'amanah', values: ['tabuk'] }] });
    expect(query.filters).toEqual([...own, { dimension: 'amanah', values: ['tabuk'] }]);
  });

  it('drops the amanah filter of a ranking and keeps the rest', () => {
    const query = rankingWidgetQuery({ metric: 'services.requests', filters: [], approximate: false }, { range, filters: [...channels, { dimension: 'amanah', values: ['tabuk'] }] });
    expect(query.filters).toEqual(channels);
  });
});
