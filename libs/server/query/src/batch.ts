import type { DateRange, Granularity } from '@amanah/calendar';
import { ROLLUP_TABLES } from '@amanah/store';
import type { planQuery, MetricQuery, PlannedQuery } from './planner.js';
import { printScan } from './printers.js';
import type { Column, Scan } from './query-types.js';
import { normaliseAsOf, type Row } from './shaping.js';

/**
 * One request's batch of queries as one statement: KPI cards fused with their sparklines, the queries joined into one
 * UNION ALL whose rows name their branch, and those rows split back per query. Pure; execution.ts runs it.
 */

/** Rows and the query that produced them (for a KPI card, possibly the card's one query: see fuseCards). */
export interface Answer {
  rows: Row[];
  plan: PlannedQuery;
  /** The data version the rows were read at (data-version.ts in the store). */
  dataVersion: number;
}
/**
 * The queries of a KPI card, which the batch runs as one: its value, its sparkline, and the sparkline of its comparison
 * period (`query` is the card's, over the card's range; `previous` the comparison period).
 */
export type CardPart =
  | { part: 'kpi'; query: MetricQuery; previous?: DateRange }
  | { part: 'sparkline'; query: MetricQuery; granularity: Granularity }
  | { part: 'comparison'; query: MetricQuery; previous: DateRange; granularity: Granularity };
/** What a query reads and answers, for its price: the query, the periods it covers, the points of its answer. */
export interface Priced {
  query: MetricQuery;
  ranges: DateRange[];
  points: number;
}
export interface PendingQuery {
  plan: PlannedQuery;
  priced: Priced;
  card?: CardPart;
  /** The queries this one answers together (fuseScans): each is answered its own rows. */
  fused?: PendingQuery[];
  /**
   * Read over its range and a comparison period (its scan's `widened` form, fuseScans): a grouped row with no `as_of`
   * has none of the range's rows and is not its own.
   */
  widened?: boolean;
  resolve: (answer: Answer) => void;
  reject: (error: unknown) => void;
}

type KpiItem = PendingQuery & { card: CardPart & { part: 'kpi' } };

/** Granularities whose bucket of a day is a function of the day alone (the engine's toStartOf…), whatever the range. */
const RANGE_FREE_BUCKETS: ReadonlySet<Granularity> = new Set(['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR']);

/**
 * A KPI card asks for its value, its sparkline and (with a comparison) the comparison period's sparkline over the same
 * query: those in one batch become one query (the total and the buckets of both periods in one scan, GROUPING SETS),
 * whose rows are handed back split. The comparison's rows are the buckets with data in its period, its `previous`
 * as their value: the rows its own query would answer. `planOf` plans the card's query (the runner's plan cache).
 */
export function fuseCards(batch: PendingQuery[], planOf: typeof planQuery): PendingQuery[] {
  const cardKey = ({ metric, range, filters, scope, approximate, forceRaw }: MetricQuery) =>
    JSON.stringify([metric.id, range.from, range.to, filters, scope, approximate, forceRaw]);
  const kpis = new Map<string, KpiItem>();
  for (const item of batch) if (item.card?.part === 'kpi') kpis.set(cardKey(item.card.query), item as KpiItem);
  // Each card's sparkline and comparison, of one granularity (the first asked).
  const fusions = new Map<KpiItem, { granularity: Granularity; sparkline?: PendingQuery; comparison?: PendingQuery }>();
  for (const item of batch) {
    const card = item.card;
    if (card?.part !== 'sparkline' && card?.part !== 'comparison') continue;
    const kpi = kpis.get(cardKey(card.query));
    if (!kpi) continue;
    const previous = kpi.card.previous;
    if (card.part === 'comparison') {
      if (previous?.from !== card.previous.from || previous.to !== card.previous.to) continue;
      // The card's buckets hold the comparison's only where a day's bucket does not depend on the range asked.
      if (!RANGE_FREE_BUCKETS.has(card.granularity)) continue;
    }
    const fusion = fusions.get(kpi) ?? { granularity: card.granularity };
    if (fusion.granularity !== card.granularity || fusion[card.part]) continue;
    fusion[card.part] = item;
    fusions.set(kpi, fusion);
  }
  const fused = new Set<PendingQuery>();
  const cards: PendingQuery[] = [];
  for (const [kpi, { granularity, sparkline, comparison }] of fusions) {
    const parts = [kpi, sparkline, comparison].filter((part): part is PendingQuery => part !== undefined);
    for (const part of parts) fused.add(part);
    const plan = planOf(kpi.card.query, { kind: 'total', previous: kpi.card.previous, by: granularity });
    cards.push({
      plan,
      priced: { ...kpi.priced, points: parts.reduce((sum, part) => sum + part.priced.points, 0) },
      resolve: ({ rows, dataVersion }) => {
        kpi.resolve({ rows: rows.filter((row) => Number(row.is_total) === 1), plan, dataVersion });
        const buckets = rows.filter((row) => Number(row.is_total) === 0);
        sparkline?.resolve({ rows: buckets, plan, dataVersion });
        comparison?.resolve({
          rows: buckets
            .filter((row) => normaliseAsOf(row.previous_as_of) !== null)
            .map((row) => ({ bucket: row.bucket, value: row.previous, as_of: row.previous_as_of })),
          plan,
          dataVersion,
        });
      },
      reject: (error) => {
        for (const part of parts) part.reject(error);
      },
    });
  }
  return [...batch.filter((item) => !fused.has(item)), ...cards];
}

