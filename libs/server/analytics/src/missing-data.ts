import type { DateRange } from '@amanah/calendar';
import { AMANAH_IDS, DATASETS, type Cadence, type DatasetName } from '@amanah/domain';
import { currentWork, MONTHLY_ROLLUPS, ROLLUPS, WorkRefusedError, type Store, type WorkContext } from '@amanah/store';
import { periodsOf } from './completeness.js';

/**
 * Missing data in an answer: the periods of its range, at its dataset's expected cadence (DATASETS' `cadence`: days
 * for event data, months for levels), in which an amanah it covers has not one row. Only periods that have ended
 * before today count (today's data is still arriving). The same verdict as the completeness query, per KPI.
 *
 * Cost: one grouped query per dataset — every amanah's periods with rows, from the dataset's monthly or daily rollup
 * where it has one, else from its table — kept until that dataset changes; each answer then compares its own periods
 * in memory. On the seeded demo (2020–2025): 5–200 ms per dataset (portal visits' daily rollup the most). Which
 * datasets changed is read once per data version (`changesByDataset`: data_changes, a row per change, joined to the
 * batch log, a row per batch): an upload re-reads its own dataset only. Each read runs in the work context of the
 * request that started it, so the store queues it in that request's lane and stops it at that deadline; a request
 * sharing it that sees it refused (another request's deadline or budget) reads again on its own account.
 */
export interface MissingData {
  cadence: Cadence;
  /** The amanahs with missing periods, each with its runs of consecutive missing periods; at least one amanah. */
  amanahs: AmanahMissingData[];
}

export interface AmanahMissingData {
  amanah: string;
  /** How many periods (days or months) of the range have no row. */
  count: number;
  /** The missing periods as runs: from the first day of the first to the last day of the last, oldest first. */
  spans: DateRange[];
}

type Arrived = Map<string, Set<string>>;

/** Changes per dataset (key '': changes of no one dataset, the seeding or a manual write, which count for all). */
type Changes = Map<string, number>;

/**
 * How many changes each dataset has had: an upload's or withdrawal's change (data_changes `ingest`/`withdrawal`,
 * `ref` the batch id) counts for its batch's dataset, any other change for every dataset.
 */
const CHANGES_BY_DATASET = `SELECT if(c.kind IN ('ingest', 'withdrawal'), b.dataset, '') AS dataset, count() AS changes
  FROM data_changes AS c LEFT JOIN (SELECT DISTINCT batch_id, dataset FROM ingest_batch_log) AS b ON c.ref = b.batch_id
  GROUP BY dataset`;

/** A read shared by the requests that ask while it runs, with the work (request) it runs for. */
interface SharedRead<T> {
  read: Promise<T>;
  work: WorkContext | undefined;
}

/** Verdicts kept per dataset's arrivals (a dashboard asks the same few again and again); past this they start again. */
const MAX_VERDICTS = 2_000;

export class DataArrivals {
  private changes: (SharedRead<Changes> & { version: number }) | undefined;
  private readonly arrived = new Map<DatasetName, SharedRead<Arrived> & { stamp: string }>();
  /** Each arrivals read's verdicts, by amanahs, range and today: computing one walks every day of the range. */
  private readonly verdicts = new WeakMap<Arrived, Map<string, MissingData | null>>();

  constructor(private readonly store: Store) {}

  /**
   * The missing data of an answer over `range` of `dataset` covering `amanahs` (undefined: every amanah), computed
   * at data version `version`; null when nothing is missing.
   */
  async missing(version: number, dataset: DatasetName, amanahs: readonly string[] | undefined, range: DateRange, today: string): Promise<MissingData | null> {
    if (range.from >= today) return null; // no period of it has ended: nothing to read
    const arrived = await this.arrivedAt(version, dataset);
    let verdicts = this.verdicts.get(arrived);
    if (!verdicts) this.verdicts.set(arrived, (verdicts = new Map()));
    const key = `${amanahs?.join(',') ?? '*'}|${range.from}|${range.to}|${today}`;
    if (verdicts.has(key)) return verdicts.get(key)!;
    const verdict = this.verdict(arrived, dataset, amanahs, range, today);
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdicts.set(key, verdict);
    return verdict;
  }

