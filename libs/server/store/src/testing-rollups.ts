import { rollupViewsOf } from './rollup-views.js';
import type { Store } from './store.js';

/** A table's rows as one comparable value: how many, and a hash of every row's text (order-free). */
export interface RowsDigest {
  rows: number;
  hash: string;
}

/**
 * Every rollup fed from an event table next to what its materialized view (the migrations' definition) makes of the
 * table's raw rows now: `{ [rollup]: { rollup, raw } }`, equal digests when the rollup is right. The rollup is read
 * `FINAL` (its groups merged; a plain MergeTree as it is), aggregate states finalised and arrays sorted, so any merge state compares alike.
 */
export async function rollupsAgainstRaw(store: Store, source: string): Promise<Record<string, { rollup: RowsDigest; raw: RowsDigest }>> {
  const result: Record<string, { rollup: RowsDigest; raw: RowsDigest }> = {};
  for (const view of rollupViewsOf(source)) {
    const columns = await store.select<{ name: string; type: string }>(
      'SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = {table:String} ORDER BY position',
      { table: view.table },
    );
    const texts = columns.map(({ name, type }) =>
      type.startsWith('AggregateFunction(') ? `toString(finalizeAggregation(${name}))` : type.includes('Array(') ? `toString(arraySort(${name}))` : `toString(${name})`,
    );
    const digest = async (rows: string): Promise<RowsDigest> => {
      const [row] = await store.select<{ rows: number; hash: string }>(
        `SELECT count() AS rows, toString(sum(cityHash64(${texts.join(', ')}))) AS hash FROM (${rows})`,
      );
      return { rows: Number(row!.rows), hash: row!.hash };
    };
    const [{ engine } = { engine: '' }] = await store.select<{ engine: string }>(
      'SELECT engine FROM system.tables WHERE database = currentDatabase() AND name = {table:String}',
      { table: view.table },
    );
    // A plain MergeTree (a duration table: a row per event) merges nothing, and refuses FINAL.
    const final = /^(Replicated)?MergeTree$/.test(engine) ? '' : ' FINAL';
    result[view.table] = { rollup: await digest(`SELECT * FROM ${view.table}${final}`), raw: await digest(view.select) };
  }
  return result;
}