/**
 * Scans of one batch that read the same rows (the same source and conditions, with the same parameters) become one
 * query whose grouping sets are all of theirs: every query costs the engine a few milliseconds however few rows it reads
 * (parsing, analysis, opening the table: most of a small rollup query's time), so a dashboard's cards, breakdowns and
 * rankings over one rollup cost one query, not one each. Each query's rows are handed back as its own SQL would answer
 * them (the order of rows aside, which no batched query keeps). A scan with an enclosing query (the median of a
 * histogram) or an inline alias in a column is left alone.
 */
export function fuseScans(batch: PendingQuery[]): PendingQuery[] {
  const hosts = new Map<string, PendingQuery>();
  for (const item of batch) {
    const key = item.plan.params.pfrom === undefined ? undefined : scanKey(item.plan, ['pfrom', 'pto']);
    if (key !== undefined) hosts.set(key, item);
  }
  const groups = new Map<string, PendingQuery[]>();
  const rest: PendingQuery[] = [];
  for (const original of batch) {
    const item = widened(original, hosts) ?? original;
    const key = scanKey(item.plan);
    if (key === undefined) rest.push(item);
    else groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...rest, ...[...groups.values()].map((items) => (items.length === 1 ? items[0]! : fuseGroup(items)))];
}

/**
 * A scan of a range alone, written over its range and the comparison period of a scan of the same rows with one (the
 * host), so that the two fuse: a dashboard's series beside its cards. Its answer keeps its own plan.
 */
function widened(item: PendingQuery, hosts: ReadonlyMap<string, PendingQuery>): PendingQuery | undefined {
  const scan = item.plan.scan;
  if (!scan?.widened || item.plan.params.pfrom !== undefined) return undefined;
  const wide: Scan = { ...scan, ...scan.widened, widened: undefined };
  const host = hosts.get(scanKey({ ...item.plan, scan: wide }, ['pfrom', 'pto']) ?? '');
  if (!host) return undefined;
  const params = { ...item.plan.params, pfrom: host.plan.params.pfrom, pto: host.plan.params.pto };
  return {
    ...item,
    plan: { ...item.plan, sql: printScan(wide), params, scan: wide },
    widened: true,
    resolve: (answer) => item.resolve({ ...answer, plan: item.plan }),
  };
}

