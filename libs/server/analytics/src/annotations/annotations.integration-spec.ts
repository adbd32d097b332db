import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '@amanah/access';
import { addDays } from '@amanah/calendar';
import { openTestStore } from '@amanah/store/testing';
import { createAnalytics } from '../create-analytics.js';
import { analyticsFailure as failure, REPO_DASHBOARDS_DIR } from '../testing/index.js';
import { AnnotationStore } from './annotation-store.js';
import { AnnotationsService } from './annotations.service.js';

// A small store of in-person visits with known counts per day: riyadh's and jeddah's differ, and riyadh has a
// campaign from 2024-03-10 to 2024-03-16 that adds visits. Every figure below is worked out from these rows.
const TODAY = '2024-04-01';
const CAMPAIGN = { from: '2024-03-10', to: '2024-03-16' };
const FIRST_DAY = '2024-01-01';
const DAYS = 91; // 2024-01-01 … 2024-03-31

function visitsOn(amanah: 'riyadh' | 'jeddah', index: number, date: string): number {
  const base = amanah === 'riyadh' ? 2 + ((index * 7) % 5) + (index % 3) : 1 + (index % 4);
  return amanah === 'riyadh' && date >= CAMPAIGN.from && date <= CAMPAIGN.to ? base + 6 : base;
}

const rows = Array.from({ length: DAYS }, (_, index) => addDays(FIRST_DAY, index)).flatMap((date, index) =>
  (['riyadh', 'jeddah'] as const).flatMap((amanah) =>
    Array.from({ length: visitsOn(amanah, index, date) }, (_, n) => ({
      ts: `${date} ${String(8 + (n % 10)).padStart(2, '0')}:15:00`, amanah, office: 'main', with_appointment: n % 2 === 0, service: 'other',
    })),
  ),
);

/** Visits on a day, counted from the inserted rows (the hand computation's input). */
function counted(date: string, amanahs: readonly string[]): number {
  return rows.filter((row) => row.ts.startsWith(date) && amanahs.includes(row.amanah)).length;
}

const analyst: Caller = { keyId: 'analyst-1', label: 'analyst', role: 'analyst', amanahs: 'all' };
const otherAnalyst: Caller = { keyId: 'analyst-2', label: 'another analyst', role: 'analyst', amanahs: 'all' };
const viewer: Caller = { keyId: 'viewer', label: 'viewer', role: 'viewer', amanahs: 'all' };
const jeddahAnalyst: Caller = { keyId: 'jeddah-analyst', label: 'jeddah analyst', role: 'analyst', amanahs: ['jeddah'] };
const riyadhViewer: Caller = { keyId: 'riyadh-viewer', label: 'riyadh viewer', role: 'viewer', amanahs: ['riyadh'] };

let store: Awaited<ReturnType<typeof openTestStore>>;
let service: AnnotationsService;
let analytics: ReturnType<typeof createAnalytics>['analytics'];

beforeAll(async () => {
  store = await openTestStore();
  await store.insert('office_visits', rows);
  ({ analytics } = createAnalytics({ store, dashboardsDir: REPO_DASHBOARDS_DIR, today: () => TODAY }));
  service = new AnnotationsService(analytics, new AnnotationStore(store), () => TODAY);
});

afterAll(async () => {
  await store?.dispose();
});

const campaignInput = {
  kind: 'CAMPAIGN' as const, ...CAMPAIGN, amanahs: ['riyadh'], titleAr: 'حملة رسائل نصية', titleEn: 'SMS campaign', metric: 'office.visits',
};

