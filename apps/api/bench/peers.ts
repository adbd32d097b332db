// `npm run bench -- --peers`: the executive dashboard's figures from PostgreSQL beside ours, on the same rows.
//
// The bench starts Debian's PostgreSQL on loopback in a temporary directory (initdb, tuned for the machine: an index
// on each table's time and one on (amanah, time), work_mem, parallel workers, no fsync), copies the raw rows the
// dashboard reads out of the store (COPY, streamed from a CSV file the engine writes), and asks every figure of the
// dashboard with the plain SQL over raw tables a BI tool on PostgreSQL (Metabase, Superset) sends: one query per
// card and chart, all of a dashboard at once on a pool, as those tools do. Both sides' figures must be equal (within
// the relative error an approximate widget declares) before either time is printed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Store } from '@amanah/store';
import { compareFigures, type Figures } from './figures.js';

/** The raw tables the executive dashboard reads, with the columns its figures need, as PostgreSQL columns. */
const TABLES = {
  portal_visits: { time: 'ts', columns: { ts: 'timestamp', amanah: 'text', channel: 'text' } },
  service_requests: {
    time: 'submitted_at',
    columns: { submitted_at: 'timestamp', amanah: 'text', channel: 'text', status: 'text', completed_at: 'timestamp' },
  },
  licenses: { time: 'issued_at', columns: { issued_at: 'timestamp', amanah: 'text', license_type: 'text' } },
  office_visits: { time: 'ts', columns: { ts: 'timestamp', amanah: 'text' } },
  citizen_reports: { time: 'received_at', columns: { received_at: 'timestamp', amanah: 'text', status: 'text' } },
} as const;
type Table = keyof typeof TABLES;

/** The dashboard's figures as SQL aggregates over raw rows, written as an analyst writes them for a BI tool. */
const MEASURES: Record<string, { table: Table; value: string; where?: string; approximatePct?: number }> = {
  'portal.visits': { table: 'portal_visits', value: 'count(*)' },
  'services.requests': { table: 'service_requests', value: 'count(*)' },
  'services.digital_share': { table: 'service_requests', value: "100.0 * count(*) FILTER (WHERE channel <> 'office') / nullif(count(*), 0)" },
  'licenses.issued': { table: 'licenses', value: 'count(*)' },
  'office.visits': { table: 'office_visits', value: 'count(*)' },
  'services.completion_rate': { table: 'service_requests', value: "100.0 * count(*) FILTER (WHERE status = 'completed') / nullif(count(*), 0)" },
  // The dashboard's card is the approximate median (its histogram, ±2 %); PostgreSQL computes the exact one.
  'services.median_completion_hours': {
    table: 'service_requests',
    value: 'percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - submitted_at)) / 3600',
    where: "status = 'completed' AND completed_at IS NOT NULL",
    approximatePct: 2,
  },
  'reports.resolved_share': { table: 'citizen_reports', value: "100.0 * count(*) FILTER (WHERE status IN ('resolved', 'closed')) / nullif(count(*), 0)" },
};

export interface DashboardAnswer {
  dashboard: {
    widgets: Array<{
      id: string;
      type: string;
      dimension: string | null;
      breakdownBy: string | null;
      metric: { id: string };
      kpi: { value: number | null; previous: number | null; range: { from: string; to: string }; previousRange: { from: string; to: string } | null } | null;
      series: {
        points: Array<{ date: string; value: number | null }>;
        series: Array<{ key: string | null; points: Array<{ date: string; value: number | null }> }>;
        comparison: { points: Array<{ date: string; value: number | null }> } | null;
      } | null;
      breakdown: Array<{ key: string; value: number | null; previous: number | null }> | null;
      ranking: { items: Array<{ amanah: string; value: number | null }> } | null;
    }>;
  };
}

interface Period {
  from: string;
  to: string;
}

/** One SQL question of the dashboard and where its answer's numbers go among the figures. */
interface Question {
  sql: string;
  params: unknown[];
  approximatePct?: number;
  figures: (rows: Array<Record<string, unknown>>) => Figures;
}

