import type { Store } from '@amanah/store';
import { missingMonthsOf } from '../completeness.js';
import type { WithdrawnBatch } from './press-answers.js';

/**
 * Certified fact sheets in the store (tables `fact_sheets` and `fact_sheet_figures`, migration 0030). Rows are
 * written once, at the lock; nothing here updates them. Plus the one read of the ingest audit (migration 0010) that
 * explains a restatement.
 */
export interface LockedFigure {
  position: number;
  metric: string;
  dataset: string;
  title: { ar: string; en: string };
  filters: Array<{ dimension: string; values: string[] }>;
  value: number | null;
  previous: number | null;
  changePct: number | null;
  previousRange: { from: string; to: string } | null;
  phrase: { ar: string; en: string };
  changePhrase: { ar: string; en: string } | null;
  sentence: { ar: string; en: string };
  /** The GraphQL Provenance as answered at the lock. */
  provenance: unknown;
}

export interface LockedSheet {
  id: string;
  title: string;
  amanah: string;
  range: { from: string; to: string };
  compare: string;
  precision: string;
  digits: string;
  /** ISO 8601, UTC, milliseconds. */
  lockedAt: string;
  lockedByKeyId: string;
  lockedByLabel: string;
  dataVersion: number;
  /** Why it was certified with data missing ('' when nothing was missing). */
  incompleteOverride: string;
}

export interface IngestSinceLock {
  batches: number;
  rows: number;
  /** Riyadh local time of the last one, `YYYY-MM-DD HH:MM:SS`; null without batches. */
  lastAt: string | null;
}

interface SheetRow {
  id: string;
  title: string;
  amanah: string;
  range_from: string;
  range_to: string;
  compare: string;
  precision: string;
  digits: string;
  locked_ms: string | number;
  locked_by_key_id: string;
  locked_by_label: string;
  data_version: string | number;
  incomplete_override: string;
}

interface FigureRow {
  sheet_id: string;
  position: number;
  metric: string;
  dataset: string;
  title_ar: string;
  title_en: string;
  filters: string;
  value: number | null;
  previous: number | null;
  change_pct: number | null;
  previous_from: string | null;
  previous_to: string | null;
  phrase_ar: string;
  phrase_en: string;
  change_phrase_ar: string | null;
  change_phrase_en: string | null;
  sentence_ar: string;
  sentence_en: string;
  provenance: string;
}

const SELECT_SHEETS = `SELECT id, title, amanah, toString(range_from) AS range_from, toString(range_to) AS range_to, compare, precision,
  digits, toUnixTimestamp64Milli(locked_at) AS locked_ms, locked_by_key_id, locked_by_label, data_version, incomplete_override FROM fact_sheets`;

// The lock time is written as ISO 8601 with 'Z'; best_effort parses it whatever the session time zone.
const INSERT_SETTINGS = { date_time_input_format: 'best_effort' } as const;

export class FactSheetStore {
  constructor(private readonly store: Store) {}

  async save(sheet: LockedSheet, figures: readonly LockedFigure[]): Promise<void> {
    // Figures first: a sheet row is what makes a sheet visible, so a failure between the two inserts leaves only
    // unreachable figure rows, never a sheet with missing figures.
    await this.store.insert('fact_sheet_figures', figures.map((figure) => toFigureRow(sheet.id, figure)));
    await this.store.insert(
      'fact_sheets',
      [{
        id: sheet.id, title: sheet.title, amanah: sheet.amanah, range_from: sheet.range.from, range_to: sheet.range.to,
        compare: sheet.compare, precision: sheet.precision, digits: sheet.digits, locked_at: sheet.lockedAt,
        locked_by_key_id: sheet.lockedByKeyId, locked_by_label: sheet.lockedByLabel, data_version: sheet.dataVersion,
        incomplete_override: sheet.incompleteOverride,
      }],
      INSERT_SETTINGS,
    );
  }

  /** Newest first. `amanahs` limits the answer (a scoped caller); undefined = every amanah. */
  async list(amanahs: readonly string[] | undefined): Promise<LockedSheet[]> {
    const rows = amanahs
      ? await this.store.select<SheetRow>(`${SELECT_SHEETS} WHERE amanah IN {amanahs:Array(String)} ORDER BY locked_at DESC, id`, { amanahs })
      : await this.store.select<SheetRow>(`${SELECT_SHEETS} ORDER BY locked_at DESC, id`);
    return rows.map(fromSheetRow);
  }

  async find(id: string): Promise<LockedSheet | undefined> {
    const [row] = await this.store.select<SheetRow>(`${SELECT_SHEETS} WHERE id = {id:String}`, { id });
    return row ? fromSheetRow(row) : undefined;
  }

  async figures(sheetIds: readonly string[]): Promise<Map<string, LockedFigure[]>> {
    const bySheet = new Map<string, LockedFigure[]>(sheetIds.map((id) => [id, []]));
    if (sheetIds.length === 0) return bySheet;
    const rows = await this.store.select<FigureRow>(
      `SELECT sheet_id, position, metric, dataset, title_ar, title_en, filters, value, previous, change_pct,
              toString(previous_from) AS previous_from, toString(previous_to) AS previous_to, phrase_ar, phrase_en,
              change_phrase_ar, change_phrase_en, sentence_ar, sentence_en, provenance
       FROM fact_sheet_figures WHERE sheet_id IN {ids:Array(String)} ORDER BY sheet_id, position`,
      { ids: sheetIds },
    );
    for (const row of rows) bySheet.get(row.sheet_id)?.push(fromFigureRow(row));
    return bySheet;
  }