  private verdict(arrived: Arrived, dataset: DatasetName, amanahs: readonly string[] | undefined, range: DateRange, today: string): MissingData | null {
    const { cadence } = DATASETS[dataset];
    const expected = periodsOf(range.from, range.to, cadence, Number.POSITIVE_INFINITY).filter((period) => lastDayOf(period, cadence) < today);
    if (expected.length === 0) return null;
    const missing: AmanahMissingData[] = [];
    for (const amanah of amanahs ?? AMANAH_IDS) {
      const own = arrived.get(amanah);
      const gaps = own ? expected.filter((period) => !own.has(period)) : expected;
      if (gaps.length > 0) missing.push({ amanah, count: gaps.length, spans: spansOf(gaps, cadence) });
    }
    return missing.length > 0 ? { cadence, amanahs: missing } : null;
  }

  /** The dataset's periods with rows, read again only when the dataset (or every dataset) has changed since. */
  private async arrivedAt(version: number, dataset: DatasetName): Promise<Arrived> {
    const changes = await this.changesAt(version);
    const stamp = `${changes.get('') ?? 0}:${changes.get(dataset) ?? 0}`;
    const start = () => {
      const entry = { stamp, read: this.read(dataset), work: currentWork() };
      this.arrived.set(dataset, entry);
      // A failed read is not kept: the next answer asks again.
      entry.read.catch(() => {
        if (this.arrived.get(dataset) === entry) this.arrived.delete(dataset);
      });
      return entry.read;
    };
    const kept = this.arrived.get(dataset);
    return kept?.stamp === stamp ? shared(kept, start) : start();
  }

  private changesAt(version: number): Promise<Changes> {
    const start = () => {
      const read = this.store
        .select<{ dataset: string; changes: number | string }>(CHANGES_BY_DATASET)
        .then((rows) => new Map(rows.map((row) => [row.dataset, Number(row.changes)])));
      const entry = { version, read, work: currentWork() };
      this.changes = entry;
      read.catch(() => {
        if (this.changes === entry) this.changes = undefined;
      });
      return read;
    };
    return this.changes && this.changes.version >= version ? shared(this.changes, start) : start();
  }

  private async read(dataset: DatasetName): Promise<Arrived> {
    const { cadence, time } = DATASETS[dataset];
    // The smallest table that has the dataset's periods: its monthly rollup, its daily one, or itself. Table and
    // column names come from the registries, never from a caller.
    const rollup = (cadence === 'MONTHLY' ? MONTHLY_ROLLUPS[dataset] : undefined) ?? ROLLUPS[dataset];
    const [table, column] = rollup ? [rollup.table, rollup.time] : [dataset, time];
    const period = cadence === 'MONTHLY' ? `toStartOfMonth(${column})` : `toDate(${column})`;
    const rows = await this.store.select<{ amanah: string; periods: string[] }>(
      `SELECT amanah, groupUniqArray(toString(${period})) AS periods FROM ${table} GROUP BY amanah`,
    );
    return new Map(rows.map((row) => [row.amanah, new Set(row.periods)]));
  }
}

/** Another request's read, or, when it was refused for that request (deadline, budget), one on this request's account. */
function shared<T>(running: SharedRead<T>, again: () => Promise<T>): Promise<T> {
  if (running.work === currentWork()) return running.read;
  return running.read.catch((error: unknown) => {
    if (error instanceof WorkRefusedError) return again();
    throw error;
  });
}

function lastDayOf(period: string, cadence: Cadence): string {
  if (cadence === 'DAILY') return period;
  const [year, month] = [Number(period.slice(0, 4)), Number(period.slice(5, 7))];
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** Consecutive periods as runs: 1, 2, 3 and 7 March are 1–3 March and 7 March. */
function spansOf(periods: readonly string[], cadence: Cadence): DateRange[] {
  const spans: DateRange[] = [];
  for (const period of periods) {
    const last = spans.at(-1);
    if (last && nextDay(last.to) === period) last.to = lastDayOf(period, cadence);
    else spans.push({ from: period, to: lastDayOf(period, cadence) });
  }
  return spans;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