export async function benchPeers(
  store: Store,
  options: { ours: () => Promise<DashboardAnswer>; oursColdP50: number; iterations: number },
): Promise<void> {
  const ours = await options.ours();
  const questions = questionsOf(ours);
  const server = await startPostgres();
  try {
    const client = new pg.Client(server.connection);
    client.on('error', () => undefined);
    await client.connect();
    try {
      const started = performance.now();
      const loaded = await loadTables(store, client);
      console.log(`PostgreSQL ${server.version}: ${loaded.toLocaleString('en')} rows copied and indexed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    } finally {
      await client.end();
    }
    const pool = new pg.Pool({ ...server.connection, max: 8 });
    // The server's shutdown reaches a closing idle client as an error event: with no listener it would end the process.
    pool.on('error', () => undefined);
    try {
      const ask = async () => {
        const answers = await Promise.all(questions.map(async (q) => q.figures((await pool.query(q.sql, q.params)).rows)));
        return answers.reduce<Figures>((all, figures) => new Map([...all, ...figures]), new Map());
      };
      const theirs = await ask(); // also warms PostgreSQL's buffers, as our first request warms the engine's caches
      const mine = figuresOf(ours);
      const tolerance = new Map<string, number>();
      for (const [key] of mine) {
        const measure = MEASURES[key.split(' ')[0]!];
        if (measure?.approximatePct) tolerance.set(key, measure.approximatePct);
      }
      const mismatches = compareFigures(mine, theirs, tolerance);
      if (mismatches.length) throw new Error(`PostgreSQL and the API disagree on ${mismatches.length} figures:\n${mismatches.slice(0, 20).join('\n')}`);
      const times: number[] = [];
      for (let i = 0; i < options.iterations; i++) {
        const t = performance.now();
        await ask();
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const theirsP50 = times[Math.ceil(times.length / 2) - 1]!;
      console.log(`\n| executive dashboard, same rows, ${mine.size} figures equal | p50 ms |`);
      console.log('|---|---:|');
      console.log(`| Amanah KPI (chDB, rollups), cold: answer cache off | ${options.oursColdP50.toFixed(1)} |`);
      console.log(`| PostgreSQL ${server.version}, raw tables, ${questions.length} queries at once (BI-tool SQL; p50 of ${times.length}) | ${theirsP50.toFixed(1)} |`);
      console.log(`| ratio PostgreSQL ÷ Amanah KPI | ${(theirsP50 / options.oursColdP50).toFixed(0)}× |\n`);
    } finally {
      await pool.end();
    }
  } finally {
    await server.stop();
  }
}

/** Every figure of the dashboard answer, keyed `metric what [key] [date]`. */
export function figuresOf(answer: DashboardAnswer): Figures {
  const figures: Figures = new Map();
  for (const widget of answer.dashboard.widgets) {
    const metric = widget.metric.id;
    if (widget.kpi) {
      figures.set(`${metric} value`, widget.kpi.value);
      figures.set(`${metric} previous`, widget.kpi.previous);
    }
    if (widget.series) {
      for (const p of widget.series.points) figures.set(`${metric} month ${p.date}`, p.value);
      for (const p of widget.series.comparison?.points ?? []) figures.set(`${metric} month ${p.date}`, p.value);
      if (widget.breakdownBy) for (const line of widget.series.series) for (const p of line.points) figures.set(`${metric} month ${line.key} ${p.date}`, p.value);
    }
    for (const item of widget.breakdown ?? []) {
      figures.set(`${metric} by ${widget.dimension} ${item.key} value`, item.value);
      figures.set(`${metric} by ${widget.dimension} ${item.key} previous`, item.previous);
    }
    for (const item of widget.ranking?.items ?? []) figures.set(`${metric} by amanah ${item.amanah} value`, item.value);
  }
  return figures;
}

/** The SQL a BI tool sends for the same dashboard: per card its two periods and its months, per chart its groups. */
function questionsOf(answer: DashboardAnswer): Question[] {
  const questions: Question[] = [];
  const number = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  for (const widget of answer.dashboard.widgets) {
    const metric = widget.metric.id;
    const measure = MEASURES[metric];
    if (!measure) throw new Error(`the PostgreSQL side has no SQL for ${metric}`);
    const { time } = TABLES[measure.table];
    const where = (period: Period, i: number) => `${time} >= $${i} AND ${time} < ($${i + 1}::date + 1)${measure.where ? ` AND ${measure.where}` : ''}`;
    const total = (period: Period, name: string) =>
      questions.push({
        sql: `SELECT ${measure.value} AS value FROM ${measure.table} WHERE ${where(period, 1)}`,
        params: [period.from, period.to],
        figures: (rows) => new Map([[`${metric} ${name}`, number(rows[0]?.value)]]),
      });
    const months = (period: Period, member?: string) =>
      questions.push({
        sql:
          `SELECT to_char(date_trunc('month', ${time}), 'YYYY-MM-DD') AS month${member ? `, ${member} AS member` : ''}, ${measure.value} AS value ` +
          `FROM ${measure.table} WHERE ${where(period, 1)} GROUP BY 1${member ? ', 2' : ''} ORDER BY 1`,
        params: [period.from, period.to],
        figures: (rows) => new Map(rows.map((row) => [`${metric} month ${member ? `${String(row.member)} ` : ''}${String(row.month)}`, number(row.value)])),
      });
    const groups = (period: Period, column: string, dimension: string, name: string) =>
      questions.push({
        sql: `SELECT ${column} AS key, ${measure.value} AS value FROM ${measure.table} WHERE ${where(period, 1)} GROUP BY 1`,
        params: [period.from, period.to],
        figures: (rows) => new Map(rows.map((row) => [`${metric} by ${dimension} ${String(row.key)} ${name}`, number(row.value)])),
      });
    const current = widget.kpi?.range ?? { from: '2024-01-01', to: '2024-12-31' };
    if (widget.kpi) {
      total(widget.kpi.range, 'value');
      if (widget.kpi.previousRange) total(widget.kpi.previousRange, 'previous');
      months(widget.kpi.range);
      if (widget.kpi.previousRange) months(widget.kpi.previousRange);
    }
    if (widget.type === 'trend' && widget.breakdownBy) months(current, widget.breakdownBy);
    if (widget.breakdown && widget.dimension) {
      groups(current, widget.dimension, widget.dimension, 'value');
      groups(previousYear(current), widget.dimension, widget.dimension, 'previous');
    }
    if (widget.ranking) groups(current, 'amanah', 'amanah', 'value');
  }
  return questions;
}

/** The dashboard's range is a whole year (last_year): its comparison period is the year before. */
function previousYear({ from, to }: Period): Period {
  const year = (date: string) => `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;
  return { from: year(from), to: year(to) };
}

/** The rows of each table, out of the store through a CSV file into COPY; then the indexes and ANALYZE. */
async function loadTables(store: Store, client: pg.Client): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amanah-peers-csv-'));
  let rows = 0;
  try {
    for (const [table, { time, columns }] of Object.entries(TABLES)) {
      const names = Object.keys(columns);
      await client.query(`CREATE UNLOGGED TABLE ${table} (${Object.entries(columns).map(([name, type]) => `${name} ${type}`).join(', ')})`);
      const file = path.join(dir, `${table}.csv`);
      // Table and column names are this file's constants; the path is a temporary directory's (plain characters).
      await store.command(`INSERT INTO FUNCTION file('${file}', 'CSV') SELECT ${names.join(', ')} FROM ${table}`);
      await pipeline(fs.createReadStream(file), client.query(copyFrom(`COPY ${table} FROM STDIN (FORMAT csv, NULL '\\N')`)));
      fs.rmSync(file);
      await client.query(`CREATE INDEX ON ${table} (${time})`);
      await client.query(`CREATE INDEX ON ${table} (amanah, ${time})`);
      await client.query(`ANALYZE ${table}`);
      rows += Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/** Debian's PostgreSQL in a temporary directory on loopback; as the `postgres` user when the bench runs as root (PostgreSQL refuses root). */
async function startPostgres(): Promise<{ connection: pg.ClientConfig; version: string; stop: () => Promise<void> }> {
  const bin = [path.dirname(fs.realpathSync('/usr/local/bin/postgres')), '/usr/lib/postgresql/15/bin'].find((dir) => fs.existsSync(path.join(dir, 'initdb')));
  if (!bin) throw new Error('--peers needs PostgreSQL (initdb and postgres), e.g. Debian\'s postgresql-15');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amanah-peers-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) spawnSync('chown', ['-R', 'postgres:postgres', dir]);
  // setpriv executes the program in its own place (unlike runuser, which forks and keeps signals to itself): the
  // child is the postmaster, and stop() signals it directly.
  const command = (program: string, args: string[]): [string, string[]] =>
    asRoot ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', path.join(bin, program), ...args]] : [path.join(bin, program), args];
  const init = spawnSync(...command('initdb', ['-D', path.join(dir, 'data'), '-U', 'bench', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']), { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = 20_000 + (process.pid % 20_000);
  const memory = os.totalmem();
  const settings = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: dir,
    shared_buffers: `${Math.round(memory / 8 / 2 ** 20)}MB`,
    effective_cache_size: `${Math.round(memory / 2 / 2 ** 20)}MB`,
    work_mem: '256MB',
    maintenance_work_mem: '1GB',
    max_parallel_workers_per_gather: String(os.cpus().length),
    max_parallel_maintenance_workers: String(os.cpus().length),
    random_page_cost: '1.1',
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_wal_size: '8GB',
  };
  const args = ['-D', path.join(dir, 'data'), ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])];
  const server: ChildProcess = spawn(...command('postgres', args), { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr?.on('data', (chunk: Buffer) => void (log = (log + chunk.toString()).slice(-4000)));
  const connection = { host: '127.0.0.1', port, user: 'bench', database: 'postgres' };
  const stop = async () => {
    try {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGINT'); // fast shutdown
        await exited;
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    for (let attempt = 0; ; attempt++) {
      const client = new pg.Client(connection);
      try {
        await client.connect();
        const version = String((await client.query('SHOW server_version')).rows[0].server_version).split(' ')[0]!;
        await client.end();
        return { connection, version, stop };
      } catch (error) {
        await client.end().catch(() => undefined);
        if (server.exitCode !== null || attempt > 100) throw new Error(`PostgreSQL did not start: ${String(error)}\n${log}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
}
