import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASET_NAMES } from '@amanah/domain';
import { rollupViews, viewSelectFrom } from './rollup-views.js';
import { DERIVED_TABLES, ROLLUP_TABLES, type RollupDefinition } from './rollups.js';
import { openTestStore } from './testing.js';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;

beforeAll(async () => {
  store = await openTestStore(); // an empty store, migrated once
});
afterAll(() => store?.dispose());

/** Every column the registry names for a table: time, dimensions and measures. */
function namedColumns(rollup: RollupDefinition): string[] {
  return [
    ...(rollup.days ? [rollup.days, 'year'] : [rollup.time]),
    ...(rollup.time === 'month' ? ['last_day'] : []),
    ...rollup.columns,
    ...(rollup.rows ? [rollup.rows] : []),
    ...Object.values(rollup.sums),
    ...Object.values(rollup.sketches ?? {}),
    ...(rollup.durationSeconds ? [rollup.durationSeconds] : []),
    ...Object.values(rollup.keys ?? {}),
    // A histogram's bucket (migration 0006) is read by the planner by this name.
    ...(rollup.table.endsWith('_histogram') ? ['log_bucket'] : []),
  ];
}

describe('rollup registry', () => {
  it('describes every rollup table with exactly the columns the migrations create', async () => {
    const rows = await store.select<{ table: string; name: string }>(
      'SELECT table, name FROM system.columns WHERE database = currentDatabase() AND table IN {tables:Array(String)}',
      { tables: ROLLUP_TABLES.map((rollup) => rollup.table) },
    );
    for (const rollup of ROLLUP_TABLES) {
      const actual = rows.filter((row) => row.table === rollup.table).map((row) => row.name).sort();
      expect(actual, rollup.table).toEqual([...new Set(namedColumns(rollup))].sort());
    }
  });
});

describe('rollup views (rollup-views.ts)', () => {
  it('are the materialized views of a migrated store, each from an event table into a rollup of the registry', async () => {
    const views = await store.select<{ name: string; create: string }>(
      "SELECT name, create_table_query AS create FROM system.tables WHERE database = currentDatabase() AND engine = 'MaterializedView'",
    );
    expect(rollupViews().map((v) => v.view).sort()).toEqual(views.map((v) => v.name).sort());
    for (const view of rollupViews()) {
      expect(views.find((v) => v.name === view.view)!.create, view.view).toMatch(new RegExp(`\\bTO \\w+\\.${view.table}\\b`));
      expect(DERIVED_TABLES, view.view).toContain(view.table);
      expect(DATASET_NAMES as readonly string[], view.view).toContain(view.source);
      expect(viewSelectFrom(view, 'elsewhere')).toBe(view.select.replace(new RegExp(`\\bFROM\\s+${view.source}\\b`), 'FROM elsewhere'));
    }
  });
});
