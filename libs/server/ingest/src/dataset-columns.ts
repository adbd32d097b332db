import { DATASETS, type DatasetName } from '@amanah/domain';
import type { Store } from '@amanah/store';
import { compileIngestSchema, type ColumnTypes, type IngestSchema } from './schema.js';

/**
 * A dataset's ingest schema with the column types the store reports (the stage copies them), read once per dataset
 * per process; a failed read is not kept.
 */
export type StoredSchema = IngestSchema & { columns: ColumnTypes };

export class DatasetSchemas {
  private readonly schemas = new Map<DatasetName, Promise<StoredSchema>>();

  constructor(private readonly store: Store) {}

  of(dataset: DatasetName): Promise<StoredSchema> {
    let loaded = this.schemas.get(dataset);
    if (!loaded) {
      loaded = this.load(dataset);
      loaded.catch(() => this.schemas.delete(dataset));
      this.schemas.set(dataset, loaded);
    }
    return loaded;
  }

  private async load(dataset: DatasetName): Promise<StoredSchema> {
    const rows = await this.store.select<{ name: string; type: string }>(
      'SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = {table:String} ORDER BY position',
      { table: dataset },
    );
    const columns: Record<string, string> = {};
    for (const row of rows) {
      // Types come from the store itself; the pattern only guards the DDL they are copied into.
      if (!/^[A-Za-z0-9_(), '/]+$/.test(row.type) || row.type.includes("''")) throw new Error(`unexpected column type ${row.type}`);
      columns[row.name] = row.type;
    }
    const missing = DATASETS[dataset].fields.filter((field) => !columns[field.name]).map((field) => field.name);
    if (missing.length > 0) {
      throw new Error(`table ${dataset} lacks column(s) ${missing.join(', ')} of its definition: run the migrations`);
    }
    return { ...compileIngestSchema(dataset, columns), columns };
  }
}
