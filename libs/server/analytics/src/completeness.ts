import { AMANAH_IDS, DATASET_NAMES, DATASETS, type Cadence, type DatasetName } from '@amanah/domain';
import type { Store } from '@amanah/store';
import { AnalyticsError } from './analytics-error.js';

/**
 * Completeness: per amanah × dataset × period (a day, or a month for level data), did rows arrive, how many, the
 * newest event, and the last upload (committed batch) with rows of that amanah. Periods without rows are listed as
 * missing per amanah.
 */
export type { Cadence };

export interface CompletenessCell {
  amanah: string;
  /** The period's first day, `YYYY-MM-DD`. */
  period: string;
  rows: number;
  /** Riyadh local time of the newest event in the period. */
  newestEvent: string;
}

export interface DatasetCompleteness {
  dataset: DatasetName;
  cadence: Cadence;
  /** The periods of the range, first days, oldest first. */
  periods: string[];
  /** Periods with rows, per amanah. */
  cells: CompletenessCell[];
  /** Per amanah of the scope: the periods without rows. */
  missing: Array<{ amanah: string; periods: string[] }>;
  /** Per amanah: the last upload with its rows (ISO 8601 UTC) and the newest event of the dataset (Riyadh local). */
  freshness: Array<{ amanah: string; lastUploadAt: string | null; newestEvent: string | null }>;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_PERIODS = 800;

export async function completenessOf(
  store: Store,
  request: { dataset: string; from: string; to: string; amanahs: readonly string[] | 'all'; cadence?: Cadence },
): Promise<DatasetCompleteness> {
  if (!(DATASET_NAMES as readonly string[]).includes(request.dataset)) throw new AnalyticsError('BAD_USER_INPUT', `unknown dataset ${request.dataset}`, 'dataset');
  const dataset = request.dataset as DatasetName;
  if (!DAY.test(request.from) || !DAY.test(request.to) || Number.isNaN(Date.parse(request.from)) || Number.isNaN(Date.parse(request.to))) {
    throw new AnalyticsError('BAD_USER_INPUT', 'from and to must be dates YYYY-MM-DD', 'from');
  }
  if (request.from > request.to) throw new AnalyticsError('BAD_USER_INPUT', 'from must not be after to', 'from');
  const cadence = request.cadence ?? DATASETS[dataset].cadence;
  const periods = periodsOf(request.from, request.to, cadence);
  if (periods.length > MAX_PERIODS) throw new AnalyticsError('BAD_USER_INPUT', `at most ${MAX_PERIODS} periods: shorten the range`, 'to');
  const amanahs = request.amanahs === 'all' ? [...AMANAH_IDS] : [...request.amanahs];
  const time = DATASETS[dataset].time;
  const bucket = cadence === 'DAILY' ? `toDate(${time})` : `toStartOfMonth(${time})`;
  const cells = await store.select<{ amanah: string; period: string; rows: number; newest: string }>(
    `SELECT amanah, toString(${bucket}) AS period, count() AS rows, toString(max(${time})) AS newest
     FROM ${dataset}
     WHERE ${time} >= toDate({from:String}) AND ${time} < toDate({to:String}) + 1 AND amanah IN {amanahs:Array(String)}
     GROUP BY amanah, period ORDER BY amanah, period`,
    { from: request.from, to: request.to, amanahs },
  );
  const fresh = await freshnessOf(store, dataset, time, amanahs);
  const arrived = new Set(cells.map((cell) => `${cell.amanah}|${cell.period}`));
  return {
    dataset,
    cadence,
    periods,
    cells: cells.map((cell) => ({ amanah: cell.amanah, period: cell.period, rows: Number(cell.rows), newestEvent: cell.newest })),
    missing: amanahs
      .map((amanah) => ({ amanah, periods: periods.filter((period) => !arrived.has(`${amanah}|${period}`)) }))
      .filter((entry) => entry.periods.length > 0),
    freshness: fresh.map((row) => ({
      amanah: row.amanah,
      lastUploadAt: row.last_upload_ms === null || Number(row.last_upload_ms) === 0 ? null : new Date(Number(row.last_upload_ms)).toISOString(),
      newestEvent: row.newest === null || row.newest.startsWith('1970-01-01') ? null : row.newest,
    })),
  };
}

/** Per amanah: its last committed upload to the dataset (ingest_batch_log) and the dataset's newest event. */
async function freshnessOf(store: Store, dataset: DatasetName, time: string, amanahs: string[]) {
  const rows: Array<{ amanah: string; last_upload_ms: number | string | null; newest: string | null }> = [];
  const uploads = await store.select<{ amanah: string; last_upload_ms: number | string }>(
    `SELECT amanah, max(toUnixTimestamp64Milli(committed_at)) AS last_upload_ms
     FROM ingest_batch_log FINAL ARRAY JOIN mapKeys(rows_by_amanah) AS amanah
     WHERE dataset = {dataset:String} AND status = 'COMMITTED' GROUP BY amanah`,
    { dataset },
  );
  const newest = await store.select<{ amanah: string; newest: string }>(
    `SELECT amanah, toString(max(${time})) AS newest FROM ${dataset} WHERE amanah IN {amanahs:Array(String)} GROUP BY amanah`,
    { amanahs },
  );
  for (const amanah of amanahs) {
    rows.push({
      amanah,
      last_upload_ms: uploads.find((u) => u.amanah === amanah)?.last_upload_ms ?? null,
      newest: newest.find((n) => n.amanah === amanah)?.newest ?? null,
    });
  }
  return rows;
}

/** The periods (first days) of a range at a cadence, oldest first; at most `limit` + 1 (the caller refuses more). */
export function periodsOf(from: string, to: string, cadence: Cadence, limit = MAX_PERIODS): string[] {
  const periods: string[] = [];
  if (cadence === 'MONTHLY') {
    let [year, month] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
    const last = to.slice(0, 7);
    for (;;) {
      const period = `${year}-${String(month).padStart(2, '0')}`;
      if (period > last || periods.length > limit) break;
      periods.push(`${period}-01`);
      month += 1;
      if (month === 13) [year, month] = [year + 1, 1];
    }
    return periods;
  }
  for (let day = Date.parse(`${from}T00:00:00Z`); day <= Date.parse(`${to}T00:00:00Z`) && periods.length <= limit; day += 86_400_000) {
    periods.push(new Date(day).toISOString().slice(0, 10));
  }
  return periods;
}

/**
 * The months of the range (first days) in which the amanah sent no row of the dataset; empty when none. Months, not
 * days, whatever the dataset's cadence: a day without events is often real (an office closed at the weekend), a
 * month without a single row is a missing upload. Press figures show these, and certifying over them needs an
 * override.
 */
export async function missingMonthsOf(store: Store, dataset: string, amanah: string, range: { from: string; to: string }): Promise<string[]> {
  const answer = await completenessOf(store, { dataset, from: range.from, to: range.to, amanahs: [amanah], cadence: 'MONTHLY' });
  return answer.missing[0]?.periods ?? [];
}
