import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figureById, PUBLISHED_FIGURES } from './figures.js';
import { measureFigure } from './figure-queries.js';
import { expectPublishedFigure, openSeededTestStore, type SeededTestStore } from './testing.js';

let store: SeededTestStore;

beforeAll(async () => {
  store = await openSeededTestStore();
});
afterAll(() => store?.dispose());

describe('the default demo reproduces every published figure', () => {
  it.each(PUBLISHED_FIGURES.map((f) => [f.id, f] as const))('%s', (_id, figure) => expectPublishedFigure(store, figure));

  it('Tabuk: the first half of 2024 is 67.87% below the first half of 2023, as published', async () => {
    const before = await measureFigure(store, figureById('tabuk-visits.first-half-2023'));
    const after = await measureFigure(store, figureById('tabuk-visits.first-half-2024'));
    expect(((after - before) / before) * 100).toBeCloseTo(-67.87, 2);
  });
});

describe('the demo has realistic shapes', () => {
  it('has all 17 amanahs in every event dataset', async () => {
    for (const table of ['portal_visits', 'service_requests', 'licenses', 'citizen_reports', 'notifications', 'social_stats',
      'office_visits', 'support_tickets', 'participations', 'archived_documents', 'indicator_snapshots']) {
      const [row] = await store.select<{ n: number }>(`SELECT uniqExact(amanah) AS n FROM ${table}`);
      expect(row!.n, table).toBe(17);
    }
  });

  it('portal visits are lower at the weekend (Friday, Saturday) than on weekdays', async () => {
    const rows = await store.select<{ weekend: number; per_day: number }>(
      `SELECT toDayOfWeek(ts) IN (5, 6) AS weekend, count() / uniqExact(toDate(ts)) AS per_day
       FROM portal_visits WHERE amanah = 'riyadh' AND toYear(ts) = 2024 GROUP BY weekend ORDER BY weekend`);
    expect(rows[1]!.per_day).toBeLessThan(rows[0]!.per_day * 0.85);
  });

  it('Makkah portal traffic peaks in the Hajj season; Riyadh does not', async () => {
    const ratio = async (amanah: string) => {
      const [row] = await store.select<{ r: number }>(
        `SELECT countIf(toDate(ts) BETWEEN '2024-05-20' AND '2024-06-13') / countIf(toDate(ts) BETWEEN '2024-04-20' AND '2024-05-14') AS r
         FROM portal_visits WHERE amanah = {amanah:String}`, { amanah });
      return row!.r;
    };
    expect(await ratio('makkah')).toBeGreaterThan(1.3);
    expect(await ratio('riyadh')).toBeLessThan(1.15);
  });

  it('office visits fall while digital requests grow, and offices are closed at the weekend', async () => {
    const [row] = await store.select<{ office20: number; office25: number; req20: number; req25: number; weekend: number }>(
      `SELECT (SELECT countIf(toYear(ts) = 2020) FROM office_visits) AS office20, (SELECT countIf(toYear(ts) = 2025) FROM office_visits) AS office25,
              (SELECT countIf(toYear(submitted_at) = 2020) FROM service_requests) AS req20, (SELECT countIf(toYear(submitted_at) = 2025) FROM service_requests) AS req25,
              (SELECT countIf(toDayOfWeek(ts) IN (5, 6)) FROM office_visits) AS weekend`);
    expect(row!.office25).toBeLessThan(row!.office20 * 0.6);
    expect(row!.req25).toBeGreaterThan(row!.req20 * 1.5);
    expect(row!.weekend).toBe(0);
  });

  it('has fewer distinct visitors than visits, and Al-Khobar billboard reports resolved within hours', async () => {
    const [visits] = await store.select<{ visits: number; visitors: number }>(
      `SELECT count() AS visits, uniqExact(visitor_id) AS visitors FROM portal_visits WHERE amanah = 'eastern' AND toYear(ts) = 2024`);
    expect(visits!.visitors).toBeLessThan(visits!.visits);
    expect(visits!.visitors).toBeGreaterThan(visits!.visits / 10);
    const [reports] = await store.select<{ n: number; median_hours: number }>(
      `SELECT count() AS n, median(dateDiff('minute', received_at, resolved_at)) / 60 AS median_hours FROM citizen_reports
       WHERE amanah = 'eastern' AND city = 'Al-Khobar' AND category = 'billboard' AND resolved_at IS NOT NULL`);
    expect(reports!.n).toBeGreaterThan(100);
    expect(reports!.median_hours).toBeLessThan(48);
  });

  it('the write rollups agree with the raw tables', async () => {
    const [row] = await store.select<{ raw: number; daily: number }>(
      `SELECT (SELECT count() FROM portal_visits) AS raw, (SELECT sum(visits) FROM portal_visits_daily) AS daily`);
    expect(row!.daily).toBe(row!.raw);
  });
});
