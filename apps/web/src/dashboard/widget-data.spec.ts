import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n.js';
import { missingDataText, oldestFreshness, trendPrevious, type WidgetData } from './widget-data.js';

const months = (year: number, from: number, to: number, value: (m: number) => number) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ date: `${year}-${String(from + i).padStart(2, '0')}-01`, value: value(from + i) }));

const trend = (current: WidgetData['series'], previous: Array<{ date: string; value: number | null }> | null, breakdownBy: string | null = null) =>
  ({ type: 'trend', breakdownBy, series: { ...current, comparison: previous && { points: previous } } }) as unknown as WidgetData;

const year2024 = { granularity: 'MONTH', points: months(2024, 1, 12, (m) => m * 100), series: [], provenance: { asOf: null } } as unknown as WidgetData['series'];

describe('the comparison overlay of a trend', () => {
  it('faces each month of a leap year with the same month of the year before, not with the one-day December before it', () => {
    // A comparison period one day longer than the months it faces (366 days before a range of days): thirteen
    // monthly buckets, the first of one day.
    const previous = [{ date: '2022-12-01', value: 3 }, ...months(2023, 1, 12, (m) => m)];
    const aligned = trendPrevious(trend(year2024, previous))!;
    expect(aligned).toHaveLength(12);
    expect(aligned[0]).toEqual({ date: '2023-01-01', value: 1 });
    expect(aligned[11]).toEqual({ date: '2023-12-01', value: 12 });
  });

  it('keeps a comparison of as many buckets as it is, and leaves the first buckets empty when it has fewer', () => {
    const same = months(2023, 1, 12, (m) => m);
    expect(trendPrevious(trend(year2024, same))).toEqual(same);
    const shorter = months(2023, 2, 12, (m) => m);
    const aligned = trendPrevious(trend(year2024, shorter))!;
    expect(aligned.map((p) => p.value)).toEqual([null, ...shorter.map((p) => p.value)]);
  });

  it('has none without a comparison, or when the trend is split by a dimension', () => {
    expect(trendPrevious(trend(year2024, null))).toBeNull();
    expect(trendPrevious(trend(year2024, months(2023, 1, 12, () => 1), 'channel'))).toBeNull();
  });
});

describe('the page’s freshness', () => {
  const widget = (id: string, asOf: string | null, lastUploadAt: string | null = null) => ({ id, provenance: { asOf, lastUploadAt } }) as unknown as WidgetData;

  it('is its oldest widget’s, not its newest', () => {
    const widgets = [widget('kpi', '2024-06-30 15:10:00', '2024-07-01T05:00:00Z'), widget('bar', '2024-05-31', '2024-06-02T06:00:00Z'), widget('trend', '2024-06-29')];
    expect(oldestFreshness(widgets)).toEqual({ asOf: '2024-05-31', lastUploadAt: '2024-06-02T06:00:00Z', widget: widgets[1] });
  });

  it('breaks a tie by the older upload, leaves out widgets without data, and is null when none has any', () => {
    const widgets = [widget('a', '2024-05-31', '2024-06-03T00:00:00Z'), widget('b', null), widget('c', '2024-05-31', '2024-06-01T00:00:00Z')];
    expect(oldestFreshness(widgets)?.widget.id).toBe('c');
    expect(oldestFreshness([widget('b', null), { id: 'x', provenance: null } as unknown as WidgetData])).toBeNull();
  });

  it('reads a day (a rollup’s asOf) as data through that day', () => {
    const widgets = [widget('rollup', '2024-12-31'), widget('raw', '2024-12-31 22:10:00')];
    expect(oldestFreshness(widgets)?.widget.id).toBe('raw');
    expect(oldestFreshness([widget('rollup', '2024-12-30'), widget('raw', '2024-12-31 00:10:00')])?.widget.id).toBe('rollup');
  });
});

describe('the missing-data warning', () => {
  const en = createI18n('en').t;
  const ar = createI18n('ar').t;
  const enLatn = { lang: 'en', digits: 'latn', calendar: 'gregory' } as const;
  const arArab = { lang: 'ar', digits: 'arab', calendar: 'gregory' } as const;
  const month = { cadence: 'MONTHLY', amanahs: [{ amanah: 'hail', count: 1, spans: [{ from: '2024-02-01', to: '2024-02-29' }] }] };

  it('names the amanah and its missing runs, in the reader’s language and digits', () => {
    expect(missingDataText(month, en, enLatn)).toMatch(/^Missing data: Hail Region Municipality \(1\s–\s29 Feb 2024\)$/);
    const arabic = missingDataText(month, ar, arArab);
    expect(arabic).toMatch(/^بيانات ناقصة: أمانة منطقة حائل \(.*فبراير ٢٠٢٤\)$/);
  });

  it('counts the periods of an amanah with many runs, and names three amanahs at most', () => {
    const spans = [{ from: '2024-01-01', to: '2024-01-02' }, { from: '2024-01-05', to: '2024-01-05' }, { from: '2024-01-09', to: '2024-01-31' }];
    const many = { cadence: 'DAILY', amanahs: ['tabuk', 'hail', 'baha', 'jouf', 'najran'].map((amanah) => ({ amanah, count: 26, spans })) };
    expect(missingDataText(many, en, enLatn)).toBe(
      'Missing data: Tabuk Region Municipality (26 days); Hail Region Municipality (26 days); Al-Baha Region Municipality (26 days); and 2 more amanahs',
    );
  });
});
