import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  ClickHouseLogLevel,
  createClient,
  type ClickHouseClient,
  type ClickHouseClientConfigOptions,
  type ClickHouseSettings,
} from '@clickhouse/client';
import { Session } from 'chdb';
import { createChdbConnection } from 'chdb/connection';
import { RIYADH_TIME_ZONE } from '@amanah/domain';
import { describeStore, type StoreConfig } from './config.js';
import { DATA_VERSION_SQL } from './data-version.js';
import { EngineScheduler, TIMEOUT_MESSAGE } from './engine-scheduler.js';
import { StoreError } from './errors.js';
import { isEngineTimeout, WorkRefusedError } from './refusals.js';
import { currentWork, runInExclusive, type WorkKind } from './work-context.js';

/**
 * The oldest ClickHouse server we accept: 24.8, because it is the oldest release @clickhouse/client 1.12+ (we ship
 * 1.23) is tested against (its README's compatibility table: "1.12.0+ | 24.8+"; older servers are "best effort").
 * Every feature our SQL and STORE_SETTINGS need is older than that (query parameters, Bool, session_timezone,
 * output_format_json_quote_decimals, date_time_output_format), so the client is the binding constraint. Debian's
 * 18.16 has none of them, which is why the store refuses it on connect instead of failing on the first query.
 */
export const MIN_SERVER_VERSION = { major: 24, minor: 8 } as const;

/**
 * Settings sent with every query, on both connections, so that results have one set of JavaScript types:
 * UInt64/Int64 and Decimal as JSON numbers (a server quotes 64-bit integers as strings by default), Date as
 * 'YYYY-MM-DD' and DateTime as 'YYYY-MM-DD hh:mm:ss' strings in Asia/Riyadh, Nullable as null, Bool as boolean.
 * Numbers rather than strings or BigInt because every count and sum the product shows is far below 2^53 (exact as
 * a double), the Decimal(18, 2) amounts here have fewer than a double's 15 significant digits, and callers then
 * never convert.
 * The only server installable here (18.16) knows just the first of these and rejects the rest as unknown, so
 * result-types.integration-spec.ts proves the set on chDB and proves on 18.16 that the first is what turns a
 * server's quoted 64-bit integers into numbers.
 */
export const STORE_SETTINGS: ClickHouseSettings = {
  output_format_json_quote_64bit_integers: 0,
  output_format_json_quote_decimals: 0,
  date_time_output_format: 'simple',
  session_timezone: RIYADH_TIME_ZONE,
};

/**
 * The client logs every failed request itself, as a multi-line dump with a stack trace, before it throws. Every
 * failure already reaches the caller as a thrown (and, for connection problems, one-line) error, so its logger
 * would only print each one a second time.
 */
const CLIENT_LOG = { level: ClickHouseLogLevel.OFF };

export type QueryParams = Record<string, unknown>;

/** Lines for Store.insertFromLines: a table expression with a String column `line`, and the line's number from 0. */
export interface LineSource {
  from: string;
  row: string;
}

/** What each connection is for (see openStore). */
type Connection = WorkKind | 'control';