/** The parameters a text refers to. */
function paramsIn(text: string): Set<string> {
  return new Set([...text.matchAll(/\{(\w+):/g)].map((match) => match[1]!));
}

/** What scans must share to be fused: source, conditions, period key, and those parameters' values (but those `except`). */
function scanKey(plan: PlannedQuery, except: readonly string[] = []): string | undefined {
  const scan = plan.scan;
  if (!scan || scan.outer || scan.columns.some((column) => /\bAS\b/i.test(column.expr))) return undefined;
  const shared = [...paramsIn(`${scan.from}\n${scan.where.join('\n')}`)].filter((name) => !except.includes(name)).sort();
  return JSON.stringify([scan.from, scan.where, scan.period, shared.map((name) => [name, plan.params[name]])]);
}

function fuseGroup(items: PendingQuery[]): PendingQuery {
  const first = items[0]!;
  const scans = items.map((item) => item.plan.scan!);
  const shared = paramsIn(`${scans[0]!.from}\n${scans[0]!.where.join('\n')}`);
  const params: Record<string, unknown> = Object.fromEntries([...shared].map((name) => [name, first.plan.params[name]]));
  // A query's own parameters (a share's condition, Hijri buckets) are renamed m<i>_<name>, one name per value (the
  // engine reads a key with the values in place: keys that differ only in the name of one value must be one key).
  const renamed = new Map<string, string>();
  const own = (i: number, expr: string) =>
    expr.replace(/\{(\w+):/g, (whole, name: string) => {
      if (shared.has(name)) return whole;
      const value = items[i]!.plan.params[name];
      const byValue = `${name}\n${JSON.stringify(value)}`;
      let fusedName = renamed.get(byValue);
      if (!fusedName) {
        renamed.set(byValue, (fusedName = `m${i}_${name}`));
        params[fusedName] = value;
      }
      return `{${fusedName}:`;
    });
  // Keys of the same expression are one key (k<j>); sets are told apart by grouping(k0, …, kn) (bit 1: key not grouped).
  const keys: Column[] = [];
  const keyAliases = scans.map((scan, i) =>
    new Map(
      scan.keys.map((key) => {
        const expr = own(i, key.expr);
        let fusedKey = keys.find((k) => k.expr === expr);
        if (!fusedKey) keys.push((fusedKey = { expr, alias: `k${keys.length}` }));
        return [key.alias, fusedKey.alias];
      }),
    ),
  );
  const maskOf = (set: readonly string[]) => keys.reduce((mask, key) => mask * 2 + (set.includes(key.alias) ? 0 : 1), 0);
  const sets = new Map<number, string[]>();
  const memberSets = scans.map((scan, i) =>
    scan.sets.map((set) => {
      const fusedSet = set.map((alias) => keyAliases[i]!.get(alias)!);
      sets.set(maskOf(fusedSet), fusedSet);
      return { mask: maskOf(fusedSet), set: fusedSet };
    }),
  );
  // Columns of the same expression and period (every card's as_of, a count that is also a share's denominator) are one column.
  const columns: Column[] = [];
  const columnAliases = scans.map((scan, i) =>
    new Map(
      scan.columns.map((column) => {
        const expr = own(i, column.expr);
        let fusedColumn = columns.find((c) => c.expr === expr && c.period?.of === column.period?.of);
        if (!fusedColumn) columns.push((fusedColumn = { ...column, expr, alias: `c${columns.length}` }));
        return [column.alias, fusedColumn.alias];
      }),
    ),
  );
  const [onlySet] = sets.size === 1 ? sets.keys() : [];
  const flags = onlySet === undefined ? [{ alias: 'grouping_set', of: keys.map((key) => key.alias).join(', ') }] : [];
  const scan: Scan = { from: scans[0]!.from, where: scans[0]!.where, period: scans[0]!.period, keys, sets: [...sets.values()], flags, columns };
  const plan: PlannedQuery = { ...first.plan, sql: printScan(scan), params, scan };

  // Each query's rows in the order of its keys, as its own ORDER BY has them (a series' lines keep their order).
  const byKeys = (keyAliases: readonly string[]) => (a: Row, b: Row) => {
    for (const alias of keyAliases) {
      const [x, y] = [String(a[alias]), String(b[alias])];
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
  const rowsOf = (rows: readonly Row[], i: number): Row[] => {
    const memberScan = scans[i]!;
    const answers = rows.flatMap((row) => {
      const mask = onlySet ?? Number(row.grouping_set);
      if (!sets.has(mask)) throw new Error(`a fused query answered a row of no grouping set of its own: ${JSON.stringify(row).slice(0, 200)}`);
      const set = memberSets[i]!.find((s) => s.mask === mask)?.set;
      if (!set) return [];
      const answer: Row = {};
      for (const key of memberScan.keys) answer[key.alias] = row[keyAliases[i]!.get(key.alias)!];
      for (const flag of memberScan.flags) answer[flag.alias] = set.includes(keyAliases[i]!.get(flag.of)!) ? 0 : 1;
      for (const column of memberScan.columns) answer[column.alias] = row[columnAliases[i]!.get(column.alias)!];
      // A widened scan's group with none of its range's rows (only the comparison period's) is not one of its own; its
      // row of no key is, as the aggregate of no rows is a row.
      if (items[i]!.widened && set.length > 0 && normaliseAsOf(answer.as_of) === null) return [];
      return [answer];
    });
    return answers.sort(byKeys(memberScan.keys.map((key) => key.alias)));
  };
  return {
    plan,
    priced: { ...first.priced, ranges: items.flatMap((item) => item.priced.ranges), points: items.reduce((sum, item) => sum + item.priced.points, 0) },
    fused: items,
    resolve: ({ rows, dataVersion }) => {
      let answers: Row[][];
      try {
        answers = items.map((_, i) => rowsOf(rows, i));
      } catch (error) {
        // No answer is better than a wrong one.
        for (const item of items) item.reject(error);
        return;
      }
      items.forEach((item, i) => item.resolve({ rows: answers[i]!, plan: item.plan, dataVersion }));
    },
    reject: (error) => {
      for (const item of items) item.reject(error);
    },
  };
}

/**
 * The plans as one UNION ALL: branch i's rows are tagged `q = i` and carried as one JSON string each (the branches'
 * columns differ). Each branch's parameters are renamed `q<i>_<name>` in its SQL and in the parameters; the names
 * are the planner's own identifiers, never input.
 */
export function batchStatement(plans: readonly PlannedQuery[]): { sql: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  const sql = plans
    .map((plan, i) => {
      for (const [name, value] of Object.entries(plan.params)) params[`q${i}_${name}`] = value;
      return `SELECT ${i} AS q, formatRowNoNewline('JSONEachRow', *) AS row FROM (\n${plan.sql.replace(/\{(\w+):/g, `{q${i}_$1:`)}\n)`;
    })
    .join('\nUNION ALL\n');
  return { sql, params };
}

/**
 * The rows of a batched query, per branch. Every row must name a branch of this batch: anything else means the rows
 * are not this query's, and no answer is better than a wrong one.
 */
export function splitBatch(rows: ReadonlyArray<{ q: number; row: string }>, branches: number): Row[][] {
  const answers = Array.from({ length: branches }, (): Row[] => []);
  for (const { q, row } of rows) {
    const branch = answers[q];
    if (!Number.isInteger(q) || !branch || typeof row !== 'string') throw new Error(`a batched query answered a row of another shape: ${JSON.stringify({ q, row }).slice(0, 200)}`);
    branch.push(JSON.parse(row) as Row);
  }
  return answers;
}

/** The rollups with a row per month (and dimensions): a few thousand rows a year, however many events there are. */
const MONTHLY_TABLES: ReadonlySet<string> = new Set(ROLLUP_TABLES.filter((rollup) => rollup.time === 'month').map((rollup) => rollup.table));

/**
 * The engine settings of a statement of these plans. When every plan reads monthly rollups only, most of the
 * statement's time is fixed cost (parsing, analysis, planning) and its rows are a few thousand: the engine's query plan
 * optimizations cost more than they save (~10 % of the cold executive dashboard's engine time on 2 cores), and a
 * second thread only adds its own overhead (one thread: the same time, ~10 % less CPU). Results are the same either
 * way. Other reads keep the defaults.
 */
export function statementSettings(plans: readonly PlannedQuery[]): { query_plan_enable_optimizations?: 0; max_threads?: 1 } {
  const monthly = plans.every((plan) => plan.tables.length > 0 && plan.tables.every((table) => MONTHLY_TABLES.has(table)));
  return monthly ? { query_plan_enable_optimizations: 0, max_threads: 1 } : {};
}
