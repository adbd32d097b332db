import fs from 'node:fs';
import path from 'node:path';
import {
  createClient,
  type ClickHouseClient,
  type ClickHouseClientConfigOptions,
  type ClickHouseSettings,
} from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { describeStore, type StoreConfig } from './config.js';
import { StoreError } from './errors.js';

/**
 * The oldest ClickHouse server we accept. 24.8 is the oldest long-term-support release that has everything our SQL
 * relies on: query parameters ({name:Type}), the Bool type, session_timezone, JSON output settings for 64-bit
 * integers and decimals, and insert deduplication tokens. We test on chDB 26.x; servers older than this are refused.
 */
export const MIN_SERVER_VERSION = { major: 24, minor: 8 } as const;

/**
 * Settings sent with every query, on both connections, so that results have one set of JavaScript types:
 * 64-bit integers and decimals as numbers (chDB does this by default, a server quotes them as strings), dates and
 * times as 'YYYY-MM-DD[ hh:mm:ss]' strings in Asia/Riyadh. Counts here stay far below 2^53, so numbers are exact.
 */
export const STORE_SETTINGS: ClickHouseSettings = {
  output_format_json_quote_64bit_integers: 0,
  output_format_json_quote_decimals: 0,
  date_time_output_format: 'simple',
  session_timezone: 'Asia/Riyadh',
};

export type QueryParams = Record<string, unknown>;

/** The one gateway to ClickHouse. Values reach SQL only as `{name:Type}` parameters. */
export interface Store {
  readonly config: StoreConfig;
  readonly description: string;
  readonly serverVersion: string;
  select<T>(sql: string, params?: QueryParams, settings?: ClickHouseSettings): Promise<T[]>;
  command(sql: string, params?: QueryParams, settings?: ClickHouseSettings): Promise<void>;
  insert<T extends object>(table: string, rows: readonly T[], settings?: ClickHouseSettings): Promise<void>;
  close(): Promise<void>;
}

export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.kind === 'server') {
    const { client, version } = await openServer(config);
    return new ClickHouseStore(config, client, version);
  }
  const client = openEmbedded(config.dataDir);
  return new ClickHouseStore(config, client, await serverVersion(config, client));
}

async function serverVersion(config: StoreConfig, client: ClickHouseClient): Promise<string> {
  const [row] = await wrap(config, () => queryRows<{ version: string }>(client, 'SELECT version() AS version'));
  return row?.version ?? 'unknown';
}

class ClickHouseStore implements Store {
  readonly description: string;
  constructor(
    readonly config: StoreConfig,
    private readonly client: ClickHouseClient,
    readonly serverVersion: string,
  ) {
    this.description = describeStore(config);
  }

  select<T>(sql: string, params: QueryParams = {}, settings: ClickHouseSettings = {}): Promise<T[]> {
    return wrap(this.config, () => queryRows<T>(this.client, sql, params, settings));
  }

  async command(sql: string, params: QueryParams = {}, settings: ClickHouseSettings = {}): Promise<void> {
    await wrap(this.config, () =>
      this.client.command({ query: sql, query_params: params, clickhouse_settings: settings }),
    );
  }

  async insert<T extends object>(table: string, rows: readonly T[], settings: ClickHouseSettings = {}): Promise<void> {
    if (rows.length === 0) return;
    await wrap(this.config, () =>
      this.client.insert({ table, values: rows as T[], format: 'JSONEachRow', clickhouse_settings: settings }),
    );
  }

  close(): Promise<void> {
    return this.client.close();
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
  ensureWritableDirectory(dataDir);
  try {
    // chDB types its connection against @clickhouse/client-common, which the client now bundles under its own
    // path: the two declarations are the same interface, but TypeScript sees two types.
    const connection = createChdbConnection({ path: dataDir }) as unknown as ClickHouseClientConfigOptions['connection'];
    return createClient({ connection, clickhouse_settings: STORE_SETTINGS });
  } catch (error) {
    throw explainEmbeddedOpenFailure(dataDir, error);
  }
}

function ensureWritableDirectory(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
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
  if (holder !== undefined) {
    return new StoreError(
      'STORE_LOCKED',
      `The store at ${dataDir} is in use by another process (pid ${holder}, probably a running API): stop it, or use ` +
        `the CLI against the running API, or set KPI_DATA_DIR to another directory.`,
      { cause: error },
    );
  }
  return new StoreError('QUERY_FAILED', `Could not open the embedded store at ${dataDir}: ${message}`, { cause: error });
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
  const connection = { url: config.url, username: config.user, password: config.password };
  // The version check goes first and without our settings: an old server rejects settings it does not know,
  // and "unknown setting" would hide the real problem.
  const bare = createClient({ ...connection, database: 'default' });
  let version: string;
  try {
    version = await serverVersion(config, bare);
    assertSupportedVersion(config, version);
    if (config.database !== 'default') {
      // The name is validated as a plain identifier in storeConfigFromEnv; identifiers cannot be parameters.
      await wrap(config, () => bare.command({ query: `CREATE DATABASE IF NOT EXISTS ${config.database}` }));
    }
  } finally {
    await bare.close();
  }
  const client = createClient({ ...connection, database: config.database, clickhouse_settings: STORE_SETTINGS });
  return { client, version };
}

export function assertSupportedVersion(config: StoreConfig, version: string): void {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const { major: needMajor, minor: needMinor } = MIN_SERVER_VERSION;
  if (major < needMajor || (major === needMajor && minor < needMinor)) {
    throw new StoreError(
      'SERVER_TOO_OLD',
      `${describeStore(config)} runs ClickHouse ${version}; Amanah KPI needs ${needMajor}.${needMinor} or newer ` +
        `(query parameters, Bool, session_timezone): upgrade the server or unset CLICKHOUSE_URL to use the embedded store.`,
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

function translateError(config: StoreConfig, error: unknown): unknown {
  if (error instanceof StoreError) return error;
  const err = error as { code?: string; message?: string; cause?: { code?: string } };
  const networkCode = err.code ?? err.cause?.code;
  if (config.kind === 'server') {
    if (networkCode && ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN'].includes(networkCode)) {
      return new StoreError(
        'SERVER_UNREACHABLE',
        `Cannot reach ${describeStore(config)} (${networkCode}): is the server running, and is CLICKHOUSE_URL right?`,
        { cause: error },
      );
    }
    // 516 AUTHENTICATION_FAILED (current servers); 192 UNKNOWN_USER and 193 WRONG_PASSWORD (older ones).
    if (['516', '192', '193'].includes(String(err.code)) || /authentication failed|wrong password/i.test(err.message ?? '')) {
      return new StoreError(
        'AUTHENTICATION_FAILED',
        `${describeStore(config)} refused the login: check CLICKHOUSE_USER and CLICKHOUSE_PASSWORD.`,
        { cause: error },
      );
    }
  }
  return error;
}