/** The one gateway to ClickHouse. Values reach SQL only as `{name:Type}` parameters. */
export interface Store {
  readonly config: StoreConfig;
  readonly description: string;
  readonly serverVersion: string;
  /** The longest a request's SELECTs may take, waiting included (KPI_QUERY_TIMEOUT_SECONDS). */
  readonly queryTimeoutSeconds: number;
  select<T>(sql: string, params?: QueryParams, settings?: ClickHouseSettings): Promise<T[]>;
  command(sql: string, params?: QueryParams, settings?: ClickHouseSettings): Promise<void>;
  insert<T extends object>(table: string, rows: readonly T[], settings?: ClickHouseSettings): Promise<void>;
  /**
   * Inserts rows the caller has already encoded in ClickHouse's RowBinary format (`table` an identifier from a
   * definition, never user text), with no re-encoding; ingest stages large batches this way. Binary, so the data
   * depends on no session setting (the store's output settings are left out: chDB would prepend them as SETs).
   */
  insertRowBinary(table: string, body: Buffer, columns?: readonly string[]): Promise<void>;
  /**
   * Inserts into `table` (its `columns`) what `select` makes of the lines of `body` (text, one row per line, blank ones
   * too): `select` gets a table expression with one String column `line` (ClickHouse's LineAsString format) and the
   * expression of a line's number from 0, and returns a SELECT over it (built from definitions, never user text). The
   * body is data, never part of SQL: over HTTP the INSERT's body, on chDB a file the engine reads (as insertRowBinary).
   * Ingest lets the engine check and convert NDJSON this way.
   */
  insertFromLines(table: string, columns: readonly string[], select: (source: LineSource) => string, body: Buffer): Promise<void>;
  /**
   * The data version (data-version.ts). Every request reads it, so it waits for no read or write: it runs outside the
   * scheduler, one at a time on a connection of its own. It is one count from table metadata, and callers share
   * reads of it (the query execution's DataVersionReads), so no caller can multiply it. The embedded store, which no
   * other process can write, answers it from memory until a write statement of this process starts (any store over
   * the same directory: EmbeddedWrites); a server's is read every time (other processes write there).
   */
  readDataVersion(): Promise<number>;
  /**
   * Runs `section` with nothing else reaching the engine meanwhile (statements already running finish first): what
   * it writes in several statements appears to this process's readers at once. Its statements go through this store
   * as usual.
   */
  exclusive<T>(section: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /**
   * The engine's max_execution_time for every SELECT, in seconds (KPI_QUERY_TIMEOUT_SECONDS); a request's deadline
   * shortens it further. The engine stops the statement when it is reached.
   */
  queryTimeoutSeconds?: number;
  /**
   * Reads a server runs at once (default 8); writes have slots of their own. The embedded engine always runs one read
   * at a time: its read connection must have one statement on it (see statement()).
   */
  readSlots?: number;
  /** Statements one lane may have waiting before more are refused (OVERLOADED). */
  maxWaitingPerLane?: number;
  /**
   * Embedded only: the one folder the engine may BACKUP to and RESTORE from (its `backups.allowed_path`; without it
   * the engine refuses both). An engine argument, so it holds only when this store starts the process's engine.
   */
  backupsPath?: string;
}

const DEFAULT_QUERY_TIMEOUT_SECONDS = 15;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** An absolute path that is safe inside a SQL string literal as it is (no quote, backslash or control character). */
const PLAIN_PATH = /^\/[A-Za-z0-9_./-]+$/;
/**
 * The settings a statement may set for itself (Store.select/command/insert), each at its neutral value. chDB applies a
 * call's settings as `SET` on its connection's session, where they stay for the later statements on that connection
 * (measured on chDB 26.7: after a write request's SELECT limited to 1 s, a 4 s INSERT on the write connection was
 * stopped by that limit); so on the embedded store every statement sends each of them, its own value or this one.
 */
const PER_CALL_NEUTRAL = {
  max_execution_time: 0,
  max_threads: 0,
  query_plan_enable_optimizations: 1,
  date_time_input_format: 'basic',
} as const satisfies ClickHouseSettings;
export type StatementSettings = { [K in keyof typeof PER_CALL_NEUTRAL]?: ClickHouseSettings[K] };
/** Unsets the client's default settings for one call (an undefined setting is not sent). */
const WITHOUT_STORE_SETTINGS: ClickHouseSettings = Object.fromEntries(Object.keys(STORE_SETTINGS).map((name) => [name, undefined]));

export async function openStore(config: StoreConfig, options: StoreOptions = {}): Promise<Store> {
  const scheduling = (read: number, write: number) =>
    new EngineScheduler({ slots: { read, write }, maxWaitingPerLane: options.maxWaitingPerLane ?? 500 });
  const timeout = options.queryTimeoutSeconds ?? DEFAULT_QUERY_TIMEOUT_SECONDS;
  if (config.kind === 'server') {
    // The client's pool opens up to 10 connections (its default max_open_connections): 8 reads and 2 writes.
    const { client, version } = await openServer(config);
    return new ClickHouseStore(config, { clients: { read: client, write: client, control: client }, version, scheduler: scheduling(options.readSlots ?? 8, 2), timeout });
  }
  // The engine takes its arguments from the first connection to the directory, and the client's connections (which
  // take none) join it: a session opened first, and held until the store closes, gives it the backups folder.
  const engineSession = options.backupsPath === undefined ? undefined : openEngineWithBackups(config.dataDir, options.backupsPath);
  try {
    // A connection for reads, one for writes and one for the data version: non-parameterised statements on several
    // chDB connections run at the same time (its parameterised ones queue process-wide), so ingest's stage inserts and
    // commits do not wait for reads, nor the data version for either.
    const clients = { read: openEmbedded(config.dataDir), write: openEmbedded(config.dataDir), control: openEmbedded(config.dataDir) };
    return new ClickHouseStore(config, {
      clients,
      version: await serverVersion(config, clients.write),
      scheduler: scheduling(1, 1),
      timeout,
      embedded: { dataDir: config.dataDir, rowBinaryDir: rowBinaryDir(config.dataDir), engineSession, writes: writesOf(config.dataDir) },
    });
  } catch (error) {
    engineSession?.close();
    throw error;
  }
}

function openEngineWithBackups(dataDir: string, backupsPath: string): Session {
  checkEmbeddedDirectory(dataDir);
  try {
    return new Session(dataDir, { connectionArgs: [`--backups.allowed_path=${backupsPath}`] });
  } catch (error) {
    throw explainEmbeddedOpenFailure(dataDir, error);
  }
}

/**
 * Where the embedded store writes RowBinary blocks for the engine to read (see insertRowBinary): a folder of the data
 * directory, emptied on open (files left by a killed process belonged to inserts that never happened).
 */
function rowBinaryDir(dataDir: string): string {
  const dir = path.join(dataDir, 'row-binary-inserts');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir);
  return dir;
}