  /**
   * Ingest requests that inserted rows of the amanah into the dataset after the lock (ingest_audit, one row per
   * request), counting only that amanah's rows: a batch of another amanah's rows cannot have changed the sheet.
   */
  /** The months of the range without a row of the amanah in the dataset (see completeness.ts). */
  missingMonths(dataset: string, amanah: string, range: { from: string; to: string }): Promise<string[]> {
    return missingMonthsOf(this.store, dataset, amanah, range);
  }

  async ingestSince(dataset: string, amanah: string, lockedAt: string): Promise<IngestSinceLock> {
    const [row] = await this.store.select<{ batches: string | number; rows: string | number; last_at: string | null }>(
      `SELECT count() AS batches, sum(rows_by_amanah[{amanah:String}]) AS rows,
              if(count() = 0, NULL, formatDateTime(max(at), '%Y-%m-%d %H:%i:%S', 'Asia/Riyadh')) AS last_at
       FROM ingest_audit
       WHERE dataset = {dataset:String} AND rows_by_amanah[{amanah:String}] > 0
         AND toUnixTimestamp64Milli(at) > {lockedMs:Int64}`,
      { dataset, amanah, lockedMs: Date.parse(lockedAt) },
    );
    return { batches: Number(row?.batches ?? 0), rows: Number(row?.rows ?? 0), lastAt: row?.last_at ?? null };
  }

  /**
   * Batches withdrawn after the lock that had rows of the amanah in the dataset and were committed before it (a batch
   * both committed and withdrawn after the lock never counted in the sheet): ingest_batch_log, migration 0060.
   */
  async withdrawalsSince(dataset: string, amanah: string, lockedAt: string): Promise<WithdrawnBatch[]> {
    const rows = await this.store.select<{ id: string; reason: string; withdrawn_ms: number | string; rows: number | string }>(
      `SELECT batch_id AS id, withdraw_reason AS reason, toUnixTimestamp64Milli(assumeNotNull(withdrawn_at)) AS withdrawn_ms,
              rows_by_amanah[{amanah:String}] AS rows
       FROM ingest_batch_log FINAL
       WHERE dataset = {dataset:String} AND status = 'WITHDRAWN' AND rows_by_amanah[{amanah:String}] > 0
         AND toUnixTimestamp64Milli(committed_at) <= {lockedMs:Int64} AND toUnixTimestamp64Milli(assumeNotNull(withdrawn_at)) > {lockedMs:Int64}
       ORDER BY withdrawn_at, batch_id`,
      { dataset, amanah, lockedMs: Date.parse(lockedAt) },
    );
    return rows.map((row) => ({ id: row.id, reason: row.reason, withdrawnAt: new Date(Number(row.withdrawn_ms)).toISOString(), rows: Number(row.rows) }));
  }
}

function toFigureRow(sheetId: string, figure: LockedFigure): FigureRow {
  return {
    sheet_id: sheetId,
    position: figure.position,
    metric: figure.metric,
    dataset: figure.dataset,
    title_ar: figure.title.ar,
    title_en: figure.title.en,
    filters: JSON.stringify(figure.filters),
    value: figure.value,
    previous: figure.previous,
    change_pct: figure.changePct,
    previous_from: figure.previousRange?.from ?? null,
    previous_to: figure.previousRange?.to ?? null,
    phrase_ar: figure.phrase.ar,
    phrase_en: figure.phrase.en,
    change_phrase_ar: figure.changePhrase?.ar ?? null,
    change_phrase_en: figure.changePhrase?.en ?? null,
    sentence_ar: figure.sentence.ar,
    sentence_en: figure.sentence.en,
    provenance: JSON.stringify(figure.provenance),
  };
}

function fromFigureRow(row: FigureRow): LockedFigure {
  return {
    position: Number(row.position),
    metric: row.metric,
    dataset: row.dataset,
    title: { ar: row.title_ar, en: row.title_en },
    filters: JSON.parse(row.filters) as LockedFigure['filters'],
    value: row.value === null ? null : Number(row.value),
    previous: row.previous === null ? null : Number(row.previous),
    changePct: row.change_pct === null ? null : Number(row.change_pct),
    previousRange: row.previous_from && row.previous_to ? { from: row.previous_from, to: row.previous_to } : null,
    phrase: { ar: row.phrase_ar, en: row.phrase_en },
    changePhrase: row.change_phrase_ar !== null && row.change_phrase_en !== null ? { ar: row.change_phrase_ar, en: row.change_phrase_en } : null,
    sentence: { ar: row.sentence_ar, en: row.sentence_en },
    provenance: JSON.parse(row.provenance) as unknown,
  };
}

function fromSheetRow(row: SheetRow): LockedSheet {
  return {
    id: row.id,
    title: row.title,
    amanah: row.amanah,
    range: { from: row.range_from, to: row.range_to },
    compare: row.compare,
    precision: row.precision,
    digits: row.digits,
    lockedAt: new Date(Number(row.locked_ms)).toISOString(),
    lockedByKeyId: row.locked_by_key_id,
    lockedByLabel: row.locked_by_label,
    incompleteOverride: row.incomplete_override,
    dataVersion: Number(row.data_version),
  };
}
