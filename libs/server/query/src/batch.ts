import type { DateRange, Granularity } from '@amanah/calendar';
import { planQuery, type MetricQuery, type PlannedQuery } from './planner.js';
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
 * as their value: the rows its own query would answer.
 */
export function fuseCards(batch: PendingQuery[]): PendingQuery[] {
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
    const plan = planQuery(kpi.card.query, { kind: 'total', previous: kpi.card.previous, by: granularity });
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