describe('campaign lift', () => {
  it('is the window against the same weekdays of the K weeks before, as worked out by hand from the rows', async () => {
    const created = await service.create(analyst, campaignInput);
    const lift = await service.lift(analyst, created.id, 8);

    // By hand: the 7 campaign days, and the same 7 days 1…8 weeks earlier, counted from the inserted rows.
    const days = Array.from({ length: 7 }, (_, i) => addDays(CAMPAIGN.from, i));
    const observed = days.reduce((sum, d) => sum + counted(d, ['riyadh']), 0);
    const weekly = [1, 2, 3, 4, 5, 6, 7, 8].map((k) => days.reduce((sum, d) => sum + counted(addDays(d, -7 * k), ['riyadh']), 0));
    const baseline = weekly.reduce((a, b) => a + b, 0) / 8;
    const sd = Math.sqrt(weekly.reduce((sum, w) => sum + (w - baseline) ** 2, 0) / 7);
    const half = 2.365 * sd * Math.sqrt(1 + 1 / 8); // t(0.975, 7 degrees of freedom)

    expect(lift).toMatchObject({ from: CAMPAIGN.from, to: CAMPAIGN.to, days: 7, baselineWeeks: 8, observed, baseline, lift: observed - baseline });
    expect(lift!.baselineSd).toBeCloseTo(sd, 12);
    expect(lift!.intervalLow).toBeCloseTo(baseline - half, 9);
    expect(lift!.intervalHigh).toBeCloseTo(baseline + half, 9);
    expect(lift!.liftPct).toBeCloseTo(((observed - baseline) / baseline) * 100, 12);
    expect(lift!.claim).toBe(observed > baseline + half ? 'ABOVE_BASELINE' : 'WITHIN_BASELINE');
    expect(lift!.claim).toBe('ABOVE_BASELINE'); // the campaign added 6 visits a day
    expect(lift!.perDay.map((d) => d.date)).toEqual(days);
    for (const day of lift!.perDay) {
      const before = [1, 2, 3, 4, 5, 6, 7, 8].map((k) => counted(addDays(day.date, -7 * k), ['riyadh']));
      expect(day.value).toBe(counted(day.date, ['riyadh']));
      expect(day.baseline).toBe(before.reduce((a, b) => a + b, 0) / 8);
    }
    // The figures are the dashboard's own: a daily series through the planner, read from the daily rollup.
    const series = await analytics.series(analyst, {
      metric: 'office.visits', range: { from: addDays(CAMPAIGN.from, -56), to: CAMPAIGN.to }, granularity: 'DAY',
      filters: [{ dimension: 'amanah', values: ['riyadh'] }],
    });
    expect(series.provenance.table).toMatch(/daily/);
  });

  it('says when the baseline is too short for a claim, caps the window and waits for a campaign to start', async () => {
    const created = await service.create(analyst, campaignInput);
    expect((await service.lift(analyst, created.id, 3))!.claim).toBe('INSUFFICIENT_BASELINE');
    const long = await service.create(analyst, { ...campaignInput, from: '2024-02-01', to: '2024-03-20' });
    expect(await service.lift(analyst, long.id)).toMatchObject({ days: 28, to: '2024-02-28', baselineWeeks: 8 });
    const running = await service.create(analyst, { ...campaignInput, from: '2024-03-25', to: '2024-04-10' });
    expect(await service.lift(analyst, running.id)).toMatchObject({ days: 7, to: '2024-03-31' });
    const future = await service.create(analyst, { ...campaignInput, from: '2024-04-01', to: '2024-04-10' });
    expect((await service.lift(analyst, future.id))!.claim).toBe('NOT_STARTED');
    const outage = await service.create(analyst, { kind: 'OUTAGE', from: '2024-03-01', to: '2024-03-01', titleAr: 'انقطاع', titleEn: 'Outage' });
    expect(await service.lift(analyst, outage.id)).toBeNull();
    expect((await failure(() => service.lift(analyst, created.id, 1))).argument).toBe('baselineWeeks');
  });

  it('over every amanah sums them', async () => {
    const all = await service.create(analyst, { ...campaignInput, amanahs: [] });
    const lift = await service.lift(analyst, all.id, 4);
    const days = Array.from({ length: 7 }, (_, i) => addDays(CAMPAIGN.from, i));
    expect(lift!.observed).toBe(days.reduce((sum, d) => sum + counted(d, ['riyadh', 'jeddah']), 0));
  });
});

