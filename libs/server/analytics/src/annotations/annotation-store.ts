import type { Store } from '@amanah/store';
import type { AnnotationKind } from './annotation-input.js';

/** An annotation as stored (migration 0090): `amanahs` empty means every amanah; `metric` null unless a campaign's. */
export interface AnnotationRecord {
  id: string;
  kind: AnnotationKind;
  from: string;
  to: string;
  amanahs: string[];
  title: { ar: string; en: string };
  metric: string | null;
  createdBy: { keyId: string; label: string };
  createdAt: Date;
}

/** A DateTime64(3, 'UTC') value as inserted: 'YYYY-MM-DD hh:mm:ss.mmm' in UTC. */
const at = (date: Date) => date.toISOString().replace('T', ' ').replace('Z', '');

/** The `annotations` table and nothing else: rows in, rows out. A delete is a later version of the row. */
export class AnnotationStore {
  constructor(private readonly store: Store) {}

  async save(record: AnnotationRecord, deleted = false): Promise<void> {
    await this.store.insert('annotations', [
      {
        id: record.id,
        kind: record.kind,
        starts_on: record.from,
        ends_on: record.to,
        amanahs: record.amanahs,
        title_ar: record.title.ar,
        title_en: record.title.en,
        metric: record.metric ?? '',
        created_by_key_id: record.createdBy.keyId,
        created_by_label: record.createdBy.label,
        created_at: at(record.createdAt),
        deleted,
        // A later write wins: the delete of a row always comes after its creation.
        version: Date.now() * 2 + (deleted ? 1 : 0),
      },
    ]);
  }

  /** Live annotations overlapping [from, to] (both optional), or the one with `id`; by start, then creation. */
  async find(options: { id?: string; from?: string; to?: string }): Promise<AnnotationRecord[]> {
    const rows = await this.store.select<Record<string, unknown>>(
      `SELECT id, kind, toString(starts_on) AS from, toString(ends_on) AS to, amanahs, title_ar, title_en, metric,
              created_by_key_id, created_by_label, toUnixTimestamp64Milli(created_at) AS created_ms
       FROM annotations FINAL
       WHERE NOT deleted AND ({id:String} = '' OR id = {id:String})
         AND starts_on <= {to:Date} AND ends_on >= {from:Date}
       ORDER BY starts_on, created_at, id`,
      // No bound: the ends of the Date type.
      { id: options.id ?? '', from: options.from ?? '1970-01-01', to: options.to ?? '2149-06-06' },
    );
    return rows.map((row) => ({
      id: row.id as string,
      kind: row.kind as AnnotationKind,
      from: row.from as string,
      to: row.to as string,
      amanahs: row.amanahs as string[],
      title: { ar: row.title_ar as string, en: row.title_en as string },
      metric: (row.metric as string) || null,
      createdBy: { keyId: row.created_by_key_id as string, label: row.created_by_label as string },
      createdAt: new Date(Number(row.created_ms)),
    }));
  }
}
