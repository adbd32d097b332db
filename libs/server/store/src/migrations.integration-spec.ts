import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMANAHS, DATASETS } from '@amanah/domain';
import { openTestStore } from './testing.js';
import { DERIVED_TABLES } from './rollups.js';
import { MIGRATIONS, migrate } from './migrations.js';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;

beforeAll(async () => {
  store = await openTestStore(); // an empty store, migrated once
});
afterAll(() => store?.dispose());

describe('migrations', () => {
  it('records every migration once, and a second run on a migrated store is a no-op', async () => {
    const again = await migrate(store);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toEqual(MIGRATIONS.map((m) => m.name));
    const rows = await store.select<{ n: number }>('SELECT count() AS n FROM schema_migrations FINAL');
    expect(rows[0]!.n).toBe(MIGRATIONS.length);
  });

  it('refuses a migration whose file changed after it was applied', async () => {
    const edited = MIGRATIONS.map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrate(store, edited)).rejects.toThrow(/was changed after it was applied/);
  });

  it('creates the amanahs table with the same seventeen rows as the domain list', async () => {
    await migrate(store); // a re-run must not duplicate reference rows
    const rows = await store.select<{ id: string; name_ar: string; name_en: string; region_ar: string; region_en: string }>(
      'SELECT id, name_ar, name_en, region_ar, region_en FROM amanahs FINAL ORDER BY id',
    );
    const expected = [...AMANAHS]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((a) => ({ id: a.id, name_ar: a.nameAr, name_en: a.nameEn, region_ar: a.regionAr, region_en: a.regionEn }));
    expect(rows).toEqual(expected);
  });

  it('every materialized view writes into a table listed in DERIVED_TABLES (so truncating data empties it too)', async () => {
    const views = await store.select<{ create_table_query: string }>(
      "SELECT create_table_query FROM system.tables WHERE database = currentDatabase() AND engine = 'MaterializedView'",
    );
    const targets = views.map((v) => /\bTO\s+(?:\w+\.)?(\w+)/.exec(v.create_table_query)![1]).sort();
    expect(targets).toEqual([...DERIVED_TABLES].sort());
  });

  it('creates every dataset table with exactly the fields of its definition', async () => {
    for (const dataset of Object.values(DATASETS)) {
      const columns = await store.select<{ name: string; type: string }>(
        'SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = {table:String} ORDER BY position',
        { table: dataset.name },
      );
      // Plus the batch that wrote each row (migration 0060), which is no field of the definition.
      expect(columns.map((c) => c.name), dataset.name).toEqual([...dataset.fields.map((f) => f.name), 'ingest_batch']);
      for (const field of dataset.fields) {
        const type = columns.find((c) => c.name === field.name)!.type;
        expect(type.startsWith('Nullable('), `${dataset.name}.${field.name}`).toBe(Boolean(field.optional));
        expect(type, `${dataset.name}.${field.name}`).toMatch(expectedType(field.kind.type));
      }
    }
  });
});

function expectedType(kind: string): RegExp {
  switch (kind) {
    case 'datetime': return /DateTime\('Asia\/Riyadh'\)/;
    case 'date': return /^Date$/;
    case 'string': return /String/;
    case 'enum': case 'amanah': return /^LowCardinality\(String\)$/;
    case 'uint': return /^UInt(32|64)$/;
    case 'bool': return /^Bool$/;
    case 'decimal': return /^Decimal\(18, 2\)$/;
    default: throw new Error(`unknown kind ${kind}`);
  }
}