async function serverVersion(config: StoreConfig, client: ClickHouseClient): Promise<string> {
  const [row] = await wrap(config, () => queryRows<{ version: string }>(client, 'SELECT version() AS version'));
  return row?.version ?? 'unknown';
}

interface Engine {
  /** The connection each kind of work runs on, and the data version's (on a server, one client and its pool for all). */
  clients: Record<Connection, ClickHouseClient>;
  version: string;
  scheduler: EngineScheduler;
  /** max_execution_time of every SELECT, seconds. */
  timeout: number;
  /**
   * The embedded engine's data directory, the folder for its RowBinary blocks (see insertRowBinary), and the session
   * that started the engine with a backups folder (StoreOptions.backupsPath), closed last.
   */
  embedded?: { dataDir: string; rowBinaryDir: string; engineSession?: Session; writes: EmbeddedWrites };
}

/**
 * Write statements of this process on one embedded data directory: how many run now, and a generation that moves
 * when one starts and when one ends. A data version read while the generation stayed put and no write ran is still
 * the version until the generation moves (chDB locks the directory to this process, so no one else writes).
 */
interface EmbeddedWrites {
  running: number;
  generation: number;
}

const embeddedWrites = new Map<string, EmbeddedWrites>();

function writesOf(dataDir: string): EmbeddedWrites {
  const dir = path.resolve(dataDir);
  let writes = embeddedWrites.get(dir);
  if (!writes) embeddedWrites.set(dir, (writes = { running: 0, generation: 0 }));
  return writes;
}

class ClickHouseStore implements Store {
  readonly description: string;
  readonly serverVersion: string;
  readonly queryTimeoutSeconds: number;
  private readonly clients: Record<Connection, ClickHouseClient>;
  private closed = false;
  /** The data version's reads, one at a time (see readDataVersion). */
  private versionReads: Promise<unknown> = Promise.resolve();
  /** Embedded: the data version last read, and the write generation it was read at (see EmbeddedWrites). */
  private knownVersion: { version: number; generation: number } | undefined;
  private rowBinaryFiles = 0;
  constructor(
    readonly config: StoreConfig,
    private readonly engine: Engine,
  ) {
    this.description = describeStore(config);
    this.serverVersion = engine.version;
    this.queryTimeoutSeconds = engine.timeout;
    this.clients = { ...engine.clients };
  }

  select<T>(sql: string, params: QueryParams = {}, settings: StatementSettings = {}): Promise<T[]> {
    return this.statement((client) => queryRows<T>(client, sql, params, { ...this.ownSettings(settings), ...this.timeLimit() }));
  }

  command(sql: string, params: QueryParams = {}, settings: StatementSettings = {}): Promise<void> {
    return this.commandWith(sql, params, this.ownSettings(settings));
  }

