import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, hijriMonthRange, hijriYearRange, toDayNumber } from '@amanah/calendar';
import { findMetric } from '@amanah/metrics';
import { openTestStore } from '@amanah/store/testing';
import { resolveRange } from './input.js';
import { QueryRunner } from './runner.js';

/**
 * Hijri buckets and the Hijri comparison on real chDB: every expected number is the sum, in plain JS, of the rows
 * this file inserts whose day falls between bucket starts found by scanning days with Intl (not the calendar lib).
 */
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let runner: QueryRunner;

const m = (id: string) => findMetric(id)!;
const TODAY = '2025-12-31';
const r = (from: string, to: string) => resolveRange({ from, to }, TODAY);

/** One notification batch a day, 2024-03-01 … 2025-07-31, with a count that varies by day and an amanah by parity. */
const DAYS: Array<{ day: string; count: number; amanah: string }> = [];
for (let day = '2024-03-01'; day <= '2025-07-31'; day = addDays(day, 1)) {
  DAYS.push({ day, count: ((toDayNumber(day) * 7919) % 97) + 1, amanah: toDayNumber(day) % 2 ? 'makkah' : 'jeddah' });
}
const sumOver = (from: string, to: string, amanah?: string) =>
  DAYS.filter((d) => d.day >= from && d.day <= to && (!amanah || d.amanah === amanah)).reduce((sum, d) => sum + d.count, 0);

/** The days on which Intl's Umm al-Qura calendar starts a month, by a plain scan. */
function intlMonthStarts(from: string, to: string): string[] {
  const day = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', { day: 'numeric', timeZone: 'UTC' });
  const starts: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) if (day.format(new Date(`${date}T00:00:00Z`)) === '1') starts.push(date);
  return starts;
}

beforeAll(async () => {
  store = await openTestStore();
  runner = new QueryRunner(store);
  await store.insert('notifications', DAYS.map((d) => ({ sent_at: `${d.day} 12:00:00`, amanah: d.amanah, kind: 'sms', count: d.count })));
  await store.insert('social_stats', [
    { day: '2024-06-20', amanah: 'jeddah', platform: 'twitter', followers: 1000, impressions: 0, views: 0, engagements: 0, posts: 0 },
    { day: '2024-09-10', amanah: 'jeddah', platform: 'twitter', followers: 1100, impressions: 0, views: 0, engagements: 0, posts: 0 },
    { day: '2024-10-05', amanah: 'jeddah', platform: 'instagram', followers: 50, impressions: 0, views: 0, engagements: 0, posts: 0 },
  ]);
});
afterAll(() => store?.dispose());

