import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { openTestStore } from '@amanah/store/testing';
import { AnalyticsError } from '../analytics-error.js';

/**
 * @amanah/analytics/testing: a small store for the analytics answers' tests, shared by this lib's specs and the GraphQL
 * adapter's. January 2024 holds 15 in-person visits: riyadh 5, jeddah 3, makkah 7, on the 10th to the 16th.
 */
export const OFFICE_VISITS = { riyadh: 5, jeddah: 3, makkah: 7 } as const;

/** The repository's dashboards/ folder (the real dashboard files and targets). */
export const REPO_DASHBOARDS_DIR = fileURLToPath(new URL('../../../../../dashboards', import.meta.url));

export async function openOfficeVisitsStore(): Promise<Awaited<ReturnType<typeof openTestStore>>> {
  const store = await openTestStore();
  const visits = (amanah: string, count: number) =>
    Array.from({ length: count }, (_, i) => ({ ts: `2024-01-${String(10 + i).padStart(2, '0')} 10:00:00`, amanah, office: 'main', with_appointment: i % 2 === 0, service: 'other' }));
  await store.insert('office_visits', Object.entries(OFFICE_VISITS).flatMap(([amanah, count]) => visits(amanah, count)));
  return store;
}

/** The AnalyticsError a call (or the promise it returns) fails with; the test fails when it does not. */
export async function analyticsFailure(run: () => unknown): Promise<AnalyticsError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(AnalyticsError);
    return error as AnalyticsError;
  }
  throw new Error('expected an AnalyticsError');
}