  insert<T extends object>(table: string, rows: readonly T[], settings: StatementSettings = {}): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return this.write(() =>
      this.statement(async (client) => {
        await client.insert({ table, values: rows as T[], format: 'JSONEachRow', clickhouse_settings: this.ownSettings(settings) });
      }),
    );
  }

  private commandWith(sql: string, params: QueryParams, settings: ClickHouseSettings): Promise<void> {
    return this.write(() =>
      this.statement(async (client) => {
        await client.command({ query: sql, query_params: params, clickhouse_settings: settings });
      }),
    );
  }

  /** A statement's settings, with PER_CALL_NEUTRAL under them on the embedded store (a server keeps no session). */
  private ownSettings(settings: StatementSettings): ClickHouseSettings {
    return this.engine.embedded ? { ...PER_CALL_NEUTRAL, ...settings } : settings;
  }

  /** A statement that may change data (every command and insert): the embedded data version is read again after it. */
  private async write<T>(run: () => Promise<T>): Promise<T> {
    const writes = this.engine.embedded?.writes;
    if (!writes) return run();
    writes.running++;
    writes.generation++;
    try {
      return await run();
    } finally {
      writes.running--;
      writes.generation++;
    }
  }

  exclusive<T>(section: () => Promise<T>): Promise<T> {
    return this.engine.scheduler.exclusive((lane) => runInExclusive(lane, section));
  }


  /**
   * Every statement: in its turn (EngineScheduler), with connection failures as one-line StoreErrors and the engine's
   * timeout as a refusal.
   *
   * A failed statement retires the embedded connection. chDB keeps what a statement had already produced when it
   * failed (a timeout after its first blocks, say) in the connection, and hands it to the next statement on that
   * connection as the start of its own result: a later KPI would read a row of another query and answer a wrong
   * value (or null) without an error. A fresh connection to the same directory costs under a millisecond, and with
   * one slot per connection nothing else is running on the old one.
   */
  private statement<T>(run: (client: ClickHouseClient) => Promise<T>): Promise<T> {
    return this.engine.scheduler.run(async (kind) => {
      if (this.closed) throw new StoreError('QUERY_FAILED', `${this.description} is closed.`);
      try {
        return await run(this.clients[kind]);
      } catch (error) {
        if (this.engine.embedded && !this.closed) this.replaceConnection(kind, this.engine.embedded.dataDir);
        if (isEngineTimeout(error)) throw new WorkRefusedError('QUERY_TIMEOUT', TIMEOUT_MESSAGE);
        throw translateError(this.config, error);
      }
    });
  }

  readDataVersion(): Promise<number> {
    const writes = this.engine.embedded?.writes;
    const known = this.knownVersion;
    if (writes && known && writes.running === 0 && known.generation === writes.generation && !this.closed) return Promise.resolve(known.version);
    const generation = writes?.generation;
    const read = this.versionReads.then(async () => {
      if (this.closed) throw new StoreError('QUERY_FAILED', `${this.description} is closed.`);
      try {
        const [row] = await queryRows<{ version: number }>(this.clients.control, DATA_VERSION_SQL);
        const version = Number(row?.version ?? 0);
        // Kept only when no write started or ended since this read was asked for: then it is the version until one does.
        if (writes && writes.running === 0 && writes.generation === generation) this.knownVersion = { version, generation };
        return version;
      } catch (error) {
        if (this.engine.embedded && !this.closed) this.replaceConnection('control', this.engine.embedded.dataDir);
        throw translateError(this.config, error);
      }
    });
    this.versionReads = read.catch(() => undefined);
    return read;
  }

  private replaceConnection(kind: Connection, dataDir: string): void {
    const failed = this.clients[kind];
    this.clients[kind] = openEmbedded(dataDir);
    void failed.close().catch(() => undefined);
  }

  /**
   * The engine's limit for a SELECT asked by a request: the store's timeout, or less when the request's deadline is
   * nearer. Work without a deadline (start-up, seeding, the CLI, ingest) has none.
   */
  private timeLimit(): ClickHouseSettings {
    const deadline = currentWork()?.deadline;
    if (deadline === undefined) return {};
    return { max_execution_time: Math.min(this.engine.timeout, Math.max(1, deadline - Date.now()) / 1000) };
  }

  async insertRowBinary(table: string, body: Buffer, columns?: readonly string[]): Promise<void> {
    if (!IDENTIFIER.test(table) || !(columns ?? []).every((column) => IDENTIFIER.test(column))) throw new Error(`insertRowBinary: bad table ${table}`);
    if (body.length === 0) return;
    const into = columns ? `${table} (${columns.join(', ')})` : table;
    if (this.engine.embedded) {
      // Without parallel parsing: the engine shares the machine with the server that encoded the block.
      return this.insertFromFile(this.engine.embedded.rowBinaryDir, body, (file) => `INSERT INTO ${into} SELECT * FROM file(${file}, RowBinary) SETTINGS input_format_parallel_parsing = 0`);
    }
    await this.insertBody(`INSERT INTO ${into} FORMAT RowBinary`, body);
  }

  async insertFromLines(table: string, columns: readonly string[], select: (source: LineSource) => string, body: Buffer): Promise<void> {
    if (!IDENTIFIER.test(table) || !columns.every((column) => IDENTIFIER.test(column))) throw new Error(`insertFromLines: bad table ${table}`);
    if (body.length === 0) return;
    const into = `INSERT INTO ${table} (${columns.join(', ')})`;
    if (this.engine.embedded) {
      // A file's lines are numbered by the engine (_row_number), whatever threads parse it.
      return this.insertFromFile(this.engine.embedded.rowBinaryDir, body, (file) => `${into} ${select({ from: `file(${file}, LineAsString)`, row: '_row_number' })}`);
    }
    // input() reads the request body as one stream, in order: its rows are numbered as they come.
    await this.insertBody(`${into} ${select({ from: "input('line String')", row: 'rowNumberInAllBlocks()' })} FORMAT LineAsString`, body);
  }

  /** An INSERT whose data is the request's body, as it is (a server). */
  private async insertBody(query: string, body: Buffer): Promise<void> {
    await this.statement(async (client) => {
      const result = await client.exec({ query, values: Readable.from([body], { objectMode: false }), clickhouse_settings: WITHOUT_STORE_SETTINGS });
      for await (const piece of result.stream) void piece;
    });
  }

  /**
   * chDB takes an INSERT's data only inside the query's text, which it parses at half the speed of the same bytes
   * read from a file (and the text is copied three times on the way): so the data goes through a file.
   * The file's name is ours (the store's folder, the pid, a counter), so it is written into the statement when it is
   * made of plain path characters: a statement without parameters runs beside the reads (see EngineScheduler), one
   * with parameters waits for the read running. A data directory with other characters gets the parameter.
   */
  private async insertFromFile(dir: string, body: Buffer, statement: (file: string) => string): Promise<void> {
    const file = path.join(dir, `${process.pid}-${this.rowBinaryFiles++}.bin`);
    await fs.promises.writeFile(file, body);
    const inline = PLAIN_PATH.test(file);
    try {
      await this.commandWith(statement(inline ? `'${file}'` : '{file:String}'), inline ? {} : { file }, { ...WITHOUT_STORE_SETTINGS, ...PER_CALL_NEUTRAL });
    } finally {
      await fs.promises.rm(file, { force: true });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...new Set(Object.values(this.clients))].map((client) => client.close()));
    this.engine.embedded?.engineSession?.close();
  }
}

