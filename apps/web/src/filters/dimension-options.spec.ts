import { describe, expect, it } from 'vitest';
import { dashboardDimensions } from './dimension-options.js';

describe('the dimensions a dashboard offers', () => {
  it('offers those two metrics share, with the values of their datasets together, and not the amanah', () => {
    const options = dashboardDimensions([
      { id: 'services.requests', dimensions: ['amanah', 'service', 'channel', 'status'] },
      { id: 'licenses.issued', dimensions: ['amanah', 'license_type', 'channel'] },
      { id: 'licenses.issued', dimensions: ['amanah', 'license_type', 'channel'] },
      { id: 'office.visits', dimensions: ['amanah', 'with_appointment', 'service'] },
    ]);
    expect(options.map((o) => o.dimension)).toEqual(['channel', 'service']);
    // Requests come by portal, app, Balady, office or 940; licenses by portal, Balady or office.
    expect(options[0]!.values).toEqual(['portal', 'mobile_app', 'balady', 'office', 'call_940']);
  });

  it('offers nothing for a dimension one metric alone has', () => {
    expect(dashboardDimensions([{ id: 'licenses.issued', dimensions: ['amanah', 'license_type'] }, { id: 'licenses.issued', dimensions: ['amanah', 'license_type'] }])).toEqual([]);
  });
});
