import { describe, expect, it } from 'vitest';
import { findMetric } from '@amanah/metrics';
import { targetLine } from './targets.js';

const visits = findMetric('office.visits')!;
const share = findMetric('services.digital_share')!;

describe('targetLine', () => {
  it('gives each bucket the target over its days in the range: a count prorated, a share as set', () => {
    const year = [{ metric: 'office.visits', from: '2024-01-01', to: '2024-12-31', value: 3660 }];
    // The range starts mid-January and ends mid-March: the first and last buckets count only those days.
    expect(targetLine(year, visits, { from: '2024-01-22', to: '2024-03-10' }, ['2024-01-01', '2024-02-01', '2024-03-01'])).toEqual([
      { date: '2024-01-01', value: 100 }, { date: '2024-02-01', value: 290 }, { date: '2024-03-01', value: 100 },
    ]);
    expect(targetLine([{ ...year[0]!, metric: share.id, value: 90 }], share, { from: '2024-01-22', to: '2024-03-10' }, ['2024-01-01', '2024-02-01'])).toEqual([
      { date: '2024-01-01', value: 90 }, { date: '2024-02-01', value: 90 },
    ]);
  });

  it('leaves a bucket across a period’s edge without one, and answers null when no bucket has one', () => {
    // A Hijri year (1 Muharram 1446 = 2024-07-07) against Gregorian months: July straddles its start.
    const hijri = [{ metric: 'office.visits', from: '2024-07-07', to: '2025-06-25', value: 354 }];
    expect(targetLine(hijri, visits, { from: '2024-06-01', to: '2024-08-31' }, ['2024-06-01', '2024-07-01', '2024-08-01'])).toEqual([
      { date: '2024-06-01', value: null }, { date: '2024-07-01', value: null }, { date: '2024-08-01', value: 31 },
    ]);
    expect(targetLine(hijri, visits, { from: '2024-05-01', to: '2024-06-30' }, ['2024-05-01', '2024-06-01'])).toBeNull();
  });
});