async function queryRows<T>(
  client: ClickHouseClient,
  sql: string,
  params: QueryParams = {},
  settings: ClickHouseSettings = {},
): Promise<T[]> {
  const result = await client.query({ query: sql, query_params: params, format: 'JSONEachRow', clickhouse_settings: settings });
  return result.json<T>();
}

function openEmbedded(dataDir: string): ClickHouseClient {
  checkEmbeddedDirectory(dataDir);
  try {
    // chDB types its connection against @clickhouse/client-common, which the client now bundles under its own
    // path: the two declarations are the same interface, but TypeScript sees two types.
    const connection = createChdbConnection({ path: dataDir }) as unknown as ClickHouseClientConfigOptions['connection'];
    return createClient({ connection, clickhouse_settings: STORE_SETTINGS, log: CLIENT_LOG });
  } catch (error) {
    throw explainEmbeddedOpenFailure(dataDir, error);
  }
}

function checkEmbeddedDirectory(dataDir: string): void {
  ensureWritableDirectory(dataDir);
  // Asked before the engine: refused, the engine prints its own "Cannot lock file … (CANNOT_OPEN_FILE)" line to
  // stderr from native code, which no JavaScript can silence, ahead of our explanation.
  const holder = lockHolder(dataDir);
  if (holder !== undefined) throw heldByAnotherProcess(dataDir, holder);
}

