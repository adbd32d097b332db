import { daysInclusive, type DateRange } from '@amanah/calendar';
import { AMANAH_IDS } from '@amanah/domain';
import { partsStatement, VISITOR_DAYS, type Store } from '@amanah/store';
import type { MetricQuery, PlannedQuery } from './planner.js';

/**
 * What a query will cost before it runs, in estimated milliseconds on the reference machine (2 cores): the rows it
 * will read (from the table's row counts per partition, for the days and amanahs it covers) times the time its
 * aggregate takes per row, plus the points of its answer. The runner adds up a request's queries, refuses a request above the per-request
 * ceiling without running any of it, and charges the rest to the caller's budget (see QueryExecution.admit in execution.ts).
 *
 * The per-row times were measured on the demo store (chDB 26.7): a count or sum over raw rows reads ~300 M rows/s,
 * grouped into buckets ~100 M; an exact distinct count of visitor ids ~2.5 M rows/s (its hash set, not the scan, is
 * the work); a median ~20 M. An estimate, not a promise: it is there to tell a dashboard (a few ms) from thirty exact
 * distinct counts over ten years (minutes), and the engine's timeout stops whatever it misjudges.
 */
const MS_PER_ROW = {
  scan: 1 / 100_000,
  median: 1 / 20_000,
  distinct: 1 / 2_500,
} as const;
/** Every statement costs something, whatever it reads: parsing, planning, a round trip. */
const MS_PER_QUERY = 1;
/**
 * Every point of the answer (a bucket of a series line, a member of a breakdown) is shaped, resolved by GraphQL and
 * serialised by the API, on the same two cores: this is what bounds the size of an answer (a 10,000 ms ceiling
 * allows ~200,000 points, ~2.5 MB of JSON; thirty daily series of ten years by amanah are 1.9 million).
 */
const MS_PER_ANSWER_POINT = 0.05;

/** Rows per table and partition, read from the engine's own part list (cheap: no table is scanned). */
export class TableSizes {
  private constructor(private readonly partitions: ReadonlyMap<string, ReadonlyArray<{ from: string; to: string; rows: number }>>) {}

  static async read(store: Store): Promise<TableSizes> {
    // On a cluster, the local tables' parts of one replica per shard (see partsStatement).
    const parts = partsStatement(store.config);
    const rows = await store.select<{ table: string; partition: string; rows: number }>(parts.sql, parts.params);
    const partitions = new Map<string, Array<{ from: string; to: string; rows: number }>>();
    for (const row of rows) {
      const list = partitions.get(row.table) ?? [];
      list.push({ ...spanOfPartition(row.partition), rows: Number(row.rows) });
      partitions.set(row.table, list);
    }
    return new TableSizes(partitions);
  }

  /** Rows of `table`'s partitions that hold any day of the range, whole. */
  rowsTouching(table: string, range: DateRange): number {
    let rows = 0;
    for (const part of this.partitions.get(table) ?? []) if (part.from <= range.to && part.to >= range.from) rows += part.rows;
    return rows;
  }

  /** Rows of `table` estimated to fall between the two days (a partition's rows spread evenly over its days). */
  rowsBetween(table: string, range: DateRange): number {
    let rows = 0;
    for (const part of this.partitions.get(table) ?? []) {
      const from = part.from > range.from ? part.from : range.from;
      const to = part.to < range.to ? part.to : range.to;
      if (from > to) continue;
      rows += part.rows * (daysInclusive(from, to) / daysInclusive(part.from, part.to));
    }
    return rows;
  }
}

/** Partitions are by month (YYYYMM), by year (YYYY), or none (the whole table, all time). */
function spanOfPartition(partition: string): { from: string; to: string } {
  const month = /^(\d{4})(\d{2})$/.exec(partition);
  if (month) {
    const last = new Date(Date.UTC(Number(month[1]), Number(month[2]), 0)).getUTCDate();
    return { from: `${month[1]}-${month[2]}-01`, to: `${month[1]}-${month[2]}-${String(last).padStart(2, '0')}` };
  }
  if (/^\d{4}$/.test(partition)) return { from: `${partition}-01-01`, to: `${partition}-12-31` };
  return { from: '1900-01-01', to: '2999-12-31' };
}

/**
 * The estimated milliseconds of one planned query over `ranges` (its range, and its comparison period) whose answer
 * has `points` points.
 */
export function estimateCostMs(query: MetricQuery, plan: PlannedQuery, ranges: readonly DateRange[], points: number, sizes: TableSizes): number {
  const perRow =
    // An exact distinct count builds a hash set whether it reads raw visits or the visitor-days table (visitor-days.ts).
    plan.exact && query.metric.aggregate.fn === 'distinct'
      ? MS_PER_ROW.distinct
      : plan.source === 'raw' && query.metric.aggregate.fn === 'median_hours'
        ? MS_PER_ROW.median
        : MS_PER_ROW.scan;
  const rows = plan.tables.reduce((sum, table) => sum + ranges.reduce((acc, range) => acc + sizes.rowsBetween(table, range), 0), 0);
  // The visitor-days table (visitor-days.ts) is read by whole years, its days tested on every row: a scan of those
  // years, then the hash set of the rows in range.
  const scanned = plan.tables.filter(isVisitorDays).reduce((sum, table) => sum + ranges.reduce((acc, range) => acc + sizes.rowsTouching(table, range), 0), 0);
  return MS_PER_QUERY + (rows * perRow + scanned * MS_PER_ROW.scan) * amanahShare(query) + points * MS_PER_ANSWER_POINT;
}

function isVisitorDays(table: string): boolean {
  return Object.values(VISITOR_DAYS).some((definition) => definition.table === table);
}

/** The share of the amanahs a query covers (tables are ordered by amanah, so a filtered query reads only its own). */
function amanahShare(query: MetricQuery): number {
  let covered: Set<string> = new Set(AMANAH_IDS);
  const keep = (ids: readonly string[]) => (covered = new Set(ids.filter((id) => covered.has(id))));
  if (query.scope) keep(query.scope);
  for (const filter of query.filters) if (filter.dimension === 'amanah') keep(filter.values);
  return covered.size / AMANAH_IDS.length;
}
