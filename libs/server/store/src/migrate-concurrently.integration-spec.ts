import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMANAHS } from '@amanah/domain';
import { MIGRATIONS, migrate } from './migrations.js';
import { openTestStore } from './testing.js';

// "Two processes starting at once must not corrupt anything." With chDB a second process cannot open the directory
// at all (embedded-errors.integration-spec.ts), so the case left is one process migrating twice at once, e.g. the
// API's start-up migration racing a `kpi migrate` run through the same store.

let store: Awaited<ReturnType<typeof openTestStore>>;

beforeAll(async () => {
  store = await openTestStore({ migrated: false });
});
afterAll(() => store?.dispose());

describe('migrate() twice at once on an empty store', () => {
  let reports: Awaited<ReturnType<typeof migrate>>[];

  beforeAll(async () => {
    reports = await Promise.all([migrate(store), migrate(store)]);
  });

  it('applies each migration once: one run applies it, the other finds it applied', () => {
    const names = MIGRATIONS.map((m) => m.name);
    expect(reports.map((r) => [...r.applied].sort())).toContainEqual(names);
    for (const name of names) {
      expect(reports.filter((r) => r.applied.includes(name)), name).toHaveLength(1);
      expect(reports.filter((r) => r.alreadyApplied.includes(name)), name).toHaveLength(1);
    }
  });

  // Without FINAL too: ReplacingMergeTree would hide a second record from readers, but it was still written twice.
  it.each(['schema_migrations FINAL', 'schema_migrations'])('leaves exactly one record per migration in %s', async (from) => {
    const records = await store.select<{ version: number; records: number }>(
      `SELECT version, count() AS records FROM ${from} GROUP BY version ORDER BY version`,
    );
    expect(records).toEqual(MIGRATIONS.map((m) => ({ version: m.version, records: 1 })));
  });

  it.each(['amanahs FINAL', 'amanahs'])('leaves the seventeen amanahs once each in %s', async (from) => {
    expect(await store.select(`SELECT count() AS n, uniqExact(id) AS ids FROM ${from}`)).toEqual([
      { n: AMANAHS.length, ids: AMANAHS.length },
    ]);
  });

  it('leaves each rollup fed by exactly one materialized view', async () => {
    // Two views into one rollup would double every count: check every target table has one feeding view.
    const views = await store.select<{ target: string; views: number }>(
      `SELECT extract(create_table_query, 'TO (?:\\\\w+\\\\.)?(\\\\w+)') AS target, count() AS views
       FROM system.tables WHERE database = currentDatabase() AND engine = 'MaterializedView' GROUP BY target`,
    );
    expect(views.length).toBeGreaterThan(0);
    for (const view of views) expect(view.views, view.target).toBe(1);
  });
});