function ensureWritableDirectory(dataDir: string): void {
  try {
    makeDirectory(dataDir);
    // access() is not enough: root passes it everywhere. Writing a file is the real test.
    const probe = path.join(dataDir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new StoreError(
      'DATA_DIR_NOT_WRITABLE',
      `The data directory ${dataDir} is not writable (${reason}): set KPI_DATA_DIR to a directory you can write to.`,
      { cause: error },
    );
  }
}

/**
 * `mkdir -p` that gives up on the first error. Not fs.mkdirSync({ recursive: true }): under /proc (and below a
 * dangling symlink) mkdir answers ENOENT although the parent exists, and Node's recursive mkdir then retries the
 * parent forever at 100% CPU, so KPI_DATA_DIR=/proc/x/data would hang the process instead of failing.
 */
function makeDirectory(dir: string): void {
  const missing: string[] = [];
  for (let current = path.resolve(dir); !fs.existsSync(current); current = path.dirname(current)) {
    missing.unshift(current);
    if (path.dirname(current) === current) break;
  }
  for (const component of missing) {
    try {
      fs.mkdirSync(component);
    } catch (error) {
      // Another process starting at the same moment may have created it first.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !fs.statSync(component).isDirectory()) throw error;
    }
  }
  if (missing.length === 0 && !fs.statSync(dir).isDirectory()) {
    throw Object.assign(new Error(`${dir} is not a directory`), { code: 'ENOTDIR' });
  }
}

/** chDB only says "Failed to create connection"; the engine's status file tells who holds the directory. */
function explainEmbeddedOpenFailure(dataDir: string, error: unknown): StoreError {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes('only one active data directory per process')) {
    return new StoreError(
      'STORE_LOCKED',
      `This process already has another chDB data directory open; it cannot also open ${dataDir}. Close the first store before opening another.`,
      { cause: error },
    );
  }
  const holder = readStatusPid(dataDir);
  if (holder !== undefined) return heldByAnotherProcess(dataDir, holder, error);
  return new StoreError('QUERY_FAILED', `Could not open the embedded store at ${dataDir}: ${message}`, { cause: error });
}

