import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, hijriYearRange } from '@amanah/calendar';
import { openSeededTestStore, type SeededTestStore } from '@amanah/seed/testing';
import { startApi, type ApiUnderTest } from './testing.js';

// Hijri series, the Hijri comparison, season presets and Hijri press sentences over real HTTP on the seeded store.
let store: SeededTestStore;
let api: ApiUnderTest;

beforeAll(async () => {
  store = await openSeededTestStore();
  api = await startApi(store, { today: () => '2024-12-31' });
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

type Answer = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
async function ask(query: string, variables: Record<string, unknown>): Promise<Answer> {
  const { data, errors } = await api.graphql(query, variables);
  expect(errors).toBeUndefined();
  return data!;
}

/** The days on which Intl's Umm al-Qura calendar starts a month, by a plain scan. */
function intlMonthStarts(from: string, to: string): string[] {
  const day = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', { day: 'numeric', timeZone: 'UTC' });
  const starts: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) if (day.format(new Date(`${date}T00:00:00Z`)) === '1') starts.push(date);
  return starts;
}

const SERIES_AND_KPI = `query($range: DateRangeInput!, $granularity: Granularity!, $compare: Comparison) {
  series(metric: "portal.visits", range: $range, granularity: $granularity, filters: [{dimension: "amanah", values: ["jeddah"]}]) {
    points { date value } provenance { table }
  }
  kpi(metric: "portal.visits", range: $range, compare: $compare, filters: [{dimension: "amanah", values: ["jeddah"]}]) {
    value previous range { from to } previousRange { from to }
  }
}`;

describe('Hijri over GraphQL', () => {
  const year1445 = hijriYearRange(1445);

  it('a Hijri-month series over 1445: 12 buckets on the days Intl gives, summing to the KPI; compared with 1444', async () => {
    const { series, kpi } = await ask(SERIES_AND_KPI, { range: year1445, granularity: 'HIJRI_MONTH', compare: 'SAME_PERIOD_LAST_HIJRI_YEAR' });
    expect(series.points.map((p: Answer) => p.date)).toEqual(intlMonthStarts(year1445.from, year1445.to));
    expect(series.points).toHaveLength(12);
    expect(series.provenance.table).toBe('portal_visits_daily');
    expect(kpi.value).toBeGreaterThan(0);
    expect(series.points.reduce((sum: number, p: Answer) => sum + p.value, 0)).toBe(kpi.value);
    expect(kpi.previousRange).toEqual(hijriYearRange(1444));
    // The comparison is the KPI of 1444 itself.
    const before = await ask(SERIES_AND_KPI, { range: hijriYearRange(1444), granularity: 'HIJRI_YEAR', compare: 'NONE' });
    expect(kpi.previous).toBe(before.kpi.value);
    expect(before.series.points).toEqual([{ date: hijriYearRange(1444).from, value: before.kpi.value }]);
  });

  it('season presets of a given Hijri year resolve to the days Intl gives; a bad year is BAD_USER_INPUT naming range.hijriYear', async () => {
    const eid = await ask(SERIES_AND_KPI, { range: { preset: 'eid_al_adha', hijriYear: 1445 }, granularity: 'DAY', compare: 'SAME_PERIOD_LAST_HIJRI_YEAR' });
    expect(eid.kpi.range).toEqual({ from: '2024-06-15', to: '2024-06-18' }); // 9–12 Dhu al-Hijjah 1445
    expect(eid.kpi.previousRange).toEqual({ from: '2023-06-27', to: '2023-06-30' }); // 9–12 Dhu al-Hijjah 1444
    const { errors } = await api.graphql(SERIES_AND_KPI, { range: { preset: 'last_month', hijriYear: 1445 }, granularity: 'DAY' });
    expect(errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(errors?.[0]?.message).toMatch(/range\.hijriYear goes with a season preset/);
  });

  it('press sentences in the Hijri calendar when asked, Gregorian by default', async () => {
    const query = `query($calendar: PressCalendar) {
      pressFigures(amanah: "jeddah", range: {preset: ramadan, hijriYear: 1445}, metrics: ["portal.visits"], compare: SAME_PERIOD_LAST_HIJRI_YEAR, calendar: $calendar) { sentence }
    }`;
    const hijri = (await ask(query, { calendar: 'HIJRI' })).pressFigures[0].sentence;
    expect(hijri).toContain('خلال الفترة من 1 رمضان 1445 هـ إلى 30 رمضان 1445 هـ');
    expect(hijri).toContain('مقارنة بالفترة ذاتها من عام 1444 هـ');
    const gregorian = (await ask(query, {})).pressFigures[0].sentence;
    expect(gregorian).toContain('خلال الفترة من 11 مارس 2024 إلى 9 أبريل 2024');
  });
});