describe('annotations', () => {
  it('are listed by range and amanah, within the caller’s scope, with who and when', async () => {
    const policy = await service.create(analyst, {
      kind: 'POLICY', from: '2024-02-05', to: '2024-02-05', amanahs: ['jeddah'], titleAr: 'إطلاق نظام المواعيد', titleEn: 'Appointment system launched',
    });
    const february = await service.list(viewer, { range: { from: '2024-02-01', to: '2024-02-29' } });
    expect(february.find((a) => a.id === policy.id)).toMatchObject({
      kind: 'POLICY', from: '2024-02-05', to: '2024-02-05', amanahs: ['jeddah'], createdBy: { keyId: 'analyst-1', label: 'analyst' },
    });
    expect(february.find((a) => a.id === policy.id)!.createdAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect((await service.list(viewer, { range: { from: '2024-01-01', to: '2024-01-31' } })).map((a) => a.id)).not.toContain(policy.id);
    expect((await service.list(viewer, { range: { from: '2024-02-01', to: '2024-02-29' }, amanah: 'riyadh' })).map((a) => a.id)).not.toContain(policy.id);
    expect((await service.list(riyadhViewer, { range: { from: '2024-02-01', to: '2024-02-29' } })).map((a) => a.id)).not.toContain(policy.id);
    expect((await failure(() => service.lift(riyadhViewer, policy.id))).code).toBe('NOT_FOUND');
    expect((await failure(() => service.list(viewer, { range: { from: '2024-02-01', to: '2024-02-29' }, amanah: 'atlantis' }))).argument).toBe('amanah');
    expect((await failure(() => service.list(viewer, { range: { from: '2024-02-29', to: '2024-02-01' } }))).code).toBe('BAD_USER_INPUT');
  });

  it('are made by analysts and admins within their scope, and deleted by their creator or an admin', async () => {
    expect((await failure(() => service.create(viewer, campaignInput))).code).toBe('FORBIDDEN');
    expect((await failure(() => service.create(jeddahAnalyst, campaignInput))).code).toBe('FORBIDDEN');
    const own = await service.create(jeddahAnalyst, { kind: 'HOLIDAY', from: '2024-02-22', to: '2024-02-22', titleAr: 'يوم التأسيس', titleEn: 'Founding Day' });
    expect(own.amanahs).toEqual(['jeddah']); // "every amanah" of a scoped key is its own
    expect((await failure(() => service.delete(otherAnalyst, own.id))).code).toBe('FORBIDDEN');
    expect(await service.delete(jeddahAnalyst, own.id)).toBe(true);
    expect((await service.list(viewer, { range: { from: '2024-02-22', to: '2024-02-22' } })).map((a) => a.id)).not.toContain(own.id);
  });

  it('refuses bad input naming the argument', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...campaignInput, from: '2024-03-20', to: '2024-03-10' }, 'input.to'],
      [{ ...campaignInput, from: '2024-02-30' }, 'input.from'],
      [{ ...campaignInput, amanahs: ['atlantis'] }, 'input.amanahs.0'],
      [{ ...campaignInput, titleEn: '  ' }, 'input.titleEn'],
      [{ ...campaignInput, kind: 'PARTY' }, 'input.kind'],
      [{ ...campaignInput, kind: 'OUTAGE' }, 'input.metric'],
      [{ ...campaignInput, metric: 'no.such' }, 'input.metric'],
      [{ ...campaignInput, metric: 'office.appointment_share' }, 'input.metric'],
    ];
    for (const [input, argument] of cases) {
      const error = await failure(() => service.create(analyst, input as never));
      expect([error.code, error.argument]).toEqual(['BAD_USER_INPUT', argument]);
    }
  });
});