function heldByAnotherProcess(dataDir: string, holder: number, cause?: unknown): StoreError {
  const command = commandLine(holder);
  return new StoreError(
    'STORE_LOCKED',
    `The store at ${dataDir} is in use by another process (pid ${holder}${command ? `: ${command}` : ''}); ` +
      `chDB lets one process open a data directory: stop that process (a running API, seed or kpi command), ` +
      `or set KPI_DATA_DIR to another directory.`,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * The other live process whose engine holds the directory, when the kernel says so: the engine keeps an exclusive
 * flock on its `status` file, and Linux lists every flock in /proc/locks by process, device and inode. Anything
 * short of a certain match (no status file, no /proc/locks, another system) answers undefined, and the engine's own
 * refusal decides as before. Unlike the pid written in the status file, a lock cannot outlive its process.
 */
function lockHolder(dataDir: string): number | undefined {
  let status: fs.Stats;
  let locks: string;
  try {
    status = fs.statSync(path.join(dataDir, 'status'));
    locks = fs.readFileSync('/proc/locks', 'utf8');
  } catch {
    return undefined;
  }
  // Linux's dev_t: major in bits 8-19 (and 32+), minor in bits 0-7 and 20-31; /proc/locks prints them in hex.
  const major = ((status.dev >> 8) & 0xfff).toString(16);
  const minor = ((status.dev & 0xff) | ((status.dev >> 12) & 0xfff00)).toString(16);
  for (const line of locks.split('\n')) {
    // "2: FLOCK  ADVISORY  WRITE 24062 fe:00:2157965 0 EOF" (blocked waiters, "2: -> FLOCK …", are not holders)
    const lock = /^\d+:\s+FLOCK\s+\S+\s+WRITE\s+(\d+)\s+([0-9a-f]+):([0-9a-f]+):(\d+)\s/.exec(line);
    if (!lock || Number(lock[4]) !== status.ino) continue;
    if (parseInt(lock[2]!, 16).toString(16) !== major || parseInt(lock[3]!, 16).toString(16) !== minor) continue;
    const pid = Number(lock[1]);
    if (pid !== process.pid) return pid;
  }
  return undefined;
}

/** What the holder is running, so the message says which of the user's processes to stop (Linux only). */
function commandLine(pid: number): string | undefined {
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const text = argv.join(' ').replace(/\s+/g, ' ');
    return text.length > 120 ? `${text.slice(0, 117)}...` : text || undefined;
  } catch {
    return undefined;
  }
}

function readStatusPid(dataDir: string): number | undefined {
  try {
    const status = fs.readFileSync(path.join(dataDir, 'status'), 'utf8');
    const pid = Number(/PID:\s*(\d+)/.exec(status)?.[1]);
    if (!pid || pid === process.pid) return undefined;
    process.kill(pid, 0); // throws when that process is gone (a stale status file after a crash)
    return pid;
  } catch {
    return undefined;
  }
}

async function openServer(
  config: Extract<StoreConfig, { kind: 'server' }>,
): Promise<{ client: ClickHouseClient; version: string }> {
  const connection = { url: config.url, username: config.user, password: config.password, log: CLIENT_LOG };
  // The version check goes first and without our settings: an old server rejects settings it does not know,
  // and "unknown setting" would hide the real problem.
  const bare = createClient({ ...connection, database: 'default' });
  let version: string;
  try {
    version = await serverVersion(config, bare);
    assertSupportedVersion(config, version);
    if (config.database !== 'default') {
      // The name is validated as a plain identifier in storeConfigFromEnv; identifiers cannot be parameters.
      const onCluster = config.cluster ? ` ON CLUSTER ${config.cluster}` : '';
      await wrap(config, () => bare.command({ query: `CREATE DATABASE IF NOT EXISTS ${config.database}${onCluster}` }));
    }
  } finally {
    await bare.close();
  }
  // On a cluster, an insert into a Distributed table returns once every shard has its rows (and each shard's
  // replicated table has checked the insert's deduplication token), not when they are queued for sending.
  const settings = config.cluster ? { ...STORE_SETTINGS, distributed_foreground_insert: 1 } : STORE_SETTINGS;
  const client = createClient({ ...connection, database: config.database, clickhouse_settings: settings });
  return { client, version };
}

export function assertSupportedVersion(config: StoreConfig, version: string): void {
  const { major: needMajor, minor: needMinor } = MIN_SERVER_VERSION;
  const parts = /^(\d+)\.(\d+)/.exec(version);
  const [major, minor] = parts ? [Number(parts[1]), Number(parts[2])] : [Number.NaN, Number.NaN];
  // An unreadable version is refused too: NaN compares false both ways and would otherwise pass.
  const supported = major > needMajor || (major === needMajor && minor >= needMinor);
  if (!supported) {
    throw new StoreError(
      'SERVER_TOO_OLD',
      `${describeStore(config)} runs ClickHouse ${JSON.stringify(version)}; Amanah KPI needs ${needMajor}.${needMinor} ` +
        `or newer: upgrade the server, or unset CLICKHOUSE_URL to use the embedded store.`,
    );
  }
}

/** Turns connection-level failures into one-line StoreErrors; query errors keep ClickHouse's own message. */
async function wrap<T>(config: StoreConfig, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw translateError(config, error);
  }
}

/** Network failures: the server process or the host is not there (or not reachable from here). */
const UNREACHABLE_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN'];
/** 516 AUTHENTICATION_FAILED (current servers); 192 UNKNOWN_USER and 193 WRONG_PASSWORD (older ones). */
const AUTHENTICATION_CODES = ['516', '192', '193'];

function translateError(config: StoreConfig, error: unknown): unknown {
  if (error instanceof StoreError) return error;
  const err = error as { code?: string; message?: string; cause?: { code?: string } };
  const message = err.message ?? '';
  const networkCode = err.code ?? err.cause?.code;
  if (config.kind === 'server') {
    if (networkCode && UNREACHABLE_CODES.includes(networkCode)) {
      return new StoreError(
        'SERVER_UNREACHABLE',
        `Cannot reach ${describeStore(config)} (${networkCode}): is the server running, and is CLICKHOUSE_URL right?`,
        { cause: error },
      );
    }
    // The client parses "Code: 516. DB::Exception" (current servers) into err.code, but not the older
    // "Code: 193, e.displayText() = ..." form, so read the number from the message as well.
    const serverCode = err.code ?? /^Code: (\d+)[.,]/.exec(message)?.[1];
    if (AUTHENTICATION_CODES.includes(String(serverCode)) || /authentication failed|wrong password|unknown user/i.test(message)) {
      return new StoreError(
        'AUTHENTICATION_FAILED',
        `${describeStore(config)} refused the login: check CLICKHOUSE_USER and CLICKHOUSE_PASSWORD.`,
        { cause: error },
      );
    }
  }
  return error;
}