describe('Hijri series and comparison on real chDB', () => {
  const year1446 = hijriYearRange(1446);

  it('a Hijri-month series over 1446: 12 buckets on the days Intl gives for each 1 Muharram … 1 Dhu al-Hijjah, summing to the year', async () => {
    const query = { metric: m('notifications.sent'), range: r(year1446.from, year1446.to), filters: [] };
    const series = await runner.series(query, 'HIJRI_MONTH');
    const starts = intlMonthStarts(year1446.from, year1446.to);
    expect(starts).toHaveLength(12);
    const points = series.series[0]!.points;
    expect(points.map((p) => p.date)).toEqual(starts);
    expect(points.map((p) => p.value)).toEqual(starts.map((start, i) => sumOver(start, addDays(starts[i + 1] ?? addDays(year1446.to, 1), -1))));
    const kpi = await runner.kpi(query, 'NONE');
    expect(kpi.value).toBe(sumOver(year1446.from, year1446.to));
    expect(points.reduce((sum, p) => sum + p.value!, 0)).toBe(kpi.value);
    // Hijri months cut Gregorian months: the daily rollup answers, exactly, and the raw events agree.
    expect(series.provenance).toMatchObject({ source: 'rollup', table: 'notifications_daily', exact: true });
    expect((await runner.series({ ...query, forceRaw: true }, 'HIJRI_MONTH')).series).toEqual(series.series);
  });

  it('Hijri quarters and years over a Gregorian range: first and last buckets clipped to it, breakdown by amanah', async () => {
    const range = r('2024-06-01', '2025-07-31');
    const years = await runner.series({ metric: m('notifications.sent'), range, filters: [] }, 'HIJRI_YEAR');
    expect(years.series[0]!.points).toEqual([
      { date: hijriYearRange(1445).from, value: sumOver('2024-06-01', hijriYearRange(1445).to) },
      { date: year1446.from, value: sumOver(year1446.from, year1446.to) },
      { date: hijriYearRange(1447).from, value: sumOver(hijriYearRange(1447).from, '2025-07-31') },
    ]);
    const quarters = await runner.series({ metric: m('notifications.sent'), range: r(year1446.from, year1446.to), filters: [] }, 'HIJRI_QUARTER', 'amanah');
    const starts = intlMonthStarts(year1446.from, year1446.to).filter((_, i) => i % 3 === 0);
    const makkah = quarters.series.find((line) => line.key === 'makkah')!;
    expect(makkah.points).toEqual(starts.map((start, i) => ({ date: start, value: sumOver(start, addDays(starts[i + 1] ?? addDays(year1446.to, 1), -1), 'makkah') })));
  });

  it('the Hijri comparison of 1446 is 1445; of Ramadan 1446 (29 days), Ramadan 1445 (30 days)', async () => {
    const year = await runner.kpi({ metric: m('notifications.sent'), range: r(year1446.from, year1446.to), filters: [] }, 'SAME_PERIOD_LAST_HIJRI_YEAR');
    // Data starts 2024-03-01, inside 1445: the comparison counts what there is of it.
    expect(year).toMatchObject({ previousRange: hijriYearRange(1445), value: sumOver(year1446.from, year1446.to), previous: sumOver('2024-03-01', hijriYearRange(1445).to) });
    const ramadan = resolveRange({ preset: 'ramadan', hijriYear: 1446 }, TODAY);
    expect(ramadan).toMatchObject({ from: '2025-03-01', to: '2025-03-29' });
    const kpi = await runner.kpi({ metric: m('notifications.sent'), range: ramadan, filters: [] }, 'SAME_PERIOD_LAST_HIJRI_YEAR');
    expect(kpi).toMatchObject({ previousRange: hijriMonthRange(1445, 9), value: sumOver('2025-03-01', '2025-03-29'), previous: sumOver('2024-03-11', '2024-04-09') });
  });

  it("a KPI card with a Hijri sparkline is one query, with the answers it has apart", async () => {
    const query = { metric: m('notifications.sent'), range: r(year1446.from, year1446.to), filters: [] };
    const apart = new QueryRunner(store, { cache: false });
    let queries = 0;
    const counting = Object.assign(Object.create(store) as TestStore, {
      select: (...args: Parameters<TestStore['select']>) => ((queries += args[0].match(/^SELECT \d+ AS q,/gm)?.length ?? 1), store.select(...args)),
    });
    const fused = new QueryRunner(counting, { cache: false });
    const [kpi, series] = [await apart.kpi(query, 'SAME_PERIOD_LAST_HIJRI_YEAR'), await apart.series(query, 'HIJRI_MONTH')];
    const [kpiTogether, seriesTogether] = await Promise.all([fused.kpi(query, 'SAME_PERIOD_LAST_HIJRI_YEAR'), fused.series(query, 'HIJRI_MONTH')]);
    expect(queries).toBe(1);
    expect({ ...kpiTogether, provenance: undefined }).toEqual({ ...kpi, provenance: undefined });
    expect(seriesTogether.series).toEqual(series.series);
  });

  it('levels are carried through Hijri months without a new value', async () => {
    // Rabi al-Awwal 1446 starts 2024-09-04, Rabi al-Thani 2024-10-04, Jumada al-Ula 2024-11-03.
    const series = await runner.series({ metric: m('social.followers'), range: r('2024-08-05', '2024-11-30'), filters: [] }, 'HIJRI_MONTH');
    expect(series.series[0]!.points).toEqual([
      { date: '2024-08-05', value: 1000 },
      { date: '2024-09-04', value: 1100 },
      { date: '2024-10-04', value: 1150 },
      { date: '2024-11-03', value: 1150 },
    ]);
  });
});
